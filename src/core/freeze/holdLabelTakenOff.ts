import type { TimelineEvent } from "../snapshot.js";

/**
 * When a person took the hold label off, if that was its last change (Expedite's own label events aside).
 * Then a hold record may be open although the label is gone, so the record is looked for when the hold
 * has ended.
 */
export function holdLabelTakenOff(
  events: readonly TimelineEvent[],
  label: string,
  isBot: (login: string) => boolean,
): number | undefined {
  const name = label.toLowerCase();
  const last = [...events]
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .filter((e) => (e.type === "labeled" || e.type === "unlabeled") && e.label.toLowerCase() === name)
    .at(-1);
  return last?.type === "unlabeled" && !isBot(last.actor) ? last.at : undefined;
}
