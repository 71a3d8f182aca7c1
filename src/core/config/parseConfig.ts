import type { z } from "zod";
import type { Config } from "./schema.js";
import { configSchema } from "./schema.js";
import { pastedSecrets } from "./pastedSecrets.js";

export interface ConfigProblem {
  /** Dotted path of the offending key, e.g. "business_hours.timezone" ("(top level)" for the file). */
  key: string;
  /** The value found there, as YAML-ish text ("(missing)" when absent). */
  value: string;
  /** What is wrong and how to fix it. */
  message: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** Validates a parsed `.github/expedite.yml` (after `_extends` merging) and explains every problem found. */
export function parseConfig(raw: unknown): ConfigResult {
  const input = raw === null || raw === undefined ? {} : raw;
  if (typeof input !== "object" || Array.isArray(input)) {
    return {
      ok: false,
      problems: [
        {
          key: "(top level)",
          value: describe(input),
          message: "the file must be a YAML mapping of settings, e.g. `business_hours:` at the top",
        },
      ],
    };
  }
  // Secrets first, on their own: the schema's own complaints about those keys would only repeat them.
  const secrets = pastedSecrets(input);
  if (secrets.length > 0) return { ok: false, problems: secrets };
  const result = configSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toProblem(issue, input)) };
}

function toProblem(issue: z.core.$ZodIssue, input: unknown): ConfigProblem {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const where = path.length > 0 ? path.join(".") + "." : "";
    return {
      key: issue.keys.map((k) => where + (k === "" ? '""' : k)).join(", "),
      value: "(unknown setting)",
      message: `not a setting Expedite knows; check the spelling against the documented keys${path.length > 0 ? ` of \`${path.join(".")}\`` : ""}`,
    };
  }
  // Nothing under `channels` is echoed: a mistyped key there may still hold something private.
  const value = path[0] === "channels" ? "(not shown)" : valueAt(input, path);
  let message = issue.message;
  if (issue.code === "invalid_type")
    message = `expected ${issue.expected}${value === undefined ? ", but it is missing" : `, got ${typeof value}`}`;
  if (issue.code === "invalid_value" && "values" in issue)
    message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "too_small" || issue.code === "too_big") message = issue.message;
  return {
    key: path.length > 0 ? path.map((p) => (p === "" ? '""' : p)).join(".") : "(top level)",
    value: describe(value),
    message,
  };
}

function valueAt(input: unknown, path: string[]): unknown {
  let node: unknown = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 79) + "…" : text;
}
