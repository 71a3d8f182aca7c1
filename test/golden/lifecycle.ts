// One incident from declaration to merged post-mortem, driven through the pure core with a fixed clock.
// GitHub is a plain in-memory record here (issue, timeline, comments); each "reconcile" runs the same pure
// steps as reconcileIncident and writes its plan back into that record, so the next one sees its output.
import { parseConfig } from "../../src/core/config/parseConfig.js";
import type { Config } from "../../src/core/config/schema.js";
import type { IssueSnapshot, Permission, TimelineEvent } from "../../src/core/snapshot.js";
import type { Templates } from "../../src/core/render/templates.js";
import type { Incident, PostmortemLink } from "../../src/core/types.js";
import type { IncidentPlan } from "../../src/core/plan/planIncident.js";
import type { Projection } from "../../src/core/projection/projectIncident.js";
import { projectIncident } from "../../src/core/projection/projectIncident.js";
import { planIncident } from "../../src/core/plan/planIncident.js";
import { botCommentsFrom, latestByIdentity } from "../../src/core/plan/botComments.js";
import { readLedger } from "../../src/core/plan/commandLedger.js";
import { rolesToLookUp } from "../../src/core/plan/rolesToLookUp.js";
import { commandComments } from "../../src/core/projection/commandComments.js";
import type { IncidentFindings } from "../../src/core/projection/incidentFindings.js";
import { postmortemDue } from "../../src/core/postmortem/needsPostmortem.js";
import { postmortemDocument } from "../../src/core/postmortem/postmortemDocument.js";
import { postmortemPath } from "../../src/core/postmortem/postmortemPath.js";
import { postmortemPullBody } from "../../src/core/postmortem/postmortemPullBody.js";
import { parseActionItems } from "../../src/core/postmortem/actionItems.js";
import { renderFollowupIssue } from "../../src/core/postmortem/followupIssue.js";
import { bundledTemplates } from "../../src/github/loadTemplates.js";

export const BOT = "expedite[bot]";
export const REPO_URL = "https://github.com/acme/shop";
/** Friday 20 November 2026, 10:00 in New York: inside business hours. */
export const T0 = Date.parse("2026-11-20T15:00:00Z");
export const minutes = (n: number) => T0 + n * 60_000;

export const PERMISSIONS = new Map<string, Permission>([
  ["alice", "write"],
  ["bob", "write"],
  ["carol", "read"],
  ["dave", "admin"],
]);

export const CONFIG_INPUT = {
  oncall: { primary: "@erin", secondary: "@frank" },
  postmortem: { reviewers: ["@acme/sre"] },
};

export const FORM_BODY = [
  "### Summary",
  "",
  "Card payments fail at checkout with a 500",
  "",
  "### Severity",
  "",
  "SEV1",
  "",
  "### Applications impacted",
  "",
  "checkout-web, payments-api",
  "",
  "### Business / customer impact",
  "",
  "Customers cannot pay by card; orders are lost",
  "",
  "### Evidence",
  "",
  "Error tracker shows 1,200 PaymentGatewayError in 10 minutes",
  "",
  "### Revenue affected",
  "",
  "Yes",
  "",
  "### Steps to reproduce",
  "",
  "Add any item, pay by card",
].join("\n");

/** One reconcile's result, kept for the golden files. */
export interface Step {
  name: string;
  at: number;
  plan: IncidentPlan;
  projection: Projection;
}

export class Lifecycle {
  readonly config: Config;
  readonly templates: Templates = bundledTemplates();
  readonly issue: IssueSnapshot;
  readonly events: TimelineEvent[] = [];
  readonly steps: Step[] = [];
  /** Every bot comment ever created, by identity, in the order they were first posted. */
  readonly posted = new Map<string, string>();
  postmortem?: { link: PostmortemLink; document: string; prBody: string };
  private seq = 0;
  private nextComment = 5001;

  constructor() {
    const parsed = parseConfig(CONFIG_INPUT);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    this.config = parsed.config;
    this.issue = {
      number: 7,
      title: "[Incident] Checkout card payments failing",
      body: FORM_BODY,
      url: `${REPO_URL}/issues/7`,
      state: "open",
      author: "alice",
      createdAt: T0,
      labels: [],
      assignees: [],
      isPullRequest: false,
    };
  }

  label(actor: string, label: string, at: number, type: "labeled" | "unlabeled" = "labeled"): void {
    this.events.push({ type, at, seq: this.seq++, actor, label });
    if (type === "labeled") this.issue.labels.push(label);
    else this.issue.labels = this.issue.labels.filter((l) => l !== label);
  }

