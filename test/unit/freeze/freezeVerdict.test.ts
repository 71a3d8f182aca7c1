import { describe, expect, it } from "vitest";
import { freezeVerdict } from "../../../src/core/freeze/freezeVerdict.js";
import type {
  ExceptionRecord,
  FreezeIssue,
  FreezeVerdict,
  PullRequestFacts,
} from "../../../src/core/freeze/types.js";
import type { Config } from "../../../src/core/config/schema.js";
import type { Incident } from "../../../src/core/types.js";
import { at, config, incident, pullRequest } from "./helpers.js";

const HEAD = pullRequest().headSha;
const OLD = "0ld5ha0" + "0".repeat(33);
// During the Christmas closure (22 Dec 17:00 EST → 28 Dec 08:00 EST), on a Saturday.
const NOW = at("2026-12-26T12:00:00Z");

const christmas = config({
  approvers: ["@acme/release-managers", "bob"],
  closures: [{ name: "Christmas closure", closes: "2026-12-24T17:00", reopens: "2026-12-28T08:00" }],
});

function verdict(
  options: {
    config?: Config;
    pr?: Partial<PullRequestFacts>;
    incidents?: Incident[];
    freezeIssues?: FreezeIssue[];
    approvers?: string[];
    now?: number;
  } = {},
): FreezeVerdict {
  return freezeVerdict({
    now: options.now ?? NOW,
    config: options.config ?? christmas,
    defaultBranch: "main",
    freezeIssues: options.freezeIssues ?? [],
    incidents: options.incidents ?? [],
    pr: pullRequest(options.pr),
    ...(options.approvers && { approvers: options.approvers }),
  });
}

function grant(overrides: Partial<ExceptionRecord> = {}): ExceptionRecord {
  return {
    pullRequest: 77,
    sha: HEAD,
    by: "bob",
    at: at("2026-12-26T11:00:00Z"),
    reason: "Fixes the gift-card rounding bug customers hit today",
    granted: true,
    ...overrides,
  };
}

// A mention GitHub would link: "@" followed directly by a login character.
const LIVE_MENTION = /@[A-Za-z0-9]/;

