import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  FORM_FIELDS,
  FORM_TEMPLATE_PATH,
  FORM_TITLE_PREFIX,
  REVENUE_OPTIONS,
  SEVERITY_OPTIONS,
} from "../../../src/core/form/formFields.js";
import { parseIssueForm } from "../../../src/core/form/parseIssueForm.js";
import { renderFormBody } from "./renderFormBody.js";

interface Element {
  type: string;
  id?: string;
  attributes: { label?: string; value?: string; description?: string; options?: unknown[] };
  validations?: { required?: boolean };
}

const template = parse(readFileSync(new URL(`../../../${FORM_TEMPLATE_PATH}`, import.meta.url), "utf8")) as {
  name: string;
  description: string;
  title: string;
  labels: string[];
  body: Element[];
};

describe(FORM_TEMPLATE_PATH, () => {
  it("is an issue form that applies the incident label", () => {
    expect(template.name).toBeTruthy();
    expect(template.description).toBeTruthy();
    expect(template.title).toBe(FORM_TITLE_PREFIX);
    expect(template.labels).toEqual(["incident"]);
    expect(template.body[0]?.type).toBe("markdown");
  });

  it("follows GitHub's issue-form rules: known types, unique ids and labels, options are strings", () => {
    const types = new Set(["markdown", "input", "textarea", "dropdown", "checkboxes"]);
    const fields = template.body.filter((element) => element.type !== "markdown");
    for (const element of template.body) expect(types.has(element.type)).toBe(true);
    const ids = fields.map((element) => element.id);
    expect(ids.every((id) => typeof id === "string" && /^[A-Za-z0-9_-]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const labels = fields.map((element) => element.attributes.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const element of fields.filter((field) => field.type === "dropdown")) {
      const options = element.attributes.options ?? [];
      expect(options.every((option) => typeof option === "string" && option !== "None")).toBe(true);
      expect(new Set(options).size).toBe(options.length);
    }
  });

  it("has exactly the fields the parser reads, with the same labels, types and options", () => {
    const fields = template.body.filter((element) => element.type !== "markdown");
    expect(fields.map((element) => element.id)).toEqual(FORM_FIELDS.map((field) => field.id));
    for (const field of FORM_FIELDS) {
      const element = fields.find((candidate) => candidate.id === field.id);
      expect(element?.type).toBe(field.type);
      expect(element?.attributes.label).toBe(field.label);
      if (field.options !== undefined) expect(element?.attributes.options).toEqual([...field.options]);
    }
  });

  it("offers four severities, SEV1 to SEV4 in order, and Yes/No/Unknown for revenue", () => {
    const options = (id: string) => template.body.find((element) => element.id === id)?.attributes.options;
    expect(options("severity")).toHaveLength(4);
    (options("severity") as string[]).forEach((option, index) =>
      expect(option.startsWith(`SEV${index + 1} `)).toBe(true),
    );
    expect(options("severity")).toEqual([...SEVERITY_OPTIONS]);
    expect(options("revenue")).toEqual(Object.values(REVENUE_OPTIONS));
  });

  it("requires the summary and says which time formats are accepted", () => {
    expect(template.body.find((element) => element.id === "summary")?.validations?.required).toBe(true);
    const started = template.body.find((element) => element.id === "started");
    expect(started?.attributes.description).toMatch(/45m ago/);
    expect(started?.attributes.description).toMatch(/yesterday 23:10/);
  });

  it("round-trips: every option the form offers is read back", () => {
    for (const [index, option] of SEVERITY_OPTIONS.entries()) {
      expect(parseIssueForm(renderFormBody({ severity: option }), { now: 0, timeZone: "UTC" }).severity).toBe(
        index + 1,
      );
    }
    for (const [value, option] of Object.entries(REVENUE_OPTIONS)) {
      expect(parseIssueForm(renderFormBody({ revenue: option }), { now: 0, timeZone: "UTC" }).revenue).toBe(
        value,
      );
    }
  });
});
