import { readFileSync } from "node:fs";

export interface OperationParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: unknown;
}

export interface OperationDescription {
  operationId: string;
  parameters: OperationParameter[];
  requestBody: { required: boolean; schema: unknown } | null;
  responses: Record<string, unknown>;
}

export interface OperationsDocument {
  source: string;
  generatedBy: string;
  operations: Record<string, OperationDescription>;
  components: { schemas: Record<string, unknown> };
}

let cached: OperationsDocument | undefined;

/** The OpenAPI slice written by scripts/extract-openapi.ts, parsed once per process. */
export function operationsDocument(): OperationsDocument {
  cached ??= JSON.parse(
    readFileSync(new URL("../openapi/operations.json", import.meta.url), "utf8"),
  ) as OperationsDocument;
  return cached;
}
