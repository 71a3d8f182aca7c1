// Injected failures, matched by method and OpenAPI route, consumed in the order they were added.
import type { FaultRule } from "../types.js";

const BARRIER_TIMEOUT_MS = 30_000;

type Rule = FaultRule & { remaining: number; waiting: Array<() => void> };

export class FaultBook {
  readonly #rules: Rule[] = [];

  add(rule: FaultRule): void {
    this.#rules.push({ ...rule, remaining: rule.times ?? rule.barrier ?? 1, waiting: [] });
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

  /** Waits at a barrier rule until `barrier` requests have reached it (see FaultRule.barrier). */
  async arrive(rule: FaultRule): Promise<void> {
    const gate = rule as Rule;
    if (!gate.barrier) return;
    await new Promise<void>((resolve) => {
      gate.waiting.push(resolve);
      if (gate.waiting.length >= gate.barrier!) for (const open of gate.waiting.splice(0)) open();
      else setTimeout(resolve, BARRIER_TIMEOUT_MS).unref();
    });
  }
}

export function describeFault(rule: FaultRule): string {
  if (rule.reset) return "reset";
  if (rule.rateLimit) return rule.rateLimit;
  if (rule.applyThenFail) return `applyThenFail ${rule.status ?? 502}`;
  if (rule.status !== undefined) return String(rule.status);
  if (rule.barrier) return `barrier ${rule.barrier}`;
  return `delay ${rule.delayMs ?? 0}ms`;
}
