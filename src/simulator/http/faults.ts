// Injected failures, matched by method and OpenAPI route, consumed in the order they were added.
import type { FaultRule } from "../types.js";

export class FaultBook {
  readonly #rules: Array<FaultRule & { remaining: number }> = [];

  add(rule: FaultRule): void {
    this.#rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The first rule matching this request, with one use consumed. */
  take(method: string, route: string): FaultRule | undefined {
    const index = this.#rules.findIndex(
      (r) =>
        (r.method === undefined || r.method.toUpperCase() === method) &&
        (r.route === undefined || r.route === route),
    );
    if (index === -1) return undefined;
    const rule = this.#rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    return rule;
  }
}

export function describeFault(rule: FaultRule): string {
  if (rule.reset) return "reset";
  if (rule.rateLimit) return rule.rateLimit;
  if (rule.applyThenFail) return `applyThenFail ${rule.status ?? 502}`;
  if (rule.status !== undefined) return String(rule.status);
  return `delay ${rule.delayMs ?? 0}ms`;
}