describe("freezeVerdict", () => {
  it("passes when no freeze applies, and says so", () => {
    const v = verdict({ config: config() });
    expect(v).toEqual({
      conclusion: "success",
      title: "No code freeze on main",
      summary: "No code freeze applies to `main` right now, so this pull request may merge.",
      freezes: [],
    });
  });

  it("passes a PR into a branch the freeze does not cover", () => {
    const v = verdict({ pr: { base: "feature/gift-cards" }, incidents: [incident()] });
    expect(v.conclusion).toBe("success");
    expect(v.title).toBe("No code freeze on feature/gift-cards");
  });

  it("fails during a freeze, naming it, its end and the way through", () => {
    const v = verdict();
    expect(v.conclusion).toBe("failure");
    expect(v.title).toBe("Code freeze: Christmas closure until Mon 28 Dec 08:00 EST");
    expect(v.freezes).toEqual([
      {
        kind: "closure",
        name: "Christmas closure",
        startedAt: at("2026-12-22T22:00:00Z"),
        endsAt: at("2026-12-28T13:00:00Z"),
      },
    ]);
    expect(v.summary).toContain("**Merging into `main` is held back by a code freeze.**");
    expect(v.summary).toContain(
      "| Christmas closure (office closure) | Tue 22 Dec 17:00 EST | Mon 28 Dec 08:00 EST | **blocks** |",
    );
    expect(v.summary).toContain("1. Comment `/freeze-exception <reason>` on this pull request");
    expect(v.summary).toContain(
      "2. Have it granted by the on-call engineer or another approver: @\u2060acme/release-managers, @\u2060bob.",
    );
    expect(v.summary).toContain("3. A grant covers one commit (now `a1b2c3d`): after a new push, ask again.");
    expect(v.summary).not.toMatch(LIVE_MENTION);
    expect(v.exception).toBeUndefined();
    expect(v.hotfixFor).toBeUndefined();
  });

  it("evaluates merge-queue refs like branch names", () => {
    expect(verdict({ pr: { base: "refs/heads/main" } }).title).toBe(
      "Code freeze: Christmas closure until Mon 28 Dec 08:00 EST",
    );
  });

  it("names the caller's approvers (deduplicated) instead of the configured ones", () => {
    const v = verdict({ approvers: ["carol", "@Carol", "@acme/sre"] });
    expect(v.summary).toContain("the on-call engineer or another approver: @\u2060carol, @\u2060acme/sre.");
    expect(v.summary).not.toContain("bob");
    const none = verdict({ config: config({ closures: christmas.freeze.closures }) });
    expect(none.summary).toContain("2. Have it granted by the on-call engineer. Asking is not enough");
  });

  describe("ignore_paths", () => {
    const c = config({ ...christmas.freeze, ignore_paths: ["docs/**", "**/*.md"] });

    it("passes a PR that only touches ignored paths", () => {
      const v = verdict({ config: c, pr: { files: ["docs/runbook.md", "README.md"] } });
      expect(v.conclusion).toBe("success");
      expect(v.title).toBe("Passes the freeze: only ignored paths changed");
      expect(v.summary).toContain("all 2 changed files match `freeze.ignore_paths`");
      expect(v.freezes).toHaveLength(1);
    });

    it("holds a PR that touches anything else, or whose files are unknown", () => {
      expect(verdict({ config: c, pr: { files: ["docs/runbook.md", "src/cart.ts"] } }).conclusion).toBe(
        "failure",
      );
      expect(verdict({ config: c, pr: {} }).conclusion).toBe("failure");
    });
  });

  describe("exceptions", () => {
    it("passes with a grant for the head SHA, saying who granted it for which commit", () => {
      const v = verdict({ pr: { exceptions: [grant()] } });
      expect(v.conclusion).toBe("success");
      expect(v.title).toBe("Exception granted by bob for a1b2c3d");
      expect(v.exception).toEqual(grant());
      expect(v.summary).toContain("| passed: exception by @\u2060bob |");
      expect(v.summary).toContain(
        "Exception granted by @\u2060bob for commit `a1b2c3d` (Sat 26 Dec 06:00 EST)",
      );
      expect(v.summary).toContain("while the freeze lasts, a new push needs a new grant");
    });

    it("holds a new push: a per-commit grant for the old head no longer counts", () => {
      const v = verdict({ pr: { exceptions: [grant({ sha: OLD })] } });
      expect(v.conclusion).toBe("failure");
      expect(v.exception).toBeUndefined();
      expect(v.summary).toContain(
        "@\u2060bob granted an exception for commit `0ld5ha0`, but the head is now `a1b2c3d`; a grant covers one commit",
      );
    });

    it("keeps a grant across pushes when exception_per_commit is false", () => {
      const c = config({ ...christmas.freeze, exception_per_commit: false });
      const v = verdict({ config: c, pr: { exceptions: [grant({ sha: OLD })] } });
      expect(v.conclusion).toBe("success");
      expect(v.title).toBe("Exception granted by bob");
      expect(v.summary).toContain("covers this pull request across pushes");
    });

    it("changes nothing for a request, but shows it as waiting", () => {
      const request = grant({ by: "erin", granted: false, reason: "cc @dave <b>urgent</b>" });
      const v = verdict({ pr: { exceptions: [request] } });
      expect(v.conclusion).toBe("failure");
      expect(v.summary).toContain(
        "@\u2060erin asked for an exception (Sat 26 Dec 06:00 EST): “cc @\u2060dave &lt;b&gt;urgent&lt;/b&gt;”. It is waiting for an approver.",
      );
      expect(v.summary).not.toMatch(LIVE_MENTION);
    });

    it("ignores grants recorded for another pull request", () => {
      expect(verdict({ pr: { exceptions: [grant({ pullRequest: 78 })] } }).conclusion).toBe("failure");
    });

    it("does not stretch a grant over a freeze that began after it", () => {
      const sev1 = incident({ declaredAt: at("2026-12-26T11:30:00Z") });
      const v = verdict({ incidents: [sev1], pr: { exceptions: [grant()] } });
      expect(v.conclusion).toBe("failure");
      expect(v.title).toBe("Code freeze: Incident #12 (SEV1) until the incident is resolved");
      expect(v.exception).toEqual(grant());
      expect(v.summary).toContain("| passed: exception by @\u2060bob |");
      expect(v.summary).toContain("Incident #12 (SEV1) began later and needs a new grant.");
      // A fresh grant covers both.
      const again = verdict({
        incidents: [sev1],
        pr: { exceptions: [grant(), grant({ at: at("2026-12-26T11:45:00Z") })] },
      });
      expect(again.conclusion).toBe("success");
    });
  });

  describe("hotfix", () => {
    const c = config({ approvers: ["bob"] });
    const sev1 = incident();
    const now = at("2026-03-02T15:00:00Z");

    it("passes the fix for the incident that caused the freeze", () => {
      const v = verdict({ config: c, now, incidents: [sev1], pr: { referencedIncidents: [12] } });
      expect(v.conclusion).toBe("success");
      expect(v.title).toBe("Hotfix for #12");
      expect(v.hotfixFor).toBe(12);
      expect(v.summary).toContain("| passed: this is the incident's fix |");
    });

    it("passes a PR labelled as an incident fix (label case does not matter)", () => {
      const v = verdict({ config: c, now, incidents: [sev1], pr: { labels: ["Incident-Fix"] } });
      expect(v.conclusion).toBe("success");
      expect(v.hotfixFor).toBe(12);
    });

    it("does not pass a fix for a different incident, and says how a fix gets through", () => {
      const v = verdict({ config: c, now, incidents: [sev1], pr: { referencedIncidents: [13] } });
      expect(v.conclusion).toBe("failure");
      expect(v.summary).toContain("If this pull request is the fix for #12, reference the incident");
      expect(v.summary).toContain("`Fixes #12`");
      expect(v.summary).toContain("`incident-fix` label");
    });

    it("passes only the incident's freeze: others still hold", () => {
      const v = verdict({
        incidents: [incident({ declaredAt: at("2026-12-26T10:00:00Z") })],
        pr: { referencedIncidents: [12] },
      });
      expect(v.conclusion).toBe("failure");
      expect(v.title).toBe("Code freeze: Christmas closure until Mon 28 Dec 08:00 EST");
      expect(v.hotfixFor).toBe(12);
      expect(v.summary).not.toContain("If this pull request is the fix");
    });

    it("combines with an exception for the other freezes", () => {
      const v = verdict({
        incidents: [incident({ declaredAt: at("2026-12-26T11:30:00Z") })],
        pr: { referencedIncidents: [12], exceptions: [grant()] },
      });
      expect(v.conclusion).toBe("success");
      expect(v.title).toBe("Hotfix for #12; exception granted by bob for a1b2c3d");
    });
  });

  it("lists every overlapping freeze with its end and names the first to end in the title", () => {
    const c = config({
      ...christmas.freeze,
      windows: [{ name: "Weekend", weekly_from: "fri 16:00", weekly_to: "mon 08:00" }],
    });
    const manual: FreezeIssue = {
      number: 34,
      url: "https://github.com/acme/shop/issues/34",
      reason: "Waiting on @payments to finish the migration",
      branches: [],
      openedBy: "alice",
      openedAt: at("2026-12-26T09:00:00Z"),
    };
    const v = verdict({
      config: c,
      incidents: [incident({ title: "Cart down, paging @oncall", declaredAt: at("2026-12-26T10:00:00Z") })],
      freezeIssues: [manual],
    });
    expect(v.conclusion).toBe("failure");
    expect(v.title).toBe("Code freeze: Christmas closure until Mon 28 Dec 08:00 EST (+3 more)");
    expect(v.summary).toContain("held back by 4 code freezes");
    const rows = v.summary.split("\n").filter((line) => line.startsWith("| ") && line.includes("**blocks**"));
    expect(rows).toEqual([
      "| Christmas closure (office closure) | Tue 22 Dec 17:00 EST | Mon 28 Dec 08:00 EST | **blocks** |",
      "| Weekend (weekly freeze) | Fri 25 Dec 16:00 EST | Mon 28 Dec 08:00 EST | **blocks** |",
      "| [Manual freeze #34](https://github.com/acme/shop/issues/34) (manual freeze) — Waiting on @\u2060payments to finish the migration | Sat 26 Dec 04:00 EST | issue #34 is closed | **blocks** |",
      "| [Incident #12 (SEV1)](https://github.com/acme/shop/issues/12) (incident) — Cart down, paging @\u2060oncall | Sat 26 Dec 05:00 EST | the incident is resolved | **blocks** |",
    ]);
    expect(v.summary).toContain(
      "A manual freeze ends when its issue (#34) is closed or someone with the right permission comments `/unfreeze`",
    );
    expect(v.summary).not.toMatch(LIVE_MENTION);
  });

  it("names an open-ended freeze in the title when nothing else holds", () => {
    const v = verdict({ config: config(), now: at("2026-03-02T15:00:00Z"), incidents: [incident()] });
    expect(v.title).toBe("Code freeze: Incident #12 (SEV1) until the incident is resolved");
  });

  it("adds the year to an end far away", () => {
    const c = config({ windows: [{ name: "Migration", start: "2026-01-01", end: "2026-12-31" }] });
    expect(verdict({ config: c, now: at("2026-02-01T00:00:00Z") }).title).toBe(
      "Code freeze: Migration until Fri 1 Jan 2027 00:00 EST",
    );
  });
});
