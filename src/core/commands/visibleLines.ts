/** One line of a comment as a reader sees it; `text` is null where the line is code or a quote. */
export interface VisibleLine {
  /** 1-based line number in the comment body. */
  line: number;
  /** The line with HTML comments cut out, or null when nothing on it can be a command. */
  text: string | null;
}

// Only what a reader sees as plain text may carry commands: a quoted "> /ack" is someone replying to an old
// command, a fenced block is an example, and an HTML comment is invisible. When unsure (unclosed fences or
// comments, fences inside lists) this errs on the side of hiding, because running a command nobody meant
// is worse than asking someone to retype one.
const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^\s*(`{3,}|~{3,})\s*$/;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

export function visibleLines(body: string): VisibleLine[] {
  const lines = body.split(/\r\n|\r|\n/);
  const result: VisibleLine[] = [];
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (fence !== undefined) {
      const close = FENCE_CLOSE.exec(raw);
      const marker = close?.[1];
      if (marker !== undefined && marker[0] === fence.char && marker.length >= fence.length)
        fence = undefined;
      result.push({ line, text: null });
      return;
    }
    if (!inComment) {
      const open = FENCE_OPEN.exec(raw);
      const marker = open?.[1];
      // A backtick fence's info string cannot contain a backtick; "```x```" is inline code, not a fence.
      if (marker !== undefined && !(marker[0] === "`" && (open?.[2] ?? "").includes("`"))) {
        fence = { char: marker[0] ?? "`", length: marker.length };
        result.push({ line, text: null });
        return;
      }
    }
    const stripped = stripComments(raw, inComment);
    inComment = stripped.inComment;
    // Invisible characters arrive by copy-paste, e.g. the word joiner the bot puts after "@" in its own
    // replies to stop mentions; "/lead @\u2060alice" must still mean alice.
    const text = stripped.text.replace(INVISIBLE, "");
    result.push({ line, text: text.trimStart().startsWith(">") ? null : text });
  });
  return result;
}

function stripComments(raw: string, startsInComment: boolean): { text: string; inComment: boolean } {
  let inComment = startsInComment;
  let text = "";
  let i = 0;
  while (i < raw.length) {
    if (inComment) {
      const end = raw.indexOf("-->", i);
      if (end < 0) return { text, inComment };
      inComment = false;
      i = end + 3;
    } else {
      const start = raw.indexOf("<!--", i);
      if (start < 0) {
        text += raw.slice(i);
        break;
      }
      text += raw.slice(i, start);
      i = start + 4;
      // "<!-->" and "<!--->" are complete (empty) comments.
      if (raw.startsWith(">", i)) i += 1;
      else if (raw.startsWith("->", i)) i += 2;
      else inComment = true;
    }
  }
  return { text, inComment };
}
