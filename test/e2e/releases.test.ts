import { afterEach, describe, expect, it } from "vitest";
import { World, FULL, minutes } from "../harness/index.js";
import type { Mode } from "../harness/index.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

// The world starts Tuesday 2026-11-17 10:00 in New York; the window runs 11:00–13:00 local.
const CONFIG = {
  oncall: { primary: "erin" },
  freeze: { windows: [{ name: "Launch day", start: "2026-11-17T11:00", end: "2026-11-17T13:00" }] },
  releases: { announce: true, milestone_notice: "3d" },
};

function announcements(w: World) {
  const tracker = w.sim.issues(FULL).find((i) => i.labels.includes("release-announcements"));
  return tracker
    ? w.botComments(tracker.number).filter((c) => c.body.startsWith("<!-- expedite:release-announce"))
    : [];
}

describe.each<Mode>(["app", "action"])("release announcements (%s mode)", (mode) => {
  it("announces a draft, a milestone coming due and the published release once each, flagging a freeze", async () => {
    world = await World.start({ mode, config: CONFIG });
    const w = world;
    const start = w.clock.now();
    const alice = w.as("alice");
    // Duplicated deliveries (App): each step is still announced once.
    if (mode === "app") w.sim.setWebhookFaults({ duplicate: "concurrent" });

    const { data: draft } = await alice.rest.repos.createRelease({
      owner: "acme",
      repo: "shop",
      tag_name: "v4.2.0",
      name: "Shop 4.2",
      body: "Faster checkout and a new basket page.\n\nMore details inside.",
      draft: true,
    });
    await w.sweep();
    expect(announcements(w)).toHaveLength(1);
    expect(announcements(w)[0]?.body).toMatch(/Release drafted: Shop 4\.2/);
    expect(announcements(w)[0]?.body).toMatch(/Faster checkout/);
    expect(announcements(w)[0]?.body).not.toMatch(/code freeze/);

    // A milestone due in two days is announced once; one due in ten days is not yet.
    await alice.rest.issues.createMilestone({
      owner: "acme",
      repo: "shop",
      title: "Checkout revamp",
      due_on: new Date(start + 2 * 86_400_000).toISOString(),
    });
    await alice.rest.issues.createMilestone({
      owner: "acme",
      repo: "shop",
      title: "Later",
      due_on: new Date(start + 10 * 86_400_000).toISOString(),
    });
    await w.sweep();
    expect(announcements(w)).toHaveLength(2);
    expect(announcements(w)[1]?.body).toMatch(/Release milestone due: Checkout revamp/);

    // Nothing new: a sweep writes nothing.
    w.sim.clearLog();
    await w.sweep();
    expect(w.sim.writes()).toEqual([]);

    // Published during the freeze window: announced once, flagged.
    w.clock.set(start + minutes(70));
    await alice.rest.repos.updateRelease({ owner: "acme", repo: "shop", release_id: draft.id, draft: false });
    await w.settle();
    await w.sweep();
    await w.sweep();
    const all = announcements(w);
    expect(all).toHaveLength(3);
    expect(all[2]?.body).toMatch(/Released: Shop 4\.2/);
    expect(all[2]?.body).toMatch(/code freeze/);
    expect(all[2]?.body).toMatch(/Launch day/);
    expect(w.sim.issues(FULL).filter((i) => i.labels.includes("release-announcements"))).toHaveLength(1);
    expect(w.sim.validationErrors).toEqual([]);
  });
});
