// Matches "METHOD /path" against the OpenAPI templates the simulator serves.
import type { OperationDescription } from "../validation/operationsDocument.js";

// Parameters that may contain slashes on GitHub (file paths, refs like heads/feature/x, branch names).
const MULTI_SEGMENT = new Set(["path", "ref", "branch"]);

interface CompiledRoute {
  key: string;
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  literals: number;
}

export interface RouteMatch {
  key: string;
  template: string;
  params: Record<string, string>;
}

export class Router {
  readonly #routes: CompiledRoute[];

  constructor(operations: Record<string, OperationDescription>, keys: readonly string[]) {
    this.#routes = keys.map((key) => {
      const [method, template] = key.split(" ") as [string, string];
      const integers = new Set(
        (operations[key]?.parameters ?? [])
          .filter((p) => p.in === "path" && (p.schema as { type?: string } | null)?.type === "integer")
          .map((p) => p.name),
      );
      const names: string[] = [];
      const source = template
        .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
        .replace(/\{(\w+)\}/g, (_, name: string) => {
          names.push(name);
          // The contents API answers for the root too: "contents/" lists the repository's top level.
          if (name === "path" && template.endsWith("/contents/{path}")) return "(.*)";
          return integers.has(name) ? "(\\d+)" : MULTI_SEGMENT.has(name) ? "(.+)" : "([^/]+)";
        });
      return {
        key,
        method,
        template,
        regex: new RegExp(`^${source}/?$`),
        names,
        literals: template.split("/").filter((s) => s && !s.startsWith("{")).length,
      };
    });
    // More literal segments first, so /issues/comments wins over /issues/{issue_number}.
    this.#routes.sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const wanted = method === "HEAD" ? "GET" : method;
    for (const route of this.#routes) {
      if (route.method !== wanted) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        const raw = found[i + 1] ?? "";
        params[name] = raw.split("/").map(safeDecode).join("/");
      });
      return { key: route.key, template: route.template, params };
    }
    return undefined;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
