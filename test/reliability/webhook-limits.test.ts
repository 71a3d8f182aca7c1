import { afterEach, describe, expect, it } from "vitest";
import { FULL } from "../harness/index.js";
import type { World } from "../harness/index.js";
import { deliver } from "../e2e/support/deliver.js";
import { startWorld } from "./support/worlds.js";

// What the App's webhook endpoint accepts (App mode only: the Action receives no HTTP deliveries).
// GitHub caps a delivery's payload at 25 MB, so anything larger did not come from GitHub; and a refused
// signature is one event for an operator to notice, so it is one log line.

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function payload(padding: number) {
  return {
    action: "opened",
    issue: { number: 1, title: "x", labels: [], state: "open", user: { login: "alice" } },
    repository: { name: "shop", full_name: FULL, owner: { login: "acme" } },
    sender: { login: "alice" },
    installation: { id: 1 },
    padding: "x".repeat(padding),
  };
}

describe("webhook limits (App mode)", () => {
  it("refuses a signed body over GitHub's 25 MB cap without touching GitHub, and keeps serving", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    w.sim.clearLog();
    const response = await deliver(w.app!.webhookUrl, "issues", payload(30 * 1024 * 1024));
    expect(response.status).toBe(413);
    await w.settle();
    expect(w.sim.requests).toEqual([]);
    // Still serving: a normal delivery is answered.
    const ok = await deliver(w.app!.webhookUrl, "ping", { zen: "Keep it logically awesome.", hook_id: 1 });
    expect(ok.status).toBeLessThan(300);
  });

  it("logs a refused signature as exactly one error line", async () => {
    world = await startWorld({ mode: "app" });
    const w = world;
    const before = w.logs.length;
    const response = await deliver(w.app!.webhookUrl, "issues", payload(10), { signature: "wrong" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await w.settle();
    const errors = w.logs.slice(before).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/signature/i);
  });
});
