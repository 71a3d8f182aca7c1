/**
 * Echoes a fragment of what someone typed inside a refusal, as inline code: GitHub neither links mentions
 * nor renders HTML inside code, and removing backticks and line breaks keeps the fragment from escaping it.
 * Refusal texts are therefore safe to post as they are (escaping them again would show "&lt;" literally).
 */
export function codeSpan(typed: string, maxLength = 40): string {
  const flat = typed.replace(/[`\r\n]+/g, " ").trim();
  const clipped = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  return "`" + (clipped === "" ? " " : clipped) + "`";
}
