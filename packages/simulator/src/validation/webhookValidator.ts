// Checks webhook payloads against @octokit/webhooks-schemas (closed schemas: an extra key is an error).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv, ValidateFunction } from "ajv";
import { createAjv } from "./createAjv.js";

// Each definition is registered as its own schema so compiling one event's validator compiles just
// what it references; compiling the package's root (a oneOf of every event) takes seconds.
const BASE = "https://webhooks.simulator.invalid/";

let shared: WebhookValidator | undefined;

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema") continue;
    out[key] =
      key === "$ref" && typeof value === "string"
        ? value.replace(/^#\/definitions\//, BASE)
        : rewriteRefs(value);
  }
  return out;
}

export class WebhookValidator {
  readonly #ajv: Ajv;
  readonly #definitions: Set<string>;
  readonly #compiled = new Map<string, ValidateFunction>();

  /** One per process: compiled validators are reused by every simulator. */
  static shared(): WebhookValidator {
    shared ??= new WebhookValidator();
    return shared;
  }

  constructor() {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve("@octokit/webhooks-schemas/schema.json"), "utf8"),
    ) as {
      definitions: Record<string, unknown>;
    };
    // Erratum: the schemas' list of an installation's events predates deployment_protection_rule, which
    // GitHub lists for an App subscribed to it (Expedite is one, as a deployment protection rule).
    const installation = schema.definitions.installation as {
      properties: { events: { items: { enum: string[] } } };
    };
    installation.properties.events.items.enum.push("deployment_protection_rule");
    this.#definitions = new Set(Object.keys(schema.definitions));
    this.#ajv = createAjv();
    for (const [name, definition] of Object.entries(schema.definitions)) {
      this.#ajv.addSchema({ ...(rewriteRefs(definition) as object), $id: `${BASE}${name}` });
    }
  }

  /** Problems with a payload, or [] when it matches its event's schema. */
  validate(event: string, payload: Record<string, unknown>): string[] {
    const action = typeof payload.action === "string" ? payload.action : undefined;
    const name = [action && `${event}$${action}`, `${event}$event`, `${event}_event`].find(
      (candidate) => candidate && this.#definitions.has(candidate),
    );
    if (!name) return [`no webhook schema for ${event}${action ? `.${action}` : ""}`];
    let validate = this.#compiled.get(name);
    if (!validate) {
      validate = this.#ajv.getSchema(`${BASE}${name}`)!;
      this.#compiled.set(name, validate);
    }
    if (validate(payload)) return [];
    return (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (e) =>
          `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.keyword === "additionalProperties" ? ` (${String(e.params.additionalProperty)})` : ""}`,
      );
  }
}
