/** A "### Label" section of a rendered issue form: the label as written and the answer under it. */
export interface FormSection {
  label: string;
  answer: string;
}

const HEADING = /^ {0,3}###[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * Splits an issue body at its level-3 headings, which is how GitHub renders issue-form answers. Headings
 * inside fenced code are part of an answer (someone pasted a log or a README), not new sections.
 */
export function formSections(body: string): FormSection[] {
  const sections: FormSection[] = [];
  let current: { label: string; lines: string[] } | undefined;
  let fence: string | undefined;
  for (const line of body.split(/\r\n|\r|\n/)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    } else if (marker !== undefined) {
      fence = marker;
    } else {
      const heading = HEADING.exec(line);
      if (heading !== null) {
        if (current !== undefined) sections.push(finish(current));
        current = { label: heading[1] ?? "", lines: [] };
        continue;
      }
    }
    current?.lines.push(line);
  }
  if (current !== undefined) sections.push(finish(current));
  return sections;
}

function finish(section: { label: string; lines: string[] }): FormSection {
  return { label: section.label, answer: section.lines.join("\n").trim() };
}
