// Reads the checklist back out of a post-mortem that people have edited by hand. Tolerant on purpose: any
// heading level, any list marker, [x] or [X], nested items, wrapped lines. Strict about where it looks:
// only the "Action items" section counts, and nothing inside code fences or HTML comments (the template's
// own instructions live in a comment and may show example items).

export interface ActionItem {
  text: string;
  checked: boolean;
  /** 1-based line of the item in the document. */
  line: number;
}

export const ACTION_ITEMS_HEADING = "Action items";

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CHECKBOX = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\](?:[ \t]+(.*))?$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

export function parseActionItems(markdown: string, heading: string = ACTION_ITEMS_HEADING): ActionItem[] {
  const lines = markdown.split(/\r?\n/);
  const wanted = normaliseHeading(heading);
  const items: ActionItem[] = [];
  let sectionLevel: number | undefined;
  let done = false;
  let fence: string | undefined;
  let inComment = false;
  let current: ActionItem | undefined;
  let currentIndent = 0;

  for (let index = 0; index < lines.length && !done; index++) {
    const raw = lines[index] ?? "";
    if (fence !== undefined) {
      if (raw.trimStart().startsWith(fence) && raw.trim().replace(/[`~]/g, "") === "") fence = undefined;
      continue;
    }
    const { text: line, inComment: stillInComment } = stripComments(raw, inComment);
    const wasInComment = inComment;
    inComment = stillInComment;
    if (wasInComment && line.trim() === "") continue;

    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      fence = (fenceMatch[1] ?? "```").slice(0, 3);
      current = undefined;
      continue;
    }

    const headingMatch = HEADING.exec(line);
    if (headingMatch) {
      const level = (headingMatch[1] ?? "").length;
      if (sectionLevel === undefined) {
        if (normaliseHeading(headingMatch[2] ?? "") === wanted) sectionLevel = level;
      } else if (level <= sectionLevel) {
        // The next heading of the same or a higher level ends the section; subheadings stay inside it.
        done = true;
      }
      current = undefined;
      continue;
    }
    if (sectionLevel === undefined) continue;

    const box = CHECKBOX.exec(line);
    if (box) {
      const text = (box[3] ?? "").trim();
      current = undefined;
      if (text === "") continue;
      current = { text, checked: box[2] !== " ", line: index + 1 };
      currentIndent = indentWidth(box[1] ?? "");
      items.push(current);
      continue;
    }
    if (line.trim() === "" || LIST_ITEM.test(line)) {
      current = undefined;
      continue;
    }
    // A wrapped line of the previous item (indented under it, or a lazy continuation) joins its text.
    if (current && (indentWidth(/^[ \t]*/.exec(line)?.[0] ?? "") > currentIndent || !/^\s/.test(line))) {
      current.text = `${current.text} ${line.trim()}`;
    }
  }
  return items;
}

function normaliseHeading(text: string): string {
  return text
    .replace(/[*_`]/g, "")
    .replace(/[:.]\s*$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

function indentWidth(whitespace: string): number {
  return whitespace.replace(/\t/g, "    ").length;
}

/** Removes HTML comments from one line, carrying an unterminated comment over to the next line. */
function stripComments(line: string, inComment: boolean): { text: string; inComment: boolean } {
  let rest = line;
  let out = "";
  let open = inComment;
  while (rest !== "") {
    if (open) {
      const end = rest.indexOf("-->");
      if (end === -1) return { text: out, inComment: true };
      rest = rest.slice(end + 3);
      open = false;
    } else {
      const start = rest.indexOf("<!--");
      if (start === -1) return { text: out + rest, inComment: false };
      out += rest.slice(0, start);
      rest = rest.slice(start + 4);
      open = true;
    }
  }
  return { text: out, inComment: open };
}
