import type { Config, FreezeEvent, MessageEvent, ReleaseEvent } from "../config/schema.js";
import { FREEZE_EVENTS, RELEASE_EVENTS } from "../config/schema.js";
import { endText, FREEZE_KIND_WORDS, shortSha } from "../freeze/freezeText.js";
import type { Templates } from "../render/templates.js";
import { formatTime } from "../time/formatTime.js";
import { messageBody, oneLine } from "./messageBody.js";
import type { Occasion } from "./occasions.js";
import type { Fact, FreezeSubject, GrantSubject, MessageContent, ReleaseSubject } from "./types.js";

export interface NewsContext {
  config: Config;
  templates: Templates;
  /** "owner/repo". */
  repository: string;
  /** The issue that keeps the message's record, and its address (the link when nothing better exists). */
  source: number;
  sourceUrl: string;
  /** The incident that caused a freeze, as the lifecycle messages describe it. */
  incident?: MessageContent["incident"];
}

const NEWS_EVENTS: ReadonlySet<MessageEvent> = new Set([...FREEZE_EVENTS, ...RELEASE_EVENTS]);

/** Whether an event is about a freeze, an exception or a release rather than an incident's lifecycle. */
export function isNewsEvent(event: MessageEvent): event is FreezeEvent | ReleaseEvent {
  return NEWS_EVENTS.has(event);
}

/** What a freeze, exception or release message says, the same for every channel it goes to. */
export function newsContent(occasion: Occasion, ctx: NewsContext): MessageContent {
  const subject = occasion.subject;
  if (!subject) throw new Error(`message ${occasion.message} has nothing to say: no subject`);
  switch (subject.type) {
    case "freeze":
      return freezeContent(occasion, subject.freeze, ctx);
    case "grant":
      return grantContent(occasion, subject.grant, ctx);
    case "release":
      return releaseContent(occasion, subject.release, ctx);
  }
}

function freezeContent(occasion: Occasion, freeze: FreezeSubject, ctx: NewsContext): MessageContent {
  const zone = ctx.config.business_hours.timezone;
  const at = (t: number) => formatTime(t, zone);
  const where = branchesText(freeze.branches);
  const held = ctx.config.deploys.environments.join(", ");
  const cause = `${FREEZE_KIND_WORDS[freeze.kind]}${freeze.reason ? `: ${oneLine(freeze.reason, 300)}` : ""}`;
  const until = freeze.endsAt !== undefined ? at(freeze.endsAt) : endText(freeze, zone, occasion.at);
  const ended = occasion.event === "freeze-ended" && freeze.endedAt !== undefined;
  const title = ended
    ? `Code freeze ended on ${where}: ${freeze.name}`
    : `Code freeze started on ${where}: ${freeze.name}`;
  const summary = ended
    ? `Since ${at(freeze.endedAt as number)}, ${freeze.name} no longer holds merges into ${where} or deployments (frozen since ${at(freeze.startedAt)}). Any other freeze still in force still applies.`
    : `Merges into ${where} and deployments to ${held || "gated environments"} are held from ${at(freeze.startedAt)} until ${until}. To ship something anyway, the on-call engineer or an approver grants a freeze exception (/freeze-exception <reason>).`;
  const facts: Fact[] = [
    { label: "Freeze", value: freeze.name },
    { label: "Cause", value: cause },
    { label: "Branches", value: where },
    { label: "Since", value: at(freeze.startedAt) },
    ended ? { label: "Ended", value: at(freeze.endedAt as number) } : { label: "Until", value: until },
  ];
  if (!ended)
    facts.push({ label: "Deployments held", value: held || "none (deploys.environments is empty)" });
  const links = [
    {
      label:
        freeze.kind === "incident"
          ? `Incident #${freeze.incident} on GitHub`
          : freeze.kind === "manual"
            ? `Freeze issue #${freeze.issue}`
            : "Code freeze calendar",
      url: freeze.link ?? ctx.sourceUrl,
    },
  ];
  return {
    ...common(occasion, ctx, { title, summary, facts, links }),
    ...(ctx.incident ? { incident: ctx.incident } : {}),
    freeze: {
      kind: freeze.kind,
      name: freeze.name,
      branches: freeze.branches,
      started_at: new Date(freeze.startedAt).toISOString(),
      ...(freeze.endsAt !== undefined ? { ends_at: new Date(freeze.endsAt).toISOString() } : {}),
      ...(ended ? { ended_at: new Date(freeze.endedAt as number).toISOString() } : {}),
      ...(freeze.reason ? { reason: freeze.reason } : {}),
      ...(freeze.link ? { url: freeze.link } : {}),
    },
  };
}

