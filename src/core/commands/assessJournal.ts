import { codeSpan, ECHO_LENGTH } from "../text/codeSpan.js";

// What goes into the journal (a resolution, a workaround) is what stakeholders and the post-mortem read long
// after the incident: "fixed", "done" or "..." tells them nothing, while a pointer to the issue that tracks
// the problem tells them where to look. This is a floor, not a grader: anything that names a tracked item,
// or has a few words of substance, passes.

export type JournalAssessment = { ok: true } | { ok: false; reason: string };

/** How one kind of journal entry is judged and what a refusal says. */
export interface JournalRules {
  /** What to type instead, with an example. */
  hint: string;
  /** "does not say …": what a content-free text fails to say. */
  missing: string;
  /** Words of this kind of entry that say nothing on their own ("workaround", "mitigated"). */
  alsoContentFree?: ReadonlySet<string>;
  /** Words of substance needed when no tracked item is named. */
  minWords: number;
}

// Words that fill "done"/"all good"/"works now"/"well that sucked"-style messages but name nothing that
// happened. A message made only of these is refused however it is punctuated or capitalised.
const CONTENT_FREE = new Set(
  (
    "fixed fix fixes fixing done resolved resolve resolving solved solve sorted sort ok okay k kk alright " +
    "works work working worked good fine great cool nice better well sucked sucks suck awful bad horrible " +
    "yes yep yeah yay finally phew whew ugh wow lol haha closed close closing gone away went back normal " +
    "again seems seem looks look looking lgtm thanks thank ty nvm nevermind mind handled taken care over " +
    "complete completed finished finish happy sad fun issue issues problem problems bug bugs thing things " +
    "stuff everything something nothing anything now all should be been being was were is are am it its " +
    "this that these those the a an and or but so just to of in on at for with we i you they he she me us " +
    "our my your their there here up out off hopefully probably think guess anyway really very super " +
    "totally definitely ready stable green live running up restored sorted oops whoops yikes damn"
  ).split(" "),
);

// Words that carry no content on their own but do not make a message content-free.
const STOPWORDS = new Set(
  (
    "a an the and or but so to of in on at for with by from into onto as is are was were be been being it " +
    "its this that these those we i you they he she me us our my your their them there here then than now " +
    "up out off not no yes just also too very some any all each every which who whom what when where why how " +
    "has have had do does did will would can could should may might must shall after before again"
  ).split(" "),
);

// A tracked item carries the detail: "#987", "owner/repo#12", a link, "card 987", "JIRA-123", a commit.
const REFERENCES = [
  /(?:^|[^\p{L}\p{N}&])#\d+\b/u,
  /[\w.-]+\/[\w.-]+#\d+\b/,
  /\bhttps?:\/\/[^\s]+/i,
  /\b(?:card|ticket|issue|pr|pull request|jira|story|task|incident|case|bug)\s*(?:no\.?\s*|number\s*)?#?\d+\b/i,
  /\b[A-Z][A-Z0-9]{1,9}-\d+\b/,
  /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/i,
];

export function assessJournal(text: string, rules: JournalRules): JournalAssessment {
  const { hint } = rules;
  const free = (word: string) => CONTENT_FREE.has(word) || (rules.alsoContentFree?.has(word) ?? false);
  const trimmed = text.trim();
  if (trimmed === "") return refuse(`This needs text. ${hint}`);
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return refuse(`Punctuation or emoji alone does not say ${rules.missing}. ${hint}`);
  }
  if (REFERENCES.some((pattern) => pattern.test(trimmed))) return { ok: true };
  const words = trimmed
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
  if (words.every(free)) {
    return refuse(`${codeSpan(trimmed, ECHO_LENGTH)} does not say ${rules.missing}. ${hint}`);
  }
  const meaningful = new Set(words.filter((word) => !STOPWORDS.has(word) && !free(word)));
  if (meaningful.size < rules.minWords) {
    return refuse(`That is too short for someone who was not there to understand. ${hint}`);
  }
  return { ok: true };
}

function refuse(reason: string): JournalAssessment {
  return { ok: false, reason };
}
