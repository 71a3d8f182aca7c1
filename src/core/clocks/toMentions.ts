/**
 * "@"-prefixed handles, each once. GitHub logins are case-insensitive, so "Alice" and "@alice" are one
 * person; the first spelling given is kept.
 */
export function toMentions(handles: ReadonlyArray<string | undefined>): string[] {
  const seen = new Set<string>();
  const mentions: string[] = [];
  for (const handle of handles) {
    const plain = handle?.trim().replace(/^@/, "");
    if (!plain || seen.has(plain.toLowerCase())) continue;
    seen.add(plain.toLowerCase());
    mentions.push(`@${plain}`);
  }
  return mentions;
}
