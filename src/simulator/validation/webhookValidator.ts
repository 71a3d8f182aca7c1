// Checks webhook payloads against @octokit/webhooks-schemas (closed schemas: an extra key is an error).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv } from "ajv";
import { createAjv } from "./createAjv.js";

const SCHEMA_ID = "webhooks";

export class WebhookValidator {
  readonly #ajv: Ajv;
  readonly #definitions: Set<string>;

  constructor() {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      readFileSync(require.resolve("@octokit/webhooks-schemas/schema.json"), "utf8"),
    ) as {
      definitions: Record<string, unknown>;
    };
    this.#definitions = new Set(Object.keys(schema.definitions));
    this.#ajv = createAjv();
    this.#ajv.addSchema({ ...schema, $id: SCHEMA_ID });
  }

  /** Problems with a payload, or [] when it matches its event's schema. */
  validate(event: string, payload: Record<string, unknown>): string[] {
    const action = typeof payload.action === "string" ? payload.action : undefined;
    const name = [action && `${event}$${action}`, `${event}$event`, `${event}_event`].find(
      (candidate) => candidate && this.#definitions.has(candidate),
    );
    if (!name) return [`no webhook schema for ${event}${action ? `.${action}` : ""}`];
    const validate = this.#ajv.getSchema(`${SCHEMA_ID}#/definitions/${name}`);
    if (!validate) return [`webhook schema ${name} did not compile`];
    if (validate(payload)) return [];
    return (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (e) =>
          `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.keyword === "additionalProperties" ? ` (${String(e.params.additionalProperty)})` : ""}`,
      );
  }
}
