/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds ("2024-01-02T03:04:05Z"). */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
