import type { z } from "zod";
import type { Config } from "./schema.js";
import { configSchema } from "./schema.js";
import { nearestKey } from "./nearestKey.js";
import { pastedSecrets } from "./pastedSecrets.js";

export interface ConfigProblem {
  /** Dotted path of the offending key, e.g. "business_hours.timezone" ("(top level)" for the file). */
  key: string;
  /** The value found there, as YAML-ish text ("(missing)" when absent). */
  value: string;
  /** What is wrong and how to fix it. */
  message: string;
  /** Where it is in the repository's file, when it is there (1-based). */
  line?: number;
  column?: number;
}

/** The configuration file on the default branch was refused; an earlier valid version is in use. */
export interface RefusedConfig {
  path: string;
  problems: ConfigProblem[];
  /** The commit whose version is in use instead. */
  sha: string;
  at?: string;
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
    const suggestions = issue.keys
      .map((k) => [k, nearestKey(path, k)] as const)
      .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
      .map(([k, near]) => `\`${k}\` → \`${near}\``);
    return {
      key: issue.keys.map((k) => where + (k === "" ? '""' : k)).join(", "),
      value: "(unknown setting)",
      message:
        suggestions.length > 0
          ? `not a setting Expedite knows; did you mean ${suggestions.join(", ")}?`
          : `not a setting Expedite knows; check the spelling against the documented keys${path.length > 0 ? ` of \`${path.join(".")}\`` : ""}`,
    };
  }
  // Nothing under `channels` is echoed: a mistyped key there may still hold something private.
  const value = path[0] === "channels" ? "(not shown)" : valueAt(input, path);
  return {
    key: path.length > 0 ? path.map((p) => (p === "" ? '""' : p)).join(".") : "(top level)",
    value: describe(value),
    message: inWords(issue, value),
  };
}

// zod's own wording ("Too small: expected number to be >=1", a regular expression) is for programmers;
// the file's author gets a sentence about the value they wrote.
function inWords(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? `this setting is required: expected ${article(issue.expected)}`
        : `expected ${article(issue.expected)}, but found ${article(kindOf(value))}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
    case "too_big": {
      const limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
      const bound =
        issue.code === "too_small"
          ? issue.inclusive === false
            ? "more than"
            : "at least"
          : issue.inclusive === false
            ? "less than"
            : "at most";
      if (issue.origin === "array") return `needs ${bound} ${limit} entr${limit === 1 ? "y" : "ies"}`;
      if (issue.origin === "string")
        return issue.code === "too_small" && limit === 1
          ? "must not be empty"
          : `must be ${bound} ${limit} characters long`;
      return `must be ${bound} ${limit}`;
    }
    case "invalid_format":
      // Every pattern of the schema carries its own example; a bare pattern message would be a regex.
      return issue.message.includes("pattern")
        ? "is not written the way this setting expects; see docs/configuration.md"
        : issue.message;
    default:
      return issue.message;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "mapping";
  return typeof value;
}

function article(kind: string): string {
  const words: Record<string, string> = {
    array: "a list",
    object: "a mapping",
    list: "a list",
    mapping: "a mapping",
    null: "nothing",
  };
  return words[kind] ?? (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);
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
