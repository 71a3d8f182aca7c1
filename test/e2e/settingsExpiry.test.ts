import { afterEach, describe, expect, it } from "vitest";
import { World, BOT, formBody, minutes, comment, openIncident, SEV2 } from "../harness/index.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("the App's settings cache runs on the App's clock", () => {
  it("a reconcile within five minutes of the clock reuses the settings; one past them reads them again", async () => {
    world = await World.start({ mode: "app", config: { oncall: { primary: "erin" } } });
    const w = world;
    const configReads = () =>
      w.sim.requests.filter(
        (r) =>
          r.identity === BOT &&
          r.route === "/repos/{owner}/{repo}/contents/{path}" &&
          decodeURIComponent(r.path).endsWith("/.github/expedite.yml"),
      ).length;
    const n = await openIncident(
      w,
      "alice",
      "[Incident] Checkout down",
      formBody({ Summary: "Down", Severity: SEV2 }),
    );
    await w.settle();
    const first = configReads();
    expect(first).toBeGreaterThan(0);

    // Four minutes on the App's clock (and hardly any real time): the settings read at the declaration serve.
    w.clock.advance(minutes(4));
    await comment(w, "bob", n, "/ack on it");
    await w.settle();
    expect(configReads()).toBe(first);

    // Six minutes after that read: the next reconcile reads the configuration again.
    w.clock.advance(minutes(2));
    await comment(w, "bob", n, "/note still looking at the gateway");
    await w.settle();
    expect(configReads()).toBeGreaterThan(first);
  });
});
