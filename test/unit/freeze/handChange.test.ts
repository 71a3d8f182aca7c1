import { describe, expect, it } from "vitest";
import { handChangeMovedFreeze, mayHoldFreeze } from "../../../src/core/freeze/handChange.js";
import { config, issue } from "../projection/fixtures.js";

const cfg = config();
const BOTS = new Set(["expedite[bot]"]);

describe("which hand changes re-check the pull requests", () => {
  it("a severity put on a freezing incident, or taken off it, moves the freeze", () => {
    const sev1 = issue({ labels: ["incident", "sev:1"] });
    expect(handChangeMovedFreeze({ issue: sev1, label: { name: "sev:1", added: true } }, cfg)).toBe(true);
    const none = issue({ labels: ["incident"] });
    expect(handChangeMovedFreeze({ issue: none, label: { name: "sev:1", added: false } }, cfg)).toBe(true);
  });

  it("a minor incident's labels, or labels that decide nothing, do not", () => {
    const sev4 = issue({ labels: ["incident", "sev:4"] });
    expect(handChangeMovedFreeze({ issue: sev4, label: { name: "sev:4", added: true } }, cfg)).toBe(false);
    const sev1 = issue({ labels: ["incident", "sev:1", "frontend"] });
    expect(handChangeMovedFreeze({ issue: sev1, label: { name: "frontend", added: true } }, cfg)).toBe(false);
  });

  it("closing or reopening a freezing incident moves the freeze; the freeze labels always do", () => {
    const closed = issue({ labels: ["incident", "sev:1"], state: "closed" });
    expect(handChangeMovedFreeze({ issue: closed, stateChanged: "closed" }, cfg)).toBe(true);
    const plain = issue({ labels: [] });
    expect(handChangeMovedFreeze({ issue: plain, label: { name: "code-freeze", added: false } }, cfg)).toBe(
      true,
    );
  });

  it("a hold may be at stake when the incident label is taken off or the hold label marks the issue", () => {
    const former = issue({ labels: ["sev:1"] });
    expect(mayHoldFreeze({ issue: former, label: { name: "incident", added: false } }, cfg, BOTS)).toBe(true);
    expect(mayHoldFreeze({ issue: former, label: { name: "frontend", added: true } }, cfg, BOTS)).toBe(false);
    const held = issue({ labels: ["freeze-held"] });
    expect(mayHoldFreeze({ issue: held }, cfg, BOTS)).toBe(true);
  });
});
