import type { JournalAssessment } from "./assessJournal.js";
import { assessJournal } from "./assessJournal.js";

const RULES = {
  hint:
    "Say what is in place and what it changes for the people affected, or link where it is tracked. For " +
    "example: `/mitigate Card payments routed to the backup gateway; checkout works, 2% higher fees`.",
  missing: "what the workaround is",
  // The words a bare "/mitigate workaround in place" is made of.
  alsoContentFree: new Set(
    "mitigated mitigate mitigating mitigation workaround workarounds applied apply place temporary temporarily for".split(
      " ",
    ),
  ),
  // A workaround is often short ("failed over to the standby"), but one word is not one.
  minWords: 2,
};

/** Whether a `/mitigate` text says what the workaround is (playbook 002: journal the workaround). */
export function assessWorkaround(text: string): JournalAssessment {
  return assessJournal(text, RULES);
}
