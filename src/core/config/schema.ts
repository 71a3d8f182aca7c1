import { z } from "zod";
import { isKnownHolidayRegion } from "../calendar/publicHolidays.js";
import { parseLocalMoment } from "../calendar/parseLocalMoment.js";
import { dateProblem } from "../time/dateProblem.js";
import { ROLE_TOKENS } from "../clocks/resolveHandles.js";
import { parseDuration } from "../time/parseDuration.js";

// The whole `.github/expedite.yml` contract. Every public name and clock of DESIGN.md has a default here,
// so an empty file (or none at all) gives the playbooks' behaviour. Durations stay strings ("30m", "2h",
// "1d", "1h30m") so the generated JSON Schema can describe them; parseDuration turns them into ms.

export const DURATION_PATTERN =
  "^\\s*(\\d+\\s*(w|d|h|m|s|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\\s*)+$";
const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN, "i"), {
    message: 'expected a duration such as "30m", "2h", "1d" or "1h30m"',
  })
  .refine((text) => !new RegExp(DURATION_PATTERN, "i").test(text) || /[1-9]/.test(text), {
    message: "a duration must be longer than zero",
  })
  .refine(
    (text) =>
      !new RegExp(DURATION_PATTERN, "i").test(text) ||
      !/[1-9]/.test(text) ||
      parseDuration(text) !== undefined,
    {
      message: 'that duration is too long to be useful; use days or weeks, such as "2d" or "1w"',
    },
  )
  .describe('A duration such as "30m", "2h", "1d" or "1h30m".');

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a 24-hour time such as "07:00" or "20:00"' });

// Dates must exist on the calendar: "2026-02-30" would otherwise be accepted and then freeze nothing.
const realDate = (text: string) => dateProblem(text) === undefined;
const realDateMessage = (text: unknown) => `not a real date: ${dateProblem(String(text)) ?? "check it"}`;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date such as "2026-12-24"' })
  .refine(realDate, { error: (issue) => realDateMessage(issue.input) });

// A moment: a date-time with or without offset ("2026-12-24T17:00", "2026-12-24T17:00:00Z"); without an
// offset it is read in the time zone of the surrounding block.
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/, {
    message: 'expected a date or date-time such as "2026-12-24" or "2026-12-24T17:00"',
  })
  .refine(realDate, { error: (issue) => realDateMessage(issue.input) });

/** Whether `from` comes strictly before `to` (both config moments); true when either cannot be read. */
function inOrder(from: string | undefined, to: string | undefined, toEdge: "start" | "end"): boolean {
  if (from === undefined || to === undefined) return true;
  // The zone does not matter for the order of two moments read in the same zone.
  const a = parseLocalMoment(from, "UTC", "start");
  const b = parseLocalMoment(to, "UTC", toEdge);
  return a === undefined || b === undefined || a < b;
}

const timeZone = z
  .string()
  .refine((zone) => isValidTimeZone(zone), {
    message: 'unknown time zone; use an IANA name such as "America/New_York", "Europe/London" or "UTC"',
  })
  .describe('An IANA time zone name, e.g. "America/New_York".');

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
export type Weekday = z.infer<typeof weekday>;

const severity = z.number().int().min(1).max(4);
const permissionLevel = z.enum(["read", "triage", "write", "maintain", "admin"]);
export type PermissionLevel = z.infer<typeof permissionLevel>;

// A person or team to notify: "alice", "@alice" or "@org/team". Normalised by the renderer.
const HANDLE = /^@?[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9_.-]+)?(\[bot\])?$/;
const handle = z.string().min(1).regex(HANDLE, {
  message: 'expected a GitHub login ("alice", "@alice") or a team ("@my-org/tech-leads")',
});

