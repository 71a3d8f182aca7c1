import type { IssueSnapshot, TimelineEvent, Permission } from "../../../src/core/snapshot.js";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import type { Config } from "../../../src/core/config/schema.js";

export const T0 = Date.parse("2026-11-20T15:00:00Z"); // Friday 10:00 in New York: business hours

export function config(raw: unknown = {}): Config {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

export const FORM_BODY = [
  "### Summary",
  "",
  "Checkout fails with a 500 for card payments",
  "",
  "### Severity",
  "",
  "SEV1",
  "",
  "### Applications impacted",
  "",
  "checkout-web, payments-api",
  "",
  "### Business or customer impact",
  "",
  "No card payments can be taken",
  "",
  "### Revenue affected",
  "",
  "Yes",
].join("\n");

export function issue(overrides: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    number: 7,
    title: "[Incident] Checkout failing",
    body: FORM_BODY,
    url: "https://github.com/acme/shop/issues/7",
    state: "open",
    author: "alice",
    createdAt: T0,
    labels: ["incident"],
    assignees: [],
    isPullRequest: false,
    ...overrides,
  };
}

let nextId = 1000;
export function comment(author: string, body: string, minutes: number, seq = minutes * 10): TimelineEvent {
  const at = T0 + minutes * 60_000;
  const id = nextId++;
  return {
    type: "commented",
    at,
    seq,
    actor: author,
    comment: {
      id,
      author,
      body,
      createdAt: at,
      updatedAt: at,
      url: `https://github.com/acme/shop/issues/7#issuecomment-${id}`,
      plusOnes: 0,
    },
  };
}

export function labeled(
  actor: string,
  label: string,
  minutes: number,
  seq = minutes * 10 + 1,
  type: "labeled" | "unlabeled" = "labeled",
): TimelineEvent {
  return { type, at: T0 + minutes * 60_000, seq, actor, label };
}

export const PERMISSIONS = new Map<string, Permission>([
  ["alice", "write"],
  ["bob", "triage"],
  ["carol", "read"],
  ["dave", "admin"],
  ["frank", "write"],
]);

export const BOTS = new Set(["expedite[bot]"]);