function grantContent(occasion: Occasion, grant: GrantSubject, ctx: NewsContext): MessageContent {
  const zone = ctx.config.business_hours.timezone;
  const commit = shortSha(grant.sha);
  const what =
    grant.to === "merge"
      ? `merge pull request #${grant.number} (${commit})`
      : `deploy ${commit} from ${grant.branch}`;
  const title = `Freeze exception granted by ${grant.by}: ${what}`;
  const freezes = grant.freezes.length > 0 ? grant.freezes.join("; ") : "the freeze in force";
  const summary =
    `${grant.by} granted an exception at ${formatTime(occasion.at, zone)} to ${what} during ${freezes}: ` +
    `${oneLine(grant.reason, 1000) || "no reason given"}. It covers commit ${commit} only; a freeze that starts later needs a new grant.`;
  const facts: Fact[] = [
    { label: "Granted by", value: grant.by },
    {
      label: grant.to === "merge" ? "To merge" : "To deploy",
      value: grant.to === "merge" ? `#${grant.number}` : commit,
    },
    { label: "Commit", value: commit },
    { label: "Branch", value: grant.branch },
    { label: "Freezes", value: freezes },
    { label: "Reason", value: oneLine(grant.reason, 800) || "no reason given" },
  ];
  const links = [
    {
      label: grant.to === "merge" ? `Pull request #${grant.number}` : `Hold issue #${grant.number}`,
      url: grant.url,
    },
  ];
  return {
    ...common(occasion, ctx, { title, summary, facts, links }),
    exception: {
      to: grant.to,
      granted_by: grant.by,
      reason: grant.reason,
      commit: grant.sha,
      branch: grant.branch,
      number: grant.number,
      url: grant.url,
      freezes: grant.freezes,
    },
  };
}

function releaseContent(occasion: Occasion, release: ReleaseSubject, ctx: NewsContext): MessageContent {
  const tag = release.tag ? ` (${release.tag})` : "";
  const title =
    release.step === "drafted"
      ? `Release drafted: ${release.name}${tag}`
      : release.step === "milestone"
        ? `Release milestone due: ${release.name}`
        : `Released: ${release.name}${tag}`;
  const frozen = release.freezes
    ? ` ⚠️ This falls during a code freeze on ${release.branch}: ${release.freezes}. Releasing now needs the on-call engineer's approval (a freeze exception).`
    : "";
  const summary = `${oneLine(release.detail, 1200)}${frozen}`;
  const facts: Fact[] = [
    { label: release.step === "milestone" ? "Milestone" : "Release", value: release.name },
    ...(release.tag ? [{ label: "Tag", value: release.tag }] : []),
    { label: "Branch", value: release.branch },
    { label: "Code freeze", value: release.freezes ?? "none" },
  ];
  const links = [
    {
      label:
        release.step === "milestone"
          ? "The milestone"
          : release.step === "drafted"
            ? "The draft"
            : "Release notes",
      url: release.url,
    },
  ];
  return {
    ...common(occasion, ctx, { title, summary, facts, links }, release.markdown),
    release: {
      step: release.step,
      name: release.name,
      ...(release.tag ? { tag: release.tag } : {}),
      url: release.url,
      branch: release.branch,
      frozen: release.freezes !== undefined,
    },
  };
}

/** What every freeze, exception and release message says the same way; `body` defaults to the template's. */
function common(
  occasion: Occasion,
  ctx: NewsContext,
  text: { title: string; summary: string; facts: Fact[]; links: Array<{ label: string; url: string }> },
  body?: string,
) {
  const { title, summary, facts, links } = text;
  return {
    event: occasion.event,
    title: oneLine(title, 150),
    summary,
    facts,
    links,
    body: body ?? messageBody(ctx.templates.message, title, summary, facts, links),
    source: { repository: ctx.repository, number: ctx.source },
  };
}

/** "main", "main, release/*", or "the default branch" when the freeze covers the configured default. */
function branchesText(branches: readonly string[]): string {
  return branches.length > 0 ? branches.join(", ") : "the default branch";
}
