import { describe, expect, it } from "vitest";
import { projectIncident } from "../../../src/core/projection/projectIncident.js";
import type { PostmortemLink } from "../../../src/core/types.js";
import { BOTS, PERMISSIONS, T0, comment, config, issue, labeled } from "./fixtures.js";

const cfg = config();
const resolved = [
  labeled("alice", "incident", 0, 0),
  labeled("alice", "sev1", 0, 1),
  comment("bob", "/ack on it", 3),
  comment("bob", "/mitigate Switched card traffic to the backup provider", 40),
  comment("bob", "/resolve The provider fixed their certificate rotation; error rate is normal", 90),
];
const at = (minutes: number) => T0 + minutes * 60_000;
const link = (state: PostmortemLink["state"], extra: Partial<PostmortemLink> = {}): PostmortemLink => ({
  number: 8,
  url: "https://github.com/acme/shop/pull/8",
  path: "docs/postmortems/x.md",
  state,
  openedAt: at(95),
  ...extra,
});
const project = (findings?: Parameters<typeof projectIncident>[3]["findings"]) =>
  projectIncident(issue(), resolved, cfg, {
    trustedBots: BOTS,
    permissions: PERMISSIONS,
    now: at(200),
    ...(findings ? { findings } : {}),
  }).incident;

describe("the projection folds in what a reconcile found beyond the timeline", () => {
  it("a post-mortem pull request moves the incident into the post-mortem state, from when it opened", () => {
    const before = project();
    expect(before.state).toBe("resolved");
    const after = project({ postmortem: link("open") });
    expect(after.state).toBe("postmortem");
    expect(after.postmortemAt).toBe(at(95));
    // The earlier stamps stand: the post-mortem state implies a resolution, which was already recorded.
    expect(after.resolvedAt).toBe(before.resolvedAt);
    expect(after.timeline.map((e) => e.text)).toContain("post-mortem opened for review as pull request #8");
    // Rows stay in time order, and the gaps are computed once, from the incident with its post-mortem.
    expect(after.timeline.map((e) => e.at)).toEqual(
      [...after.timeline.map((e) => e.at)].sort((a, b) => a - b),
    );
  });

  it("a post-mortem closed unmerged is a gap; a merged one is a timeline row", () => {
    const closed = project({ postmortem: link("closed") });
    expect(closed.gaps.map((g) => g.kind)).toContain("postmortem-closed-unmerged");
    const merged = project({ postmortem: link("merged", { mergedAt: at(180) }), followups: [] });
    expect(merged.timeline.at(-1)).toMatchObject({ at: at(180), text: "post-mortem merged (#8)" });
    expect(merged.gaps.map((g) => g.kind)).not.toContain("postmortem-closed-unmerged");
  });

  it("a post-mortem that could not be opened is said as a gap, and the incident stays resolved", () => {
    const failed = project({ postmortemError: "The token may not open pull requests." });
    expect(failed.state).toBe("resolved");
    expect(failed.gaps.find((g) => g.kind === "postmortem-failed")?.message).toContain("may not open");
  });

  it("follow-up issues found are shown as they are", () => {
    const followups = [{ number: 12, url: "https://github.com/acme/shop/issues/12", title: "Pay back: x" }];
    expect(project({ followups }).followups).toEqual(followups);
  });
});
