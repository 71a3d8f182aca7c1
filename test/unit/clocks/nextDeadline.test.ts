import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { nextDeadline } from "../../../src/core/clocks/nextDeadline.js";
import { planNotices } from "../../../src/core/clocks/planNotices.js";
import { configSchema } from "../../../src/core/config/schema.js";
import { makeIncident, MINUTE } from "./makeIncident.js";
import { PLAYBOOK_LADDERS } from "./playbookLadders.js";

const config = configSchema.parse({ escalation: { ladders: PLAYBOOK_LADDERS } });
// Friday 10:00 EDT: business hours, so the acknowledgement is due at 10:15.
const start = Date.parse("2026-06-05T14:00:00Z");
const declared = () => makeIncident({ declaredAt: start, startedAt: start, revenue: true });

describe("nextDeadline", () => {
  it("is the acknowledgement deadline first, then the next escalation step", () => {
    expect(nextDeadline(declared(), config, start)).toBe(start + 15 * MINUTE);
    expect(nextDeadline(declared(), config, start + 15 * MINUTE)).toBe(start + 30 * MINUTE);
  });

  it("is nothing once the incident is over", () => {
    const over = makeIncident({ declaredAt: start, startedAt: start, state: "resolved", resolvedAt: start });
    expect(nextDeadline(over, config, start)).toBeUndefined();
  });

  it("never skips a moment at which planNotices starts to owe a notice", () => {
    // Walking from one predicted deadline to the next, no notice becomes owed strictly in between.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 * 60 }), (minute) => {
        const incident = declared();
        const probe = start + minute * MINUTE;
        let at = start;
        for (let hops = 0; hops < 20; hops++) {
          const next = nextDeadline(incident, config, at);
          if (next === undefined || next > probe) break;
          at = next;
        }
        // Nothing is owed at `probe` that was not already owed at the last deadline reached before it.
        const owedThen = planNotices(incident, config, at).map((n) => `${n.kind}:${n.keys.join()}`);
        const owedNow = planNotices(incident, config, probe).map((n) => `${n.kind}:${n.keys.join()}`);
        expect(owedNow.filter((n) => !owedThen.includes(n))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
