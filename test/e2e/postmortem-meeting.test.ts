import { afterEach, describe, expect, it } from "vitest";
import {
  World,
  FULL,
  formBody,
  minutes,
  comment,
  openIncident,
  SEV1,
  startReceivers,
} from "../harness/index.js";
import type { Mode } from "../harness/index.js";

// Issue 18, item 8 (playbooks 003 and 004): the post-mortem meeting — a section reflecting on the response
// and the playbook, the product owner asked to review, a suggested meeting deadline on the pull request,
// and the merged post-mortem shared, on the incident and through the channels that carry it.

let world: World | undefined;
let receivers: Awaited<ReturnType<typeof startReceivers>> | undefined;
afterEach(async () => {
  await world?.close();
  await receivers?.close();
  world = undefined;
  receivers = undefined;
});

const FORM = formBody({
  Summary: "Checkout returns 500 for every card payment",
  Severity: SEV1,
  "Revenue affected": "Yes",
});

function postmortemPull(w: World) {
  for (let n = 1; n < 40; n++) {
    const pull = w.sim.pull(FULL, n);
    if (pull?.head.ref.startsWith("expedite/postmortem-")) return pull;
  }
  return undefined;
}

describe.each<Mode>(["app", "action"])("the post-mortem meeting (%s mode)", (mode) => {
  it("asks the product owner to review, suggests a meeting deadline, reflects on the process, and shares the merged post-mortem once", async () => {
    receivers = await startReceivers();
    const r = receivers;
    world = await World.start({
      mode,
      channelEnv: r.env,
      config: {
        postmortem: { reviewers: ["frank"], meeting_within: { "1": "3d" } },
        channels: { audit: { type: "webhook", events: ["postmortem-shared"] } },
      },
    });
    const w = world;
    const number = await openIncident(w, "alice", "[Incident] Checkout card payments failing", FORM);
    await w.settle();
    await comment(w, "bob", number, "/ack\n/comms @dave\n/role product-owner @erin");
    await w.settle();
    w.clock.advance(minutes(30));
    await comment(
      w,
      "bob",
      number,
      "/resolve Renewed the expired TLS certificate on the primary gateway and moved traffic back",
    );
    await w.settle();

    const pull = postmortemPull(w)!;
    expect(pull).toBeDefined();
    // Lead, communicator, product owner and the configured reviewer.
    expect(pull.requested_reviewers.sort()).toEqual(["bob", "dave", "erin", "frank"]);
    // Resolved Tuesday 17 November; three days for a SEV1 here.
    expect(pull.body).toMatch(
      /hold it by \*\*Fri 20 Nov 2026\*\* \(3d after the resolution, suggested for SEV1/,
    );
    const path = /docs\/postmortems\/[^\s)`]+\.md/.exec(pull.body ?? "")?.[0] ?? "";
    const doc = w.sim.file(FULL, pull.head.ref, path) ?? "";
    expect(doc).toMatch(/## The response and the playbook\n\nWhat the record says about how we responded:/);
    expect(doc).toMatch(/Could this post-mortem itself be done better\?/);
    expect(doc).toContain("| **Severity** | SEV1 |");

    // Nothing is shared before the review is done.
    expect(w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:postmortem-shared"))).toEqual(
      [],
    );
    expect(r.webhook.received).toEqual([]);

    await w.as("dave").rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: pull.number });
    await w.settle();
    await w.sweep();
    await w.sweep();

    const shared = w.botComments(number).filter((c) => c.body.startsWith("<!-- expedite:postmortem-shared"));
    expect(shared).toHaveLength(1);
    expect(shared[0]?.body).toContain(`Read it: https://github.com/acme/shop/blob/HEAD/${path}`);
    expect(shared[0]?.body).toContain(`Its review: https://github.com/acme/shop/pull/${pull.number}`);
    expect(w.sim.issue(FULL, number)?.state).toBe("closed");
    // Through the channel that carries it: exactly once, in its format.
    expect(r.webhook.violations).toEqual([]);
    expect(r.webhook.received.map((m) => m.body.event)).toEqual(["postmortem-shared"]);
    expect(w.sim.validationErrors).toEqual([]);
  });
});