const labelsSchema = z
  .object({
    incident: z.string().min(1).default("incident"),
    declared: z.string().min(1).default("incident:declared"),
    acknowledged: z.string().min(1).default("incident:acknowledged"),
    mitigated: z.string().min(1).default("incident:mitigated"),
    resolved: z.string().min(1).default("incident:resolved"),
    postmortem_state: z.string().min(1).default("incident:postmortem"),
    cancelled: z.string().min(1).default("incident:cancelled"),
    severity_prefix: z.string().min(1).default("sev:"),
    revenue: z.string().min(1).default("impact:revenue"),
    postmortem: z.string().min(1).default("postmortem"),
    followup: z.string().min(1).default("incident-followup"),
    freeze: z.string().min(1).default("code-freeze"),
    // On an incident or freeze issue whose freeze is kept on because a hand change by someone without the
    // role to lift it would have ended it (Expedite adds and removes it).
    freeze_held: z.string().min(1).default("freeze-held"),
    incident_fix: z.string().min(1).default("incident-fix"),
    // Issues that hold deployments of one commit during a freeze (and collect its exceptions).
    deploy_hold: z.string().min(1).default("deploy-hold"),
    // On incidents opened from an alert (how a repeat of the alert finds its incident).
    alert: z.string().min(1).default("alert"),
    // On the issue where release announcements are posted.
    releases: z.string().min(1).default("release-announcements"),
  })
  .strict()
  .prefault({});

const commandsSchema = z
  .object({
    // Minimum repository role (collaborators-permission API) needed to run incident commands.
    permission: permissionLevel.default("triage"),
    // Minimum role to open or end a manual freeze.
    freeze_permission: permissionLevel.default("write"),
  })
  .strict()
  .prefault({});

const roleName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, { message: "role names are lower-case words, e.g. investigator" });

const rolesSchema = z
  .object({
    // The playbooks want the communicator independent of the lead; small teams may relax it.
    allow_lead_as_comms: z.boolean().default(false),
    extra: z
      .array(roleName)
      .default(["investigator", "fixer", "reviewer", "tester", "designer", "product-owner"]),
  })
  .strict()
  .prefault({});

// The playbook's "no fewer than two days before the office closes"; fewer needs `short_lead_ok: true`.
export const PLAYBOOK_LEAD_DAYS = 2;
const leadDays = z.number().int().min(0).max(30).default(PLAYBOOK_LEAD_DAYS);
const shortLeadMessage = `the holiday-coverage playbook freezes no fewer than ${PLAYBOOK_LEAD_DAYS} days before the office closes; to freeze later than that, also set \`short_lead_ok: true\` on this entry (Expedite then says so on every pull request it holds)`;

// One office closure (a company holiday): the single definition that closes business hours (the
// acknowledgement calendar), freezes merges `lead_days` before it begins, and names who is on call.
const holidayClosureSchema = z
  .object({
    name: z.string().min(1),
    // First and last day the office is closed (whole days in the business-hours time zone).
    from: isoDate,
    to: isoDate,
    // Who is on call during it (a roster entry for the closure).
    primary: handle.optional(),
    secondary: handle.optional(),
    // Freeze merges before it begins (playbook 002). false: the office is closed but merges go on.
    freeze: z.boolean().default(true),
    lead_days: leadDays,
    short_lead_ok: z.boolean().default(false),
  })
  .strict()
  .refine((c) => inOrder(c.from, c.to, "end"), {
    message: "`to` (the last day closed) is before `from` (the first day closed)",
    path: ["to"],
  })
  .refine((c) => !c.freeze || c.lead_days >= PLAYBOOK_LEAD_DAYS || c.short_lead_ok, {
    message: shortLeadMessage,
    path: ["lead_days"],
  });

const holidaysSchema = z
  .object({
    // A country's public holidays from the date-holidays library, e.g. "US", "US-NY", "GB-ENG", "DE-BY";
    // "none" for no public holidays. The default is the check-in playbook's: US federal holidays.
    country: z
      .string()
      .refine((code) => code === "none" || isKnownHolidayRegion(code), {
        message:
          'unknown country or region for public holidays; use an ISO code such as "US", "US-NY", "GB-ENG" or "DE-BY", or "none"',
      })
      .default("US"),
    // Extra closed days (office closures), in the business-hours time zone.
    dates: z.array(isoDate).default([]),
    // Named office closures: closed for acknowledgements, frozen before, with their own on-call.
    closures: z.array(holidayClosureSchema).default([]),
  })
  .strict()
  .prefault({});

