import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Permission, TimelineEvent } from "../../../src/core/snapshot.js";
import type { Incident } from "../../../src/core/types.js";
import type { CommandLedger } from "../../../src/core/plan/commandLedger.js";
import { emptyLedger, ledgerData, readLedger } from "../../../src/core/plan/commandLedger.js";
import { markerIdentity, parseMarker, renderMarker } from "../../../src/core/markers.js";
import { projectIncident } from "../../../src/core/projection/projectIncident.js";
import { commandComments } from "../../../src/core/projection/commandComments.js";
import { rolesToLookUp } from "../../../src/core/plan/rolesToLookUp.js";
import { BOTS, T0, config, issue, labeled } from "./fixtures.js";

// Issue 12's property: however comments are posted, edited and deleted, and whoever does it, the incident
// after any number of reconciles (each carrying the board's ledger to the next) equals the incident
// judged afresh from the final texts. No verdict or remembered role can grant more than that.

const PEOPLE = ["alice", "bob", "carol", "dave", "erin"] as const;
const ROLES: Permission[] = ["none", "read", "triage", "write", "maintain", "admin"];
const TEXTS = [
  "/ack",
  "/help",
  "/sev 9",
  "/sev 1",
  "/impact none",
  "/cancel false alarm, this was a test run",
  "/resolve fixed",
  "/resolve Expired TLS certificate on the gateway; renewed it and added expiry alerting",
  "/mitigate Routed card traffic to the backup provider",
  "/lead @dave",
  "/lead @ghost-user",
  "/comms @erin",
  "/note customers on iOS only",
  "/update Failing over to the standby region. next 30m",
  "thanks, looking",
  "    /cancel inside an indented code block",
  "/ack\n/sev 1\n/comms @bob",
];

type Op =
  | { kind: "post"; who: number; text: number }
  | { kind: "edit"; target: number; text: number }
  | { kind: "delete"; target: number }
  | { kind: "reconcile" };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("post" as const),
    who: fc.nat(PEOPLE.length - 1),
    text: fc.nat(TEXTS.length - 1),
  }),
  fc.record({ kind: fc.constant("edit" as const), target: fc.nat(20), text: fc.nat(TEXTS.length - 1) }),
  fc.record({ kind: fc.constant("delete" as const), target: fc.nat(20) }),
  fc.constant({ kind: "reconcile" as const }),
);

const cfg = config({ commands: { permission: "triage" } });
const strict = config({ commands: { permission: "maintain" } });

/** The incident without the record of edits and deletions (history the fresh reading cannot know). */
function state(incident: Incident) {
  return { ...incident, timeline: incident.timeline.filter((e) => e.kind !== "edited") };
}

describe("judging commands afresh", () => {
  for (const [name, configuration] of [
    ["default", cfg],
    ["maintain required", strict],
  ] as const) {
    it(`any comments, edits and deletions by people of any role project as a fresh reading (${name})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...ROLES), { minLength: PEOPLE.length, maxLength: PEOPLE.length }),
          fc.array(op, { minLength: 1, maxLength: 25 }),
          (roleList, ops) => {
            const roles = new Map<string, Permission>(PEOPLE.map((p, i) => [p, roleList[i] ?? "none"]));
            roles.set("dave", roleList[3] ?? "none");
            const lookUp = (login: string): Permission => roles.get(login.toLowerCase()) ?? "none";
            const comments: Array<Extract<TimelineEvent, { type: "commented" }>> = [];
            let minute = 1;
            let id = 5000;
            // The board as the bot last wrote it: its marker carries the ledger between reconciles.
            let boardMarker = renderMarker("board");
            const events = () => [labeled("alice", "incident", 0, 0), ...comments];
            const reconcile = () => {
              const marker = parseMarker(boardMarker)!;
              const ledger: CommandLedger = readLedger({
                id: 1,
                identity: markerIdentity(marker),
                marker,
                body: boardMarker,
                at: T0,
                updatedAt: T0,
              });
              const needed = rolesToLookUp(
                commandComments(events(), BOTS, configuration),
                ledger,
                configuration,
              );
              const fetched = new Map(needed.lookUp.map((login) => [login, lookUp(login)] as const));
              const projection = projectIncident(issue(), events(), configuration, {
                trustedBots: BOTS,
                permissions: new Map([...needed.known, ...fetched]),
                fetched,
                ledger,
                now: T0 + minute * 60_000,
              });
              boardMarker = renderMarker("board", ledgerData(projection.ledger));
              return projection;
            };
            for (const step of ops) {
              minute += 1;
              const at = T0 + minute * 60_000;
              if (step.kind === "post") {
                const author = PEOPLE[step.who]!;
                const body = TEXTS[step.text]!;
                comments.push({
                  type: "commented",
                  at,
                  seq: minute,
                  actor: author,
                  comment: { id: id++, author, body, createdAt: at, updatedAt: at, url: "", plusOnes: 0 },
                });
              } else if (step.kind === "edit" && comments.length > 0) {
                const target = comments[step.target % comments.length]!;
                target.comment = { ...target.comment, body: TEXTS[step.text]!, updatedAt: at };
              } else if (step.kind === "delete" && comments.length > 0) {
                comments.splice(step.target % comments.length, 1);
              } else if (step.kind === "reconcile") {
                reconcile();
              }
            }
            const carried = reconcile();
            const fresh = projectIncident(issue(), events(), configuration, {
              trustedBots: BOTS,
              permissions: new Map<string, Permission>([
                ...PEOPLE.map((p) => [p, lookUp(p)] as const),
                ["ghost-user", "none"],
              ]),
              ledger: emptyLedger(),
              now: T0 + minute * 60_000,
            });
            expect(state(carried.incident)).toEqual(state(fresh.incident));
            expect(carried.outcomes).toEqual(fresh.outcomes);
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
