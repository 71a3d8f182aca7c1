import {
  FULL,
  OWNER,
  REPO,
  formBody,
  minutes,
  comment,
  openIncident,
  SEV1,
  SEV2,
} from "../../harness/index.js";
import type { World } from "../../harness/index.js";
import { identityOf } from "./snapshot.js";

/** A form-filed SEV2 incident with revenue hit, as alice opens it. */
export async function declareIncident(w: World, title = "[Incident] Checkout card payments failing") {
  return openIncident(
    w,
    "alice",
    title,
    formBody({
      Summary: "Card payments fail with a 500",
      Severity: SEV2,
      "Applications impacted": "checkout-web",
      "Business / customer impact": "Orders are lost",
      "Revenue affected": "Yes",
    }),
  );
}

/** A SEV1 incident run to resolution, which opens a post-mortem pull request (default config). */
export async function resolvedSev1(w: World): Promise<number> {
  const number = await openIncident(
    w,
    "alice",
    "[Incident] Basket empties itself",
    formBody({ Summary: "Baskets lose items", Severity: SEV1, "Revenue affected": "Yes" }),
  );
  await w.settle();
  w.clock.advance(minutes(3));
  await comment(w, "bob", number, "/ack");
  w.clock.advance(minutes(10));
  await comment(w, "bob", number, "/mitigate Sessions pinned to the old basket service");
  w.clock.advance(minutes(20));
  await comment(
    w,
    "bob",
    number,
    "/resolve A cache key collision dropped basket lines; fixed the key and flushed the cache",
  );
  await w.settle();
  return number;
}

/** Bot comments on an issue grouped by the kind of their marker ("board", "reply", …). */
export function kinds(w: World, number: number): string[] {
  return w
    .botComments(number)
    .map((c) => identityOf(c.body).split(":")[0]!)
    .sort();
}

export function postmortemPulls(w: World) {
  return w.sim
    .issues(FULL)
    .filter((i) => i.pull_request)
    .map((i) => w.sim.pull(FULL, i.number)!)
    .filter((p) => p.head.ref.startsWith("expedite/postmortem-"));
}

/** Requests the simulator answered with an injected fault, as "METHOD route → fault". */
export function injected(w: World): string[] {
  return w.sim.requests.filter((r) => r.fault).map((r) => `${r.method} ${r.route} → ${r.fault}`);
}

/** Pino lines the App logged, parsed. */
export function logLines(w: World): Array<Record<string, unknown> & { level: number; msg: string }> {
  return w.logs.map((line) => JSON.parse(line) as Record<string, unknown> & { level: number; msg: string });
}

export const repo = { owner: OWNER, repo: REPO };
