/** The marker key of an update reminder: its due time as ISO 8601 UTC, so each due time is reminded once. */
export function reminderKey(dueAt: number): string {
  return new Date(dueAt).toISOString();
}
