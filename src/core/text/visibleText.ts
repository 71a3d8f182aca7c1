import { Parser } from "commonmark";

// Zero-width characters render as nothing; "#\u200B1" must not hide a reference, nor fake one.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * The words of a Markdown text that a reader sees, as a CommonMark parser (commonmark.js, the reference
 * implementation GitHub's renderer follows) reads them: text of paragraphs, headings, lists, quotes and
 * links. Code (spans and blocks), raw HTML and HTML comments are left out, so "#12" inside them refers to
 * nothing. Blocks and line breaks become newlines, so words of two blocks never run together.
 */
export function visibleText(markdown: string): string {
  const parts: string[] = [];
  const walker = new Parser().parse(markdown).walker();
  for (let step = walker.next(); step !== null; step = walker.next()) {
    const { node, entering } = step;
    if (node.type === "text") parts.push(node.literal ?? "");
    else if (node.type === "softbreak" || node.type === "linebreak") parts.push("\n");
    else if (
      !entering &&
      node.isContainer &&
      node.type !== "emph" &&
      node.type !== "strong" &&
      node.type !== "link"
    )
      parts.push("\n");
    else if (
      node.type === "code" ||
      node.type === "code_block" ||
      node.type === "html_inline" ||
      node.type === "html_block"
    )
      parts.push(" ");
  }
  return parts.join("").replace(INVISIBLE, "");
}
