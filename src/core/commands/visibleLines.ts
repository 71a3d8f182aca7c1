import { Parser } from "commonmark";
import type { Node } from "commonmark";

/** One line of a comment as a reader sees it; `text` is null where nothing on it can be a command. */
export interface VisibleLine {
  /** 1-based line number in the comment body. */
  line: number;
  /** The line with HTML comments cut out, or null when it is not paragraph text. */
  text: string | null;
}

// Invisible characters arrive by copy-paste, e.g. the word joiner the bot puts after "@" in its own replies
// to stop mentions; "/lead @\u2060alice" must still mean alice.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const HIDDEN_BLOCKS = new Set(["block_quote", "code_block", "html_block", "heading"]);

/**
 * Which lines of a comment may carry commands, decided by a CommonMark parser (commonmark.js, the
 * reference implementation whose C twin GitHub's renderer is built on) instead of rules about lines: only
 * paragraph lines outside quotes count, so code (fenced or indented, in a list item or not), quotes,
 * headings and HTML blocks never do. Whether a visible line is a command then depends on how it starts
 * ("- /ack" starts with a list marker, "\/ack" with an escape).
 */
export function visibleLines(body: string): VisibleLine[] {
  const lines = body.split(/\r\n|\r|\n/);
  const visible: Array<string | null> = lines.map(() => null);
  for (const paragraph of paragraphs(parse(body))) {
    const [[first], [last]] = paragraph.sourcepos;
    const raw = lines.slice(first - 1, last).join("\n");
    const text = withoutComments(raw, paragraph);
    // When the paragraph's comments cannot be located exactly, none of it is read: hiding a command
    // someone meant costs a retype, running one nobody can see costs an incident.
    if (text === undefined) continue;
    text.split("\n").forEach((line, index) => {
      visible[first - 1 + index] = line.replace(INVISIBLE, "");
    });
  }
  return visible.map((text, index) => ({ line: index + 1, text }));
}

function parse(markdown: string): Node {
  return new Parser().parse(markdown);
}

function paragraphs(document: Node): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    for (let child = node.firstChild; child !== null; child = child.next) {
      if (child.type === "paragraph") found.push(child);
      else if (!HIDDEN_BLOCKS.has(child.type)) visit(child);
    }
  };
  visit(document);
  return found;
}

/**
 * The paragraph's source with its HTML comments cut out (line breaks inside them kept, so line numbers
 * hold). The comments are found in the source and must be exactly the ones the parser saw, in order;
 * otherwise (a "<!--" inside code, a comment split by a container's indentation) undefined.
 */
function withoutComments(raw: string, paragraph: Node): string | undefined {
  const parsed: string[] = [];
  const walker = paragraph.walker();
  for (let step = walker.next(); step !== null; step = walker.next()) {
    const literal = step.node.literal;
    if (step.node.type === "html_inline" && literal !== null && literal.startsWith("<!--"))
      parsed.push(literal);
  }
  let text = "";
  let at = 0;
  const found: string[] = [];
  for (let start = raw.indexOf("<!--", at); start >= 0; start = raw.indexOf("<!--", at)) {
    const end = commentEnd(raw, start);
    if (end === undefined) break;
    const comment = raw.slice(start, end);
    found.push(comment);
    text += raw.slice(at, start) + comment.replace(/[^\n]/g, "");
    at = end;
  }
  text += raw.slice(at);
  if (found.length !== parsed.length || found.some((comment, i) => comment !== parsed[i])) return undefined;
  return text;
}

/** CommonMark 0.31: `<!-->`, `<!--->`, or `<!--` up to the first `-->`. */
function commentEnd(raw: string, start: number): number | undefined {
  if (raw.startsWith("<!-->", start)) return start + 5;
  if (raw.startsWith("<!--->", start)) return start + 6;
  const close = raw.indexOf("-->", start + 4);
  return close < 0 ? undefined : close + 3;
}
