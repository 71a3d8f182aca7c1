/**
 * Handles GitHub would link (and notify) in a piece of markdown: `@login` and `@org/team` outside code
 * spans, fenced blocks and HTML comments, and not glued to a preceding word character (an e-mail address).
 * A word joiner after "@" (how Expedite defuses a handle) stops the match.
 */
export function mentionsIn(markdown: string): string[] {
  const visible = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/(`+)[\s\S]*?\1/g, "");
  return [...visible.matchAll(/(?<![\w`])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_.-]+)?)/g)].map(
    (m) => m[1]!,
  );
}

/**
 * What is wrong with the markup of one bot comment, if anything: the marker must open the comment and be
 * the only Expedite marker in it; every HTML comment must be closed by the one `-->` that belongs to it;
 * no raw HTML tag from people's text; every table row must have as many cells as its header.
 */
export function markupProblems(body: string): string[] {
  const problems: string[] = [];
  if (!/^<!-- expedite:[a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*=[^\s<>]*)* -->\n/.test(body))
    problems.push("does not start with its marker line");
  if (body.indexOf("<!-- expedite:", 1) !== -1) problems.push("carries a second expedite marker");
  const opens = body.split("<!--").length - 1;
  const closes = body.split("-->").length - 1;
  if (opens !== closes) problems.push(`${opens} "<!--" but ${closes} "-->"`);
  for (const tag of ["<img", "<script", "<details", "</details", "<summary", "<b>", "<a ", "<iframe"]) {
    if (body.toLowerCase().includes(tag)) problems.push(`raw ${tag}`);
  }
  let header: number | undefined;
  for (const line of body.split("\n")) {
    if (!line.startsWith("|")) {
      header = undefined;
      continue;
    }
    const cells = line.replace(/\\\|/g, "").split("|").length - 2;
    if (header === undefined) header = cells;
    else if (cells !== header)
      problems.push(`table row with ${cells} cells under a ${header}-cell header: ${line}`);
  }
  return problems;
}
