import type { JournalAssessment } from "./assessJournal.js";
import { assessJournal } from "./assessJournal.js";

export type ResolutionAssessment = JournalAssessment;

const RULES = {
  hint:
    "Say what was wrong, what was done about it and whether follow-up work is needed, or link the issue that " +
    "tracks it. For example: `/resolve Disk filled up on db-2; cleared old WAL files and added a disk alert; " +
    "follow-up in #123`.",
  missing: "what was wrong or what fixed it",
  minWords: 3,
};

/** Whether a `/resolve` text tells someone who was not there how the incident ended ("fixed" does not). */
export function assessResolution(text: string): ResolutionAssessment {
  return assessJournal(text, RULES);
}