  comment(author: string, body: string, at: number): number {
    const id = this.nextComment++;
    this.events.push({
      type: "commented",
      at,
      seq: this.seq++,
      actor: author,
      comment: {
        id,
        author,
        body,
        createdAt: at,
        updatedAt: at,
        url: `${this.issue.url}#issuecomment-${id}`,
        plusOnes: 0,
      },
    });
    return id;
  }

  /** The pure part of reconcileIncident, then its plan written back as GitHub would record it. */
  reconcile(name: string, now: number, pull?: { mergedAt?: number }): Step {
    const { config, templates } = this;
    const trusted = new Set([BOT]);
    const botComments = botCommentsFrom(this.events, trusted);
    const ledger = readLedger(latestByIdentity(botComments).get("board"));
    const { known, lookUp } = rolesToLookUp(commandComments(this.events, trusted, config), ledger, config);
    const fetched = new Map(lookUp.map((login) => [login, PERMISSIONS.get(login) ?? "none"] as const));
    const project = (findings?: IncidentFindings) =>
      projectIncident(this.issue, this.events, config, {
        trustedBots: trusted,
        permissions: new Map([...known, ...fetched]),
        fetched,
        ledger,
        now,
        ...(findings ? { findings } : {}),
      });
    let projection = project();
    if (postmortemDue(projection.incident, config)) {
      this.postmortem ??= this.openPostmortem(projection.incident, now);
      if (pull?.mergedAt !== undefined)
        this.postmortem.link = { ...this.postmortem.link, state: "merged", mergedAt: pull.mergedAt };
      projection = project({ postmortem: this.postmortem.link });
    }
    // Plans are values: planning must not touch what it is given (a frozen input throws if it tries).
    deepFreeze(projection);
    const plan = planIncident({
      issue: { ...this.issue, labels: [...this.issue.labels], assignees: [...this.issue.assignees] },
      projection,
      config,
      now,
      botComments,
      templates,
      templateProblems: [],
    });
    this.apply(plan, now);
    const step = { name, at: now, plan, projection };
    this.steps.push(step);
    return step;
  }

  /** Follow-up issues for the action items left unticked in the post-mortem document. */
  followups(): { title: string; body: string }[] {
    const pm = this.postmortem;
    if (!pm) return [];
    const incident = this.steps.at(-1)?.plan.incident;
    if (!incident) return [];
    return parseActionItems(pm.document)
      .filter((i) => !i.checked)
      .map((item) =>
        renderFollowupIssue(this.templates["followup-issue"], item, {
          incident,
          postmortemUrl: pm.link.url,
          postmortemPr: pm.link.number,
        }),
      );
  }

  private openPostmortem(incident: Incident, now: number): NonNullable<Lifecycle["postmortem"]> {
    const path = postmortemPath(incident, this.config);
    return {
      link: { number: 8, url: `${REPO_URL}/pull/8`, state: "open", path, openedAt: now },
      document: postmortemDocument(this.templates.postmortem, incident, this.config, now, REPO_URL),
      prBody: postmortemPullBody(this.templates["postmortem-pr"], incident, this.config, now),
    };
  }

  private apply(plan: IncidentPlan, now: number): void {
    for (const label of plan.labels.remove) this.label(BOT, label, now, "unlabeled");
    for (const label of plan.labels.add) this.label(BOT, label, now);
    for (const assignee of plan.assign) {
      this.events.push({ type: "assigned", at: now, seq: this.seq++, actor: BOT, assignee });
      this.issue.assignees.push(assignee);
    }
    const rank = (identity: string) => (identity === "board" ? 2 : identity === "checklist" ? 1 : 0);
    for (const write of [...plan.comments].sort((a, b) => rank(a.identity) - rank(b.identity))) {
      if (write.id === undefined) {
        this.comment(BOT, write.body, now);
        if (!this.posted.has(write.identity)) this.posted.set(write.identity, write.body);
      } else {
        const event = this.events.find((e) => e.type === "commented" && e.comment.id === write.id);
        if (event?.type === "commented")
          event.comment = { ...event.comment, body: write.body, updatedAt: now };
      }
    }
    for (const id of plan.deleteComments) {
      const index = this.events.findIndex((e) => e.type === "commented" && e.comment.id === id);
      if (index >= 0) this.events.splice(index, 1);
    }
    if (plan.close) {
      this.events.push({ type: "closed", at: now, seq: this.seq++, actor: BOT });
      this.issue.state = "closed";
      this.issue.closedAt = now;
    }
  }

  /** The current text of a bot comment, by identity. */
  current(identity: string): string | undefined {
    const botComments = botCommentsFrom(this.events, new Set([BOT]));
    return botComments.find((c) => c.identity === identity)?.body;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    const inner = value instanceof Map ? [...value.keys(), ...value.values()] : Object.values(value);
    for (const part of inner) deepFreeze(part);
  }
  return value;
}
