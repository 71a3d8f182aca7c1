// Writes src/openapi/operations.json: the slice of GitHub's published OpenAPI description
// that the simulator serves, stripped of prose so it stays small enough to commit.
// Run with: npm run openapi -w @expedite/github-simulator (after updating @octokit/openapi)
//
// It reads api.github.com.json, the same description as api.github.com.deref.json but with shared
// schemas kept as $refs: that is the deduplicated form (about 170 KB for the served operations instead
// of about 900 KB inlined), and ajv resolves the refs itself.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVED_OPERATIONS } from "../src/openapi/servedOperations.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const specPath = require.resolve("@octokit/openapi/generated/api.github.com.json");
const { version } = JSON.parse(readFileSync(join(dirname(specPath), "..", "package.json"), "utf8")) as {
  version: string;
};
const spec = JSON.parse(readFileSync(specPath, "utf8")) as {
  paths: Record<string, Record<string, JsonObject>>;
  components: Record<string, Record<string, JsonObject>>;
};

// Prose and samples: useless for validation, and most of the bytes.
const DROPPED_KEYWORDS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "x-github",
  "x-octokit",
  "x-multi-segment",
  "deprecated",
]);
const COMPONENT_REF = /^#\/components\/(schemas|parameters|responses|requestBodies)\/(.+)$/;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a component $ref (parameters, responses and request bodies are inlined; schemas stay refs). */
function resolve(node: Json | undefined): Json | undefined {
  if (!isObject(node) || typeof node.$ref !== "string") return node;
  const match = COMPONENT_REF.exec(node.$ref);
  if (!match) throw new Error(`unsupported $ref ${node.$ref}`);
  return resolve(spec.components[match[1]!]?.[match[2]!]);
}

const usedSchemas = new Set<string>();

/** Strips prose from a JSON Schema and records which component schemas it references. */
function stripSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(stripSchema);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    if (key === "$ref" && typeof value === "string") {
      const match = COMPONENT_REF.exec(value);
      if (match?.[1] !== "schemas") throw new Error(`unexpected schema $ref ${value}`);
      usedSchemas.add(match[2]!);
      out[key] = value;
    } else if ((key === "properties" || key === "patternProperties") && isObject(value)) {
      // Names under `properties` are data (a property may be called "title"), not keywords.
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripSchema(sub)]));
    } else {
      out[key] = stripSchema(value);
    }
  }
  return out;
}

function jsonSchemaOf(content: Json | undefined): Json | undefined {
  if (!isObject(content)) return undefined;
  const type = Object.keys(content).find((t) => t.includes("json")) ?? Object.keys(content)[0];
  const media = type === undefined ? undefined : content[type];
  return isObject(media) && media.schema !== undefined ? stripSchema(media.schema) : undefined;
}

// Places where the published description contradicts itself; each fix is recorded in the output.
const ERRATA: Array<{ operation: string; note: string; apply: (operation: JsonObject) => void }> = [
  {
    operation: "GET /app/installations",
    note:
      "200: the inline item schema makes `account` allOf [simple-user, enterprise] (both at once); " +
      "use the `installation` schema of GET /app/installations/{installation_id}, where it is anyOf",
    apply: (operation) => {
      (operation.responses as JsonObject)["200"] = {
        type: "array",
        items: { $ref: "#/components/schemas/installation" },
      };
      usedSchemas.add("installation");
    },
  },
  {
    operation: "PUT /repos/{owner}/{repo}/contents/{path}",
    note:
      "409: oneOf [basic-error, repository-rule-violation-error], two open schemas every error body " +
      "matches, so oneOf can never pass; anyOf is what it means",
    apply: (operation) => {
      const conflict = (operation.responses as JsonObject)["409"] as JsonObject;
      conflict.anyOf = conflict.oneOf!;
      delete conflict.oneOf;
    },
  },
  {
    operation: "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels",
    note: 'request body: `labels` says "You can pass an empty array to remove all labels" but has minItems 1; allow [] (and make the oneOf an anyOf, since [] fits both branches)',
    apply: (operation) => {
      const body = (operation.requestBody as JsonObject).schema as JsonObject;
      // [] then fits both branches, so oneOf must become anyOf too.
      body.anyOf = body.oneOf!;
      delete body.oneOf;
      for (const branch of body.anyOf as JsonObject[])
        delete ((branch.properties as JsonObject).labels as JsonObject).minItems;
    },
  },
];

const operations: Record<string, JsonObject> = {};
for (const key of SERVED_OPERATIONS) {
  const [method, path] = key.split(" ") as [string, string];
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${key} is not in @octokit/openapi@${version}`);
  const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).map(resolve);
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
    const resolved = resolve(response);
    responses[status] = isObject(resolved) ? (jsonSchemaOf(resolved.content) ?? null) : null;
  }
  const body = resolve(operation.requestBody);
  operations[key] = {
    operationId: operation.operationId ?? null,
    parameters: parameters.filter(isObject).map((p) => ({
      name: p.name ?? null,
      in: p.in ?? null,
      required: p.required === true,
      schema: stripSchema(p.schema ?? {}),
    })),
    requestBody: isObject(body)
      ? { required: body.required === true, schema: jsonSchemaOf(body.content) ?? {} }
      : null,
    responses,
  };
}

for (const erratum of ERRATA) erratum.apply(operations[erratum.operation]!);

// Component schemas reference others: take the transitive closure.
const schemas: Record<string, Json> = {};
for (let pending = [...usedSchemas]; pending.length > 0;) {
  const name = pending.pop()!;
  if (name in schemas) continue;
  const schema = spec.components.schemas?.[name];
  if (schema === undefined) throw new Error(`missing component schema ${name}`);
  const before = new Set(usedSchemas);
  schemas[name] = stripSchema(schema);
  pending.push(...[...usedSchemas].filter((n) => !before.has(n)));
}

// The same mistakes in shared component schemas.
const SCHEMA_ERRATA: Array<{ schema: string; note: string; apply: (schema: JsonObject) => void }> = [
  {
    schema: "pull-request-simple",
    note:
      "labels[].description is a non-nullable string, but GitHub answers null for a label without a " +
      "description (one created by adding it to an issue) and the `pull-request` schema says nullable",
    apply: (schema) => {
      const labels = (schema.properties as JsonObject).labels as JsonObject;
      const description = ((labels.items as JsonObject).properties as JsonObject).description as JsonObject;
      description.nullable = true;
    },
  },
];
for (const erratum of SCHEMA_ERRATA) erratum.apply(schemas[erratum.schema] as JsonObject);

const outPath = join(root, "src/openapi/operations.json");
const output = {
  source: `@octokit/openapi@${version}`,
  generatedBy: "scripts/extract-openapi.ts",
  errata: [
    ...ERRATA.map(({ operation, note }) => `${operation} ${note}`),
    ...SCHEMA_ERRATA.map(({ schema, note }) => `#/components/schemas/${schema}: ${note}`),
  ],
  operations,
  components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))) },
};
writeFileSync(outPath, JSON.stringify(output) + "\n");
console.log(
  `wrote ${Object.keys(operations).length} operations and ${Object.keys(schemas).length} schemas to ${outPath}`,
);
