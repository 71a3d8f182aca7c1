// Checks requests and responses against GitHub's OpenAPI description. Validators are compiled on
// first use per operation and cached, so starting a simulator costs only parsing the JSON.
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { createAjv } from "./createAjv.js";
import { COMPONENTS_ID, normalizeSchema } from "./normalizeSchema.js";
import { type OperationDescription, operationsDocument } from "./operationsDocument.js";

type Json = Parameters<typeof normalizeSchema>[0];

export interface RequestCheck {
  /** Human-readable problems; empty when the request matches. */
  errors: string[];
  /** Path and query parameters coerced to their declared types (numbers, booleans). */
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

function describe(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? [])
    .slice(0, 8)
    .map((e) => `${where}${e.instancePath} ${e.message ?? "is invalid"}${paramsHint(e)}`);
}

function paramsHint(error: ErrorObject): string {
  if (error.keyword === "additionalProperties") return ` (${String(error.params.additionalProperty)})`;
  if (error.keyword === "enum") return ` (${JSON.stringify(error.params.allowedValues)})`;
  return "";
}

let shared: OpenApiValidator | undefined;

export class OpenApiValidator {
  /** One per process: compiled validators are reused by every simulator. */
  static shared(): OpenApiValidator {
    shared ??= new OpenApiValidator();
    return shared;
  }

  readonly #strict: Ajv;
  readonly #coercing: Ajv;
  readonly #cache = new Map<string, ValidateFunction>();
  readonly #operations: Record<string, OperationDescription>;

  constructor() {
    const document = operationsDocument();
    this.#operations = document.operations;
    const components = {
      $id: COMPONENTS_ID,
      definitions: normalizeSchema(document.components.schemas as Json),
    };
    this.#strict = createAjv();
    this.#coercing = createAjv({ coerceTypes: true });
    this.#strict.addSchema(components);
    this.#coercing.addSchema(components);
  }

  has(key: string): boolean {
    return key in this.#operations;
  }

  #compile(cacheKey: string, ajv: Ajv, schema: () => unknown): ValidateFunction {
    let validate = this.#cache.get(cacheKey);
    if (!validate) {
      validate = ajv.compile(normalizeSchema(schema() as Json) as object);
      this.#cache.set(cacheKey, validate);
    }
    return validate;
  }

  #parameters(
    key: string,
    location: "path" | "query",
    values: Record<string, string>,
  ): { errors: string[]; value: Record<string, unknown> } {
    const operation = this.#operations[key]!;
    const declared = operation.parameters.filter((p) => p.in === location);
    const validate = this.#compile(`${key} ${location}`, this.#coercing, () => ({
      type: "object",
      properties: Object.fromEntries(declared.map((p) => [p.name, p.schema])),
      required: declared.filter((p) => p.required).map((p) => p.name),
    }));
    // Only declared parameters are checked; GitHub ignores unknown query parameters.
    const value: Record<string, unknown> = {};
    for (const p of declared) if (values[p.name] !== undefined) value[p.name] = values[p.name];
    const ok = validate(value);
    return { errors: ok ? [] : describe(validate.errors, location), value: { ...values, ...value } };
  }

  validateRequest(
    key: string,
    input: { params: Record<string, string>; query: Record<string, string>; body: unknown },
  ): RequestCheck {
    const operation = this.#operations[key];
    if (!operation)
      return { errors: [`no OpenAPI operation ${key}`], params: input.params, query: input.query };
    const path = this.#parameters(key, "path", input.params);
    const query = this.#parameters(key, "query", input.query);
    const errors = [...path.errors, ...query.errors];
    const requestBody = operation.requestBody;
    if (requestBody) {
      // A missing required body is checked as {} so the answer names the missing fields.
      const body = input.body === undefined && requestBody.required ? {} : input.body;
      if (body !== undefined) {
        const validate = this.#compile(`${key} body`, this.#strict, () => requestBody.schema);
        if (!validate(body)) errors.push(...describe(validate.errors, "body"));
      }
    }
    return { errors, params: path.value, query: query.value };
  }

  /** Problems with a response body, or [] when it matches (or the status has no JSON schema). */
  validateResponse(key: string, status: number, body: unknown): string[] {
    const schema = this.#operations[key]?.responses[String(status)];
    if (schema === undefined || schema === null) return [];
    const validate = this.#compile(`${key} ${status}`, this.#strict, () => schema);
    return validate(body) ? [] : describe(validate.errors, "response");
  }
}