const businessHoursSchema = z
  .object({
    timezone: timeZone.default("America/New_York"),
    days: z.array(weekday).min(1).default(["mon", "tue", "wed", "thu", "fri"]),
    start: clockTime.default("07:00"),
    end: clockTime.default("20:00"),
    holidays: holidaysSchema,
    // Minor incidents wait for the office (playbook 002): a non-revenue incident of these severities
    // declared outside business hours starts its clocks, and goes to the on-call engineer, when they begin.
    minor_severities: z.array(severity).default([4]),
  })
  .strict()
  .prefault({});

// A channel named under `channels:` (its address and credentials come from the runtime, never this file).
const channelName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
  message: 'channel names are lower-case words joined by hyphens, e.g. "incidents-slack"',
});

const acknowledgeSchema = z
  .object({
    within_business_hours: duration.default("15m"),
    outside_business_hours: duration.default("60m"),
    // Who the breach notice names besides the on-call engineer.
    notify: z.array(handle).default([]),
    // Channels that also hear of a missed acknowledgement (a pager, a chat channel).
    channels: z.array(channelName).default([]),
  })
  .strict()
  .prefault({});

// Who a ladder step calls: people and teams, or placeholders filled in when the notice goes out (the
// on-call engineers of the moment, the incident's lead or communicator), as docs/configuration.md says.
const STEP_HANDLE = new RegExp(
  `${HANDLE.source}|^(?:${ROLE_TOKENS.map((t) => t.replace(/[{}]/g, "\\$&")).join("|")})$`,
);
const stepHandle = z.string().regex(STEP_HANDLE, {
  message:
    'expected a GitHub login ("alice"), a team ("@my-org/tech-leads") or one of {oncall}, {oncall-secondary}, {lead}, {comms}',
});

const ladderStepSchema = z
  .object({
    after: duration,
    notify: z.array(stepHandle).min(1),
    note: z.string().optional(),
    // Channels this step reaches besides the GitHub mention, e.g. a PagerDuty service that pages the CTO.
    channels: z.array(channelName).default([]),
  })
  .strict();

const ladderConditionSchema = z
  .object({
    revenue: z.boolean().optional(),
    // true: only while no workaround is in place; the ladder stops once one is recorded.
    no_workaround: z.boolean().optional(),
    severities: z.array(severity).optional(),
  })
  .strict()
  .default({});

const ladderSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "ladder names are lower-case words, e.g. revenue" }),
    when: ladderConditionSchema,
    steps: z.array(ladderStepSchema).min(1),
  })
  .strict();

// The playbook's ladder. Defaults cannot know who a team's tech lead, CTO or CEO is, so they notify the
// on-call engineers and say whom to call; naming real people is one edit of `escalation.ladders`.
export const DEFAULT_LADDERS = [
  {
    name: "revenue",
    when: { revenue: true, no_workaround: true },
    steps: [
      {
        after: "30m",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Revenue is hit and there is no workaround: bring in the area's tech lead or the VP of engineering.",
      },
      {
        after: "2h",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Two hours without a workaround: call the CTO.",
      },
      {
        after: "3h",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Three hours without a workaround: the CTO brings in the CEO.",
      },
    ],
  },
  {
    name: "default",
    when: { no_workaround: true },
    steps: [
      {
        after: "30m",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Thirty minutes without a workaround: the area's tech lead decides what happens next.",
      },
    ],
  },
];

const escalationSchema = z
  .object({
    // The first ladder whose condition matches the incident applies.
    ladders: z.array(ladderSchema).default(DEFAULT_LADDERS as never),
    // What steps count from: the report (the declaration, as the playbook says) or when the problem began
    // (the form's "When did it start?" or /started), which pages at once for a backdated incident.
    count_from: z.enum(["report", "start"]).default("report"),
    // When the report says revenue is "unknown": page as if it were hit (the safe side) or not.
    unknown_revenue: z.enum(["revenue", "no_revenue"]).default("revenue"),
  })
  .strict()
  .prefault({});

