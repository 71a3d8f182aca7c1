import { codeSpan } from "./codeSpan.js";

// A resolution is what stakeholders and the post-mortem read long after the incident: "fixed" or "..."
// tells them nothing, while a pointer to the issue that tracks the problem tells them where to look.
// This is a floor, not a grader: anything that names a tracked item, or has a few words of substance, passes.

export type ResolutionAssessment = { ok: true } | { ok: false; reason: string };

const HINT =
  "Say what was wrong, what was done about it and whether follow-up work is needed, or link the issue that " +
  "tracks it. For example: `/resolve Disk filled up on db-2; cleared old WAL files and added a disk alert; " +
  "follow-up in #123`.";

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

const MIN_MEANINGFUL_WORDS = 3;

export function assessResolution(text: string): ResolutionAssessment {
  const trimmed = text.trim();
  if (trimmed === "") return refuse(`A resolution needs text. ${HINT}`);
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return refuse(`Punctuation or emoji alone does not say how this ended. ${HINT}`);
  }
  if (REFERENCES.some((pattern) => pattern.test(trimmed))) return { ok: true };
  const words = trimmed
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");
  if (words.every((word) => CONTENT_FREE.has(word))) {
    return refuse(`${codeSpan(trimmed)} does not say what was wrong or what fixed it. ${HINT}`);
  }
  const meaningful = new Set(words.filter((word) => !STOPWORDS.has(word) && !CONTENT_FREE.has(word)));
  if (meaningful.size < MIN_MEANINGFUL_WORDS) {
    return refuse(`That is too short for someone who was not there to understand. ${HINT}`);
  }
  return { ok: true };
}

function refuse(reason: string): ResolutionAssessment {
  return { ok: false, reason };
}
