import { configSchema, type Config, type ConfigInput } from "../../../src/core/config/schema.js";
import type { PullRequestFacts } from "../../../src/core/freeze/types.js";
import type { Incident } from "../../../src/core/types.js";
import { emptyIncident } from "../../../src/core/emptyIncident.js";

/** Epoch ms of an ISO instant; tests spell instants in UTC (with Z) or with an explicit offset. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
}

export function config(freeze: ConfigInput["freeze"] = {}, rest: Omit<ConfigInput, "freeze"> = {}): Config {
  return configSchema.parse({ ...rest, freeze });
}

export function incident(overrides: Partial<Incident> = {}): Incident {
  return emptyIncident({
    number: 12,
    title: "Checkout returns 500",
    url: "https://github.com/acme/shop/issues/12",
    state: "acknowledged",
    severity: 1,
    severitySet: true,
    revenue: true,
    declaredAt: at("2026-03-02T14:00:00Z"),
    startedAt: at("2026-03-02T13:50:00Z"),
    ...overrides,
  });
}

export function pullRequest(overrides: Partial<PullRequestFacts> = {}): PullRequestFacts {
  return {
    number: 77,
    base: "main",
    headSha: "a1b2c3d" + "0".repeat(33),
    title: "Speed up the cart",
    body: "",
    labels: [],
    exceptions: [],
    referencedIncidents: [],
    ...overrides,
  };
}
