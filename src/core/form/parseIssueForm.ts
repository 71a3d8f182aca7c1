import { leadingTime } from "../time/leadingTime.js";
import type { IncidentForm, Severity } from "../types.js";
import { FORM_FIELDS, NO_RESPONSE } from "./formFields.js";
import { formSections } from "./formSections.js";

export interface FormContext {
  /** When the issue was opened: "45m ago" and "14:30" in the form count back from here. */
  now: number;
  /** The team's zone, for times typed without one. */
  timeZone: string;
}

// Issue bodies can be up to 65,536 characters; answers beyond these lengths are pasted logs, and the
// board and reports only ever show the start of them.
const MAX_BODY = 65_536;
const MAX_ANSWER = 10_000;
const MAX_SUMMARY_FROM_TEXT = 500;
const MAX_STARTED_TEXT = 200;
// A form time a minute ahead of the issue is clock skew, not a time in the future.
const CLOCK_SKEW_MS = 60_000;

const FIELD_BY_LABEL = new Map(FORM_FIELDS.map((field) => [normalizeLabel(field.label), field]));

/**
 * Reads the answers of the incident issue form from the issue body GitHub rendered. Missing answers stay
 * undefined (the board shows them as gaps); unknown sections are ignored. A body that is not a form at
 * all (an issue labelled `incident` by hand) gives its first paragraph as the summary.
 */
export function parseIssueForm(body: string | null | undefined, ctx: FormContext): IncidentForm {
  if (typeof body !== "string") return {};
  const text = body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body;
  const form: IncidentForm = {};
  let isForm = false;
  for (const section of formSections(text)) {
    const field = FIELD_BY_LABEL.get(normalizeLabel(section.label));
    if (field === undefined) continue;
    isForm = true;
    const answer = section.answer === NO_RESPONSE ? "" : clip(section.answer, MAX_ANSWER);
    if (answer === "") continue;
    switch (field.key) {
      case "severity":
        form.severity = severityOf(answer);
        break;
      case "revenue":
        form.revenue = revenueOf(answer);
        break;
      case "startedText": {
        form.startedText = clip(answer, MAX_STARTED_TEXT);
        const read = startedAt(answer, ctx);
        if ("at" in read) form.startedAt = read.at;
        else form.startedProblem = read.error;
        break;
      }
      case "summary":
      case "applications":
      case "businessImpact":
      case "evidence":
      case "reproduce":
        form[field.key] = answer;
        break;
      default:
        break;
    }
  }
  if (!isForm) {
    const summary = firstParagraph(text);
    if (summary !== undefined) form.summary = summary;
  }
  // Keep the object free of keys whose value could not be read, so "not answered" has one shape.
  for (const key of Object.keys(form) as Array<keyof IncidentForm>) {
    if (form[key] === undefined) delete form[key];
  }
  return form;
}

function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s?:.*_]+$/, "")
    .trim();
}

function severityOf(answer: string): Severity | undefined {
  const match = /^\s*(?:sev(?:erity)?\s*[-:]?\s*)?([1-4])(?!\d)/i.exec(answer);
  return match === null ? undefined : (Number(match[1]) as Severity);
}

function revenueOf(answer: string): IncidentForm["revenue"] {
  const word = answer.trim().toLowerCase();
  if (/^(yes|y|true)\b/.test(word)) return "yes";
  if (/^(no|n|false)\b/.test(word)) return "no";
  if (/^(unknown|not sure|unsure|don'?t know|\?)/.test(word)) return "unknown";
  return undefined;
}

function startedAt(answer: string, ctx: FormContext): { at: number } | { error: string } {
  const firstLine = answer.split("\n")[0] ?? "";
  const when = leadingTime(firstLine, { now: ctx.now, timeZone: ctx.timeZone, direction: "past" });
  if ("error" in when) return when;
  if (when.at > ctx.now + CLOCK_SKEW_MS) return { error: "That is after the issue was opened." };
  return { at: Math.min(when.at, ctx.now) };
}

function firstParagraph(text: string): string | undefined {
  const visible = text.replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  for (const paragraph of visible.split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)) {
    const cleaned = paragraph
      .split(/\r\n|\r|\n/)
      .map((line) => line.replace(/^\s{0,3}#{1,6}\s+/, "").trim())
      .filter((line) => line !== "")
      .join("\n");
    if (cleaned !== "") return clip(cleaned, MAX_SUMMARY_FROM_TEXT);
  }
  return undefined;
}

function clip(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
