import { FORM_FIELDS, NO_RESPONSE } from "../../../src/core/form/formFields.js";

/** The issue body GitHub renders from the form: "### Label", a blank line, the answer or "_No response_". */
export function renderFormBody(answers: Record<string, string | undefined>): string {
  return FORM_FIELDS.map((field) => `### ${field.label}\n\n${answers[field.id] ?? NO_RESPONSE}`).join("\n\n");
}