const updatesSchema = z
  .object({
    cadence: z
      .object({
        "1": duration.default("30m"),
        "2": duration.default("1h"),
        "3": duration.default("4h"),
        "4": duration.default("1d"),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

const rosterEntrySchema = z
  .object({
    name: z.string().optional(),
    from: localDateTime,
    to: localDateTime,
    primary: handle,
    secondary: handle.optional(),
  })
  .strict()
  .refine((e) => inOrder(e.from, e.to, "end"), { message: "`to` comes before `from`", path: ["to"] });

const oncallSchema = z
  .object({
    // Who is on call when no roster entry covers the moment.
    primary: handle.optional(),
    secondary: handle.optional(),
    roster: z.array(rosterEntrySchema).default([]),
  })
  .strict()
  .prefault({});

const severitySchema = z
  .object({
    // Used when the form gives no severity and nobody set one.
    default: severity.default(3),
    // Severities that get a post-mortem pull request; the rest close with a summary.
    postmortem: z.array(severity).default([1, 2]),
  })
  .strict()
  .prefault({});

const weeklyPoint = z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$/, {
  message: 'expected a weekday and a 24-hour time such as "fri 16:00"',
});

const freezeWindowSchema = z
  .object({
    name: z.string().min(1),
    // One-off: start and end.
    start: localDateTime.optional(),
    end: localDateTime.optional(),
    // Weekly: "fri 16:00" to "mon 08:00".
    weekly_from: weeklyPoint.optional(),
    weekly_to: weeklyPoint.optional(),
    timezone: timeZone.optional(),
  })
  .strict()
  .refine(
    (w) =>
      (w.start !== undefined && w.end !== undefined) ||
      (w.weekly_from !== undefined && w.weekly_to !== undefined),
    {
      message: "a freeze window needs either start and end (one-off) or weekly_from and weekly_to (weekly)",
    },
  )
  .refine((w) => inOrder(w.start, w.end, "end"), {
    message: "`end` comes before `start`, so this window would never freeze anything",
    path: ["end"],
  });

const freezeClosureSchema = z
  .object({
    name: z.string().min(1),
    // When the office closes and reopens; the freeze starts lead_days before closing.
    closes: localDateTime,
    reopens: localDateTime,
    lead_days: leadDays,
    // Accept a lead time below the playbook's two days (a warning is shown on held pull requests).
    short_lead_ok: z.boolean().default(false),
    timezone: timeZone.optional(),
  })
  .strict()
  .refine((c) => inOrder(c.closes, c.reopens, "start"), {
    message: "`reopens` comes before `closes`, so this closure would never freeze anything",
    path: ["reopens"],
  })
  .refine((c) => c.lead_days >= PLAYBOOK_LEAD_DAYS || c.short_lead_ok, {
    message: shortLeadMessage,
    path: ["lead_days"],
  });

const freezeSchema = z
  .object({
    // Base branches a freeze applies to (globs). Empty means the repository's default branch.
    branches: z.array(z.string().min(1)).default([]),
    // Changes touching only these paths are never frozen.
    ignore_paths: z.array(z.string().min(1)).default([]),
    // Open, unresolved incidents of these severities freeze merges.
    incident_severities: z.array(severity).default([1]),
    windows: z.array(freezeWindowSchema).default([]),
    closures: z.array(freezeClosureSchema).default([]),
    // Who may grant exceptions besides the on-call engineer.
    approvers: z.array(handle).default([]),
    // A grant covers only the head SHA it was given for.
    exception_per_commit: z.boolean().default(true),
    announce_before: duration.default("2d"),
    // Where announcements go: a comment on each open PR, or one pinned tracking issue.
    announce_on: z.enum(["pull_requests", "issue"]).default("pull_requests"),
    check_name: z.string().min(1).default("expedite/freeze"),
  })
  .strict()
  .prefault({});

const deploysSchema = z
  .object({
    // Environments whose deployments wait for the freeze (globs, case-insensitive). Others are approved.
    environments: z
      .array(z.string().min(1))
      .default(["production", "production-*", "prod", "prod-*", "live"]),
    // During a freeze: keep the deployment waiting and approve it when the freeze ends, or reject it.
    when_frozen: z.enum(["wait", "reject"]).default("wait"),
    // The deployments channel(s): told once when each freeze starts and ends and when an exception is
    // granted, whatever their own `events` say (playbook 000: "notify the deployments channel").
    channels: z.array(channelName).default([]),
  })
  .strict()
  .prefault({});

const alertRouteSchema = z
  .object({
    // Alert labels this route needs, as globs (case-sensitive values); every one must match.
    match: z.record(z.string(), z.string()).default({}),
    // Only alerts from this source.
    source: z.enum(["alertmanager", "grafana", "sentry", "generic"]).optional(),
    // App mode: the repository whose incident it becomes ("owner/name"); default: this one.
    repository: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+$/, { message: 'expected "owner/name"' })
      .optional(),
    severity: severity.optional(),
    revenue: z.boolean().optional(),
    // What the incident's "Applications impacted" says.
    applications: z.string().min(1).optional(),
  })
  .strict();

const alertsSchema = z
  .object({
    // First matching route wins; an alert no route matches becomes an incident here, severity from its label.
    routes: z.array(alertRouteSchema).default([]),
    // The alert label that carries a severity, and what its values mean.
    severity_label: z.string().min(1).default("severity"),
    severity_values: z.record(z.string(), severity).default({
      critical: 1,
      page: 1,
      fatal: 1,
      error: 2,
      high: 2,
      major: 2,
      warning: 3,
      minor: 3,
      info: 4,
      low: 4,
    }),
  })
  .strict()
  .prefault({});

const releasesSchema = z
  .object({
    // Announce releases (drafted, published) and milestones coming due, once each (playbook 004).
    announce: z.boolean().default(false),
    // How long before a milestone's due date it is announced.
    milestone_notice: duration.default("3d"),
    // The issue the announcements are posted on (without channels), or their delivery records are kept on.
    tracking_issue_title: z.string().min(1).default("Release announcements"),
    // Channels that hear every announcement, whatever their own `events` say. With no channel hearing
    // them, each announcement is a comment on the tracking issue instead.
    channels: z.array(channelName).default([]),
  })
  .strict()
  .prefault({});

const postmortemSchema = z
  .object({
    branch: z.string().min(1).default("expedite/postmortem-{number}"),
    path: z.string().min(1).default("docs/postmortems/{date}-{number}-{slug}.md"),
    reviewers: z.array(handle).default([]),
    // Ask the lead and the communicator to review.
    request_roles: z.boolean().default(true),
    // Holders of these `/role` roles are asked to review too (playbook 003: the product owner attends).
    // Absent: `product-owner`, when `roles.extra` has it.
    reviewer_roles: z.array(roleName).optional(),
    // A suggested deadline for the post-mortem meeting, counted from the resolution, per severity; the
    // pull request shows it (playbooks 003 and 004: soon after the incident, while it is fresh).
    meeting_within: z
      .object({
        "1": duration.default("2d"),
        "2": duration.default("5d"),
        "3": duration.default("1w"),
        "4": duration.default("2w"),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

const scheduleSchema = z
  .object({
    // How often this repository is swept (the App's EXPEDITE_SCHEDULE_INTERVAL, or the Action's cron).
    // Sweeps look back twice this long (at least 10 minutes) for freeze boundaries they must act on.
    interval: duration.default("1m"),
  })
  .strict()
  .prefault({});

const templatesSchema = z
  .object({
    // A folder in the repository whose *.mustache files replace the bundled templates of the same name.
    // Template overrides are opt-in: naming a folder (e.g. ".github/expedite") costs a read per reconcile
    // in Action mode, which every repository without overrides would otherwise pay for nothing.
    directory: z.string().min(1).optional(),
  })
  .strict()
  .prefault({});

// What Expedite can tell the world beyond GitHub, and when (see docs/channels.md).
export const MESSAGE_EVENTS = [
  "declared",
  "acknowledged",
  "ack-missed",
  "escalation",
  "status-update",
  "workaround",
  "resolved",
  "cancelled",
  "postmortem-opened",
  "postmortem-merged",
  "incident-report",
  "stakeholder-notice",
  "end-of-incident",
  "postmortem-shared",
  // Freezes (any cause) and the exceptions granted to them: for the deployments channel.
  "freeze-started",
  "freeze-ended",
  "exception-granted",
  // Release announcements (playbook 004).
  "release-drafted",
  "milestone-due",
  "release-published",
] as const;
export type MessageEvent = (typeof MESSAGE_EVENTS)[number];

export const FREEZE_EVENTS = ["freeze-started", "freeze-ended", "exception-granted"] as const;
export type FreezeEvent = (typeof FREEZE_EVENTS)[number];
export const RELEASE_EVENTS = ["release-drafted", "milestone-due", "release-published"] as const;
export type ReleaseEvent = (typeof RELEASE_EVENTS)[number];
const messageEvent = z.enum(MESSAGE_EVENTS);

// The events PagerDuty understands: it is told to trigger, acknowledge or resolve, nothing else.
export const PAGERDUTY_EVENTS: readonly MessageEvent[] = [
  "declared",
  "acknowledged",
  "ack-missed",
  "escalation",
  "resolved",
  "cancelled",
];

const CHAT_DEFAULT_EVENTS: MessageEvent[] = [
  "declared",
  "acknowledged",
  "ack-missed",
  "escalation",
  "status-update",
  "workaround",
  "resolved",
  "cancelled",
  "postmortem-opened",
  "postmortem-merged",
];

const routeFields = {
  // Severities this channel hears about; empty means every severity.
  severities: z.array(severity).default([]),
  // true: only incidents that hit revenue; false: only those that do not; absent: both.
  revenue: z.boolean().optional(),
};

const chatChannelSchema = (type: "slack" | "teams" | "webhook") =>
  z
    .object({
      type: z.literal(type),
      events: z.array(messageEvent).default(CHAT_DEFAULT_EVENTS),
      ...routeFields,
    })
    .strict();

const emailAddress = z.string().regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, {
  message: 'expected an e-mail address such as "support@example.com"',
});

const emailChannelSchema = z
  .object({
    type: z.literal("email"),
    from: z.string().min(3),
    to: z.array(emailAddress).min(1),
    cc: z.array(emailAddress).default([]),
    events: z
      .array(messageEvent)
      .default(["incident-report", "stakeholder-notice", "end-of-incident", "postmortem-shared"]),
    ...routeFields,
  })
  .strict();

const pagerdutyChannelSchema = z
  .object({
    type: z.literal("pagerduty"),
    events: z
      .array(messageEvent)
      .default(["declared", "acknowledged", "resolved", "cancelled"])
      .refine((events) => events.every((e) => PAGERDUTY_EVENTS.includes(e)), {
        message: `PagerDuty only triggers, acknowledges and resolves: use events among ${PAGERDUTY_EVENTS.join(", ")}`,
      }),
    // Pages are for the worst incidents unless said otherwise.
    severities: z.array(severity).default([1, 2]),
    revenue: z.boolean().optional(),
    // Not a secret: the public Events API v2 endpoint (the EU service uses events.eu.pagerduty.com).
    events_url: z
      .string()
      .regex(/^https?:\/\/[^\s?#]+$/, { message: "expected the Events API address, without a query" })
      .default("https://events.pagerduty.com/v2/enqueue"),
  })
  .strict();

const channelSchema = z.discriminatedUnion("type", [
  chatChannelSchema("slack"),
  chatChannelSchema("teams"),
  chatChannelSchema("webhook"),
  emailChannelSchema,
  pagerdutyChannelSchema,
]);
export type ChannelConfig = z.output<typeof channelSchema>;
export type ChannelType = ChannelConfig["type"];

const stakeholdersSchema = z
  .object({
    // The application named in the notice's subject: "<application> Production Outage MM-DD-YYYY".
    application: z.string().min(1).optional(),
    // Severities whose stakeholders must hear within `notice_within` (the playbook: critical incidents).
    notice_severities: z.array(severity).default([1]),
    notice_within: duration.default("24h"),
  })
  .strict()
  .prefault({});

export const configSchema = z
  .object({
    // Probot's convention: inherit from another repository's file ("repo", "owner/repo", "owner/repo:path.yml").
    _extends: z.string().optional(),
    labels: labelsSchema,
    commands: commandsSchema,
    roles: rolesSchema,
    business_hours: businessHoursSchema,
    acknowledge: acknowledgeSchema,
    escalation: escalationSchema,
    updates: updatesSchema,
    oncall: oncallSchema,
    severity: severitySchema,
    freeze: freezeSchema,
    deploys: deploysSchema,
    alerts: alertsSchema,
    releases: releasesSchema,
    postmortem: postmortemSchema,
    schedule: scheduleSchema,
    templates: templatesSchema,
    // Named outside channels (Slack, Teams, e-mail, PagerDuty, signed webhook) and the events each hears.
    channels: z.record(channelName, channelSchema).default({}),
    stakeholders: stakeholdersSchema,
    // Other bot logins whose markers Expedite trusts as its own, e.g. "github-actions[bot]" when both the
    // App and the Action run on one repository, so they share one board instead of writing two.
    trusted_bots: z.array(handle).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    // A channel named by a ladder step or the acknowledgement notice must be defined under `channels`.
    const known = new Set(Object.keys(config.channels));
    const check = (names: readonly string[] | undefined, path: (string | number)[]) =>
      (names ?? []).forEach((name, index) => {
        if (!known.has(name))
          ctx.addIssue({
            code: "custom",
            path: [...path, index],
            message: `no channel named "${name}" under \`channels:\`; define it there or fix the spelling`,
          });
      });
    check(config.acknowledge.channels, ["acknowledge", "channels"]);
    // A reviewer role nobody can be given would silently ask no one.
    (config.postmortem.reviewer_roles ?? []).forEach((role, index) => {
      if (!config.roles.extra.includes(role))
        ctx.addIssue({
          code: "custom",
          path: ["postmortem", "reviewer_roles", index],
          message: `no role named "${role}" under \`roles.extra\`; add it there or fix the spelling`,
        });
    });
    // The deployments and release channels hear messages that are not about an incident: PagerDuty, which
    // only pages for incidents, cannot carry them.
    for (const [path, names] of [
      [["deploys", "channels"], config.deploys.channels],
      [["releases", "channels"], config.releases.channels],
    ] as const) {
      check(names, [...path]);
      names.forEach((name, index) => {
        if (config.channels[name]?.type === "pagerduty")
          ctx.addIssue({
            code: "custom",
            path: [...path, index],
            message: `"${name}" is a PagerDuty channel, which only pages for incidents; name a chat, e-mail or webhook channel`,
          });
      });
    }
    config.escalation.ladders.forEach((ladder, l) =>
      ladder.steps.forEach((step, s) =>
        check(step.channels, ["escalation", "ladders", l, "steps", s, "channels"]),
      ),
    );
  });

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type Ladder = Config["escalation"]["ladders"][number];
export type LadderStep = Ladder["steps"][number];
export type RosterEntry = Config["oncall"]["roster"][number];
export type AlertRoute = Config["alerts"]["routes"][number];
export type FreezeWindow = Config["freeze"]["windows"][number];
export type FreezeClosure = Config["freeze"]["closures"][number];
export type Severity = 1 | 2 | 3 | 4;
