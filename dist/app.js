// src/app/main.ts
import { existsSync as existsSync2 } from "node:fs";
import { pino as pino2 } from "pino";
import { getTransformStream } from "@probot/pino";

// src/app/readEnvironment.ts
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

// src/core/time/parseDuration.ts
var UNIT_MS = {
  w: 6048e5,
  week: 6048e5,
  weeks: 6048e5,
  d: 864e5,
  day: 864e5,
  days: 864e5,
  h: 36e5,
  hr: 36e5,
  hrs: 36e5,
  hour: 36e5,
  hours: 36e5,
  m: 6e4,
  min: 6e4,
  mins: 6e4,
  minute: 6e4,
  minutes: 6e4,
  s: 1e3,
  sec: 1e3,
  secs: 1e3,
  second: 1e3,
  seconds: 1e3
};
var WHOLE = /^\s*(?:\d+\s*[a-z]+\s*)+$/i;
var PART = /(\d+)\s*([a-z]+)/gi;
function parseDuration(text) {
  if (text.length > 100 || !WHOLE.test(text)) return void 0;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    const ms = UNIT_MS[(unit ?? "").toLowerCase()];
    if (ms === void 0) return void 0;
    total += Number(amount) * ms;
  }
  return total > 0 && Number.isSafeInteger(total) ? total : void 0;
}
function durationMs(text) {
  const ms = parseDuration(text);
  if (ms === void 0) throw new Error(`invalid duration "${text}"`);
  return ms;
}

// src/app/readEnvironment.ts
var LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];
function readEnvironment(vars) {
  const problems = [];
  const value = (name) => {
    const v = vars[name];
    return v === void 0 || v.trim() === "" ? void 0 : v.trim();
  };
  const rawAppId = value("APP_ID");
  let appId = 0;
  if (rawAppId === void 0)
    problems.push("APP_ID is not set: use the App ID shown on the App's settings page (a number).");
  else if (!/^\d+$/.test(rawAppId))
    problems.push(`APP_ID=${rawAppId} is not a number: use the App ID shown on the App's settings page.`);
  else appId = Number(rawAppId);
  const privateKey = readPrivateKey(vars, problems);
  const secret = value("WEBHOOK_SECRET");
  if (secret === void 0)
    problems.push(
      "WEBHOOK_SECRET is not set: use the webhook secret entered in the App's settings (deliveries are verified with it)."
    );
  const baseUrl = apiBase(vars, problems);
  const rawPort = value("PORT") ?? "3000";
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535)
    problems.push(`PORT=${rawPort} is not a TCP port: use a number from 1 to 65535 (default 3000).`);
  const webhookPath = value("WEBHOOK_PATH") ?? "/api/github/webhooks";
  if (!webhookPath.startsWith("/"))
    problems.push(`WEBHOOK_PATH=${webhookPath} must start with "/", for example /api/github/webhooks.`);
  const webhookProxyUrl = value("WEBHOOK_PROXY_URL");
  if (webhookProxyUrl !== void 0 && !isHttpUrl(webhookProxyUrl))
    problems.push(
      `WEBHOOK_PROXY_URL=${webhookProxyUrl} is not an http(s) URL: use the channel URL from https://smee.io/new, or unset it.`
    );
  const rawLevel = (value("LOG_LEVEL") ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(rawLevel))
    problems.push(`LOG_LEVEL=${rawLevel} is not a level: use one of ${LOG_LEVELS.join(", ")}.`);
  const rawFormat = (value("LOG_FORMAT") ?? "pretty").toLowerCase();
  if (rawFormat !== "json" && rawFormat !== "pretty")
    problems.push(
      `LOG_FORMAT=${rawFormat} is not a format: use json (one JSON object a line) or pretty (for people).`
    );
  const scheduleIntervalMs = duration(vars, "EXPEDITE_SCHEDULE_INTERVAL", "1m", 1e3, problems);
  const shutdownTimeoutMs = duration(vars, "EXPEDITE_SHUTDOWN_TIMEOUT", "8s", 1e3, problems);
  const deliveryRecoveryIntervalMs = duration(
    vars,
    "EXPEDITE_DELIVERY_RECOVERY_INTERVAL",
    "5m",
    6e4,
    problems
  );
  const rawSpacing = value("EXPEDITE_WRITE_SPACING_MS");
  if (rawSpacing !== void 0 && !/^\d+$/.test(rawSpacing))
    problems.push(
      `EXPEDITE_WRITE_SPACING_MS=${rawSpacing} is not a number of milliseconds: unset it to keep GitHub's advised pacing.`
    );
  const quotaReserve = count(vars, "EXPEDITE_QUOTA_RESERVE", 500, problems);
  const redis = redisEnvironment(vars, problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    env: {
      appId,
      privateKey,
      secret,
      ...baseUrl !== void 0 ? { baseUrl } : {},
      port,
      host: value("HOST") ?? "0.0.0.0",
      webhookPath,
      ...webhookProxyUrl !== void 0 ? { webhookProxyUrl } : {},
      logLevel: rawLevel,
      logFormat: rawFormat,
      scheduleIntervalMs,
      shutdownTimeoutMs,
      deliveryRecoveryIntervalMs,
      ...rawSpacing !== void 0 ? { writeSpacingMs: Number(rawSpacing) } : {},
      quotaReserve,
      ...redis ? { redis } : {}
    }
  };
}
function redisEnvironment(vars, problems) {
  const url = vars.REDIS_URL?.trim();
  if (!url) return void 0;
  let valid = false;
  try {
    valid = ["redis:", "rediss:"].includes(new URL(url).protocol);
  } catch {
    valid = false;
  }
  if (!valid)
    problems.push(
      "REDIS_URL is not a redis:// or rediss:// URL: use for example redis://redis:6379/0, or unset it to run one process without Redis."
    );
  const prefix = vars.EXPEDITE_REDIS_PREFIX?.trim() || "expedite";
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix))
    problems.push(
      `EXPEDITE_REDIS_PREFIX=${prefix} may hold only letters, digits, "_", "." and "-": every replica must use the same one.`
    );
  return {
    url,
    prefix,
    lockTtlMs: duration(vars, "EXPEDITE_LOCK_TTL", "30s", 1e3, problems),
    concurrency: count(vars, "EXPEDITE_CONCURRENCY", 8, problems, 1),
    replica: vars.EXPEDITE_REPLICA?.trim() || `${hostname()}-${process.pid}`,
    attempts: count(vars, "EXPEDITE_JOB_ATTEMPTS", 5, problems, 1),
    backoffMs: duration(vars, "EXPEDITE_JOB_BACKOFF", "2s", 1e3, problems)
  };
}
function count(vars, name, fallback, problems, minimum = 0) {
  const text = vars[name]?.trim();
  if (text === void 0 || text === "") return fallback;
  if (!/^\d+$/.test(text) || Number(text) < minimum) {
    problems.push(`${name}=${text} is not a whole number of at least ${minimum}: unset it for ${fallback}.`);
    return fallback;
  }
  return Number(text);
}
function readPrivateKey(vars, problems) {
  const inline = vars.PRIVATE_KEY?.trim();
  const path = vars.PRIVATE_KEY_PATH?.trim();
  let pem;
  let name = "PRIVATE_KEY";
  if (inline) {
    const text = inline.replace(/\\n/g, "\n");
    pem = text.includes("-----BEGIN") ? text : Buffer.from(text, "base64").toString("utf8");
  } else if (path) {
    name = "PRIVATE_KEY_PATH";
    try {
      pem = readFileSync(path, "utf8");
    } catch (error) {
      problems.push(
        `PRIVATE_KEY_PATH=${path} cannot be read (${error.code ?? "error"}): point it at the .pem file downloaded from the App's settings.`
      );
      return void 0;
    }
  } else {
    problems.push(
      "PRIVATE_KEY is not set: set PRIVATE_KEY to the App's private key (PEM, or its base64) or PRIVATE_KEY_PATH to the .pem file."
    );
    return void 0;
  }
  try {
    createPrivateKey(pem);
  } catch {
    problems.push(
      `${name} does not hold a usable private key: generate one under "Private keys" in the App's settings and give the whole .pem (BEGIN and END lines included).`
    );
    return void 0;
  }
  return pem;
}
function apiBase(vars, problems) {
  const explicit = vars.GITHUB_API_URL?.trim();
  if (explicit) {
    if (!isHttpUrl(explicit))
      problems.push(
        `GITHUB_API_URL=${explicit} is not an http(s) URL: use https://api.github.com or https://<host>/api/v3.`
      );
    return explicit.replace(/\/+$/, "");
  }
  const host = vars.GHE_HOST?.trim();
  if (!host) return void 0;
  const protocol = vars.GHE_PROTOCOL?.trim() || "https";
  if (protocol !== "https" && protocol !== "http") {
    problems.push(`GHE_PROTOCOL=${protocol} must be https or http.`);
    return void 0;
  }
  return `${protocol}://${host}/api/v3`;
}
function duration(vars, name, fallback, minimumMs, problems) {
  const text = vars[name]?.trim() || fallback;
  const ms = parseDuration(text);
  if (ms === void 0) {
    problems.push(
      `${name}=${text} is not a duration: write a number with a unit, such as ${fallback}, 90s or 1h30m.`
    );
    return 0;
  }
  if (ms < minimumMs) {
    problems.push(`${name}=${text} is too short: use at least ${minimumMs / 1e3}s.`);
    return 0;
  }
  return ms;
}
function isHttpUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

// src/app/startAppServer.ts
import { Probot, Server } from "probot";
import { pino } from "pino";

// src/core/time/clock.ts
var systemClock = () => Date.now();

// src/github/loadConfig.ts
import { composeConfigGet } from "@probot/octokit-plugin-config";

// src/core/config/schema.ts
import { z } from "zod";

// src/core/calendar/publicHolidays.ts
import Holidays from "date-holidays";
var instances = /* @__PURE__ */ new Map();
var years = /* @__PURE__ */ new Map();
function publicHolidays(country, zone, year) {
  const key = `${country}|${zone}|${year}`;
  const cached = years.get(key);
  if (cached) return cached;
  const list2 = holidaysFor(country, zone).getHolidays(year, "en").filter((holiday) => holiday.type === "public").map((holiday) => ({ name: holiday.name, start: holiday.start.getTime(), end: holiday.end.getTime() }));
  years.set(key, list2);
  return list2;
}
function holidaysFor(country, zone) {
  const key = `${country}|${zone}`;
  let instance = instances.get(key);
  if (!instance) {
    const [code2 = "", state, region] = country.split("-");
    instance = new Holidays(
      { country: code2, ...state ? { state } : {}, ...region ? { region } : {} },
      { types: ["public"], languages: ["en"], timezone: zone }
    );
    instances.set(key, instance);
  }
  return instance;
}
function isKnownHolidayRegion(country) {
  const [code2 = "", state, region] = country.split("-");
  const catalogue = new Holidays();
  if (!(code2 in (catalogue.getCountries() ?? {}))) return false;
  if (state === void 0) return true;
  if (!(state in (catalogue.getStates(code2) ?? {}))) return false;
  return region === void 0 || region in (catalogue.getRegions(code2, state) ?? {});
}

// src/core/calendar/parseLocalMoment.ts
import { DateTime } from "luxon";
var DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
function parseLocalMoment(text, zone, edge = "start") {
  const trimmed = text.trim();
  if (DATE_ONLY.test(trimmed)) {
    const day = DateTime.fromISO(trimmed, { zone });
    if (!day.isValid) return void 0;
    return (edge === "end" ? day.plus({ days: 1 }) : day).startOf("day").toMillis();
  }
  const moment = DateTime.fromISO(trimmed.replace(" ", "T"), { zone });
  return moment.isValid ? moment.toMillis() : void 0;
}

// src/core/time/dateProblem.ts
import { DateTime as DateTime2 } from "luxon";
var DATE_PART = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
function dateProblem(text) {
  const match = DATE_PART.exec(text.trim());
  if (!match) return void 0;
  const [, y = "", mo = "", d = "", h, mi] = match;
  const day = dayProblem(Number(y), Number(mo), Number(d));
  if (day !== void 0) return day;
  if (h !== void 0 && Number(h) > 23) return `there is no hour ${Number(h)} (hours run from 00 to 23)`;
  if (mi !== void 0 && Number(mi) > 59)
    return `there is no minute ${Number(mi)} (minutes run from 00 to 59)`;
  return void 0;
}
function dayProblem(year, month, day) {
  if (month < 1 || month > 12) return `there is no month ${month} (months run from 01 to 12)`;
  const days = DateTime2.local(year, month, 1).daysInMonth ?? 31;
  const name = DateTime2.local(year, month, 1).setLocale("en").toFormat("LLLL yyyy");
  if (day < 1 || day > days) return `${name} has ${days} days, not ${day}`;
  return void 0;
}

// src/core/oncall/onCallAt.ts
function onCallAt(oncall, zone, at, holidays) {
  let chosen;
  for (const entry of [...oncall.roster, ...holidayRoster(holidays)]) {
    const from = parseLocalMoment(entry.from, zone, "start");
    const to = parseLocalMoment(entry.to, zone, "end");
    if (from === void 0 || to === void 0 || at < from || at >= to) continue;
    if (!chosen || to - from < chosen.length) chosen = { entry, length: to - from };
  }
  const primary = chosen?.entry.primary ?? oncall.primary;
  const secondary = chosen?.entry.secondary ?? oncall.secondary;
  return {
    ...primary !== void 0 ? { primary: plainLogin(primary) } : {},
    ...secondary !== void 0 ? { secondary: plainLogin(secondary) } : {},
    ...chosen?.entry.name !== void 0 ? { period: chosen.entry.name } : {}
  };
}
function plainLogin(handle2) {
  return handle2.replace(/^@/, "");
}
function holidayRoster(holidays) {
  return (holidays?.closures ?? []).flatMap(
    (closure) => closure.primary === void 0 ? [] : [
      {
        name: closure.name,
        from: closure.from,
        to: closure.to,
        primary: closure.primary,
        ...closure.secondary !== void 0 ? { secondary: closure.secondary } : {}
      }
    ]
  );
}

// src/core/clocks/resolveHandles.ts
var ROLE_TOKENS = ["{oncall}", "{oncall-secondary}", "{lead}", "{comms}"];
function resolveHandles(handles, incident, config, at) {
  const onCall = onCallAt(config.oncall, config.business_hours.timezone, at, config.business_hours.holidays);
  return handles.flatMap((handle2) => {
    switch (handle2) {
      case "{oncall}":
        return onCall.primary ? [onCall.primary] : [];
      case "{oncall-secondary}":
        return onCall.secondary ? [onCall.secondary] : [];
      case "{lead}":
        return incident.lead ? [incident.lead] : [];
      case "{comms}":
        return incident.comms ? [incident.comms] : [];
      default:
        return [handle2];
    }
  });
}

// src/core/config/schema.ts
var DURATION_PATTERN = "^\\s*(\\d+\\s*(w|d|h|m|s|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\\s*)+$";
var duration2 = z.string().regex(new RegExp(DURATION_PATTERN, "i"), {
  message: 'expected a duration such as "30m", "2h", "1d" or "1h30m"'
}).refine((text) => !new RegExp(DURATION_PATTERN, "i").test(text) || /[1-9]/.test(text), {
  message: "a duration must be longer than zero"
}).refine(
  (text) => !new RegExp(DURATION_PATTERN, "i").test(text) || !/[1-9]/.test(text) || parseDuration(text) !== void 0,
  {
    message: 'that duration is too long to be useful; use days or weeks, such as "2d" or "1w"'
  }
).describe('A duration such as "30m", "2h", "1d" or "1h30m".');
var clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a 24-hour time such as "07:00" or "20:00"' });
var realDate = (text) => dateProblem(text) === void 0;
var realDateMessage = (text) => `not a real date: ${dateProblem(String(text)) ?? "check it"}`;
var isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date such as "2026-12-24"' }).refine(realDate, { error: (issue) => realDateMessage(issue.input) });
var localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/, {
  message: 'expected a date or date-time such as "2026-12-24" or "2026-12-24T17:00"'
}).refine(realDate, { error: (issue) => realDateMessage(issue.input) });
function inOrder(from, to, toEdge) {
  if (from === void 0 || to === void 0) return true;
  const a = parseLocalMoment(from, "UTC", "start");
  const b = parseLocalMoment(to, "UTC", toEdge);
  return a === void 0 || b === void 0 || a < b;
}
var timeZone = z.string().refine((zone) => isValidTimeZone(zone), {
  message: 'unknown time zone; use an IANA name such as "America/New_York", "Europe/London" or "UTC"'
}).describe('An IANA time zone name, e.g. "America/New_York".');
function isValidTimeZone(zone) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
var weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
var severity = z.number().int().min(1).max(4);
var permissionLevel = z.enum(["read", "triage", "write", "maintain", "admin"]);
var HANDLE = /^@?[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9_.-]+)?(\[bot\])?$/;
var handle = z.string().min(1).regex(HANDLE, {
  message: 'expected a GitHub login ("alice", "@alice") or a team ("@my-org/tech-leads")'
});
var labelsSchema = z.object({
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
  releases: z.string().min(1).default("release-announcements")
}).strict().prefault({});
var commandsSchema = z.object({
  // Minimum repository role (collaborators-permission API) needed to run incident commands.
  permission: permissionLevel.default("triage"),
  // Minimum role to open or end a manual freeze.
  freeze_permission: permissionLevel.default("write")
}).strict().prefault({});
var roleName = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "role names are lower-case words, e.g. investigator" });
var rolesSchema = z.object({
  // The playbooks want the communicator independent of the lead; small teams may relax it.
  allow_lead_as_comms: z.boolean().default(false),
  extra: z.array(roleName).default(["investigator", "fixer", "reviewer", "tester", "designer", "product-owner"])
}).strict().prefault({});
var PLAYBOOK_LEAD_DAYS = 2;
var leadDays = z.number().int().min(0).max(30).default(PLAYBOOK_LEAD_DAYS);
var shortLeadMessage = `the holiday-coverage playbook freezes no fewer than ${PLAYBOOK_LEAD_DAYS} days before the office closes; to freeze later than that, also set \`short_lead_ok: true\` on this entry (Expedite then says so on every pull request it holds)`;
var holidayClosureSchema = z.object({
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
  short_lead_ok: z.boolean().default(false)
}).strict().refine((c) => inOrder(c.from, c.to, "end"), {
  message: "`to` (the last day closed) is before `from` (the first day closed)",
  path: ["to"]
}).refine((c) => !c.freeze || c.lead_days >= PLAYBOOK_LEAD_DAYS || c.short_lead_ok, {
  message: shortLeadMessage,
  path: ["lead_days"]
});
var holidaysSchema = z.object({
  // A country's public holidays from the date-holidays library, e.g. "US", "US-NY", "GB-ENG", "DE-BY";
  // "none" for no public holidays. The default is the check-in playbook's: US federal holidays.
  country: z.string().refine((code2) => code2 === "none" || isKnownHolidayRegion(code2), {
    message: 'unknown country or region for public holidays; use an ISO code such as "US", "US-NY", "GB-ENG" or "DE-BY", or "none"'
  }).default("US"),
  // Extra closed days (office closures), in the business-hours time zone.
  dates: z.array(isoDate).default([]),
  // Named office closures: closed for acknowledgements, frozen before, with their own on-call.
  closures: z.array(holidayClosureSchema).default([])
}).strict().prefault({});
var businessHoursSchema = z.object({
  timezone: timeZone.default("America/New_York"),
  days: z.array(weekday).min(1).default(["mon", "tue", "wed", "thu", "fri"]),
  start: clockTime.default("07:00"),
  end: clockTime.default("20:00"),
  holidays: holidaysSchema,
  // Minor incidents wait for the office (playbook 002): a non-revenue incident of these severities
  // declared outside business hours starts its clocks, and goes to the on-call engineer, when they begin.
  minor_severities: z.array(severity).default([4])
}).strict().prefault({});
var channelName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
  message: 'channel names are lower-case words joined by hyphens, e.g. "incidents-slack"'
});
var acknowledgeSchema = z.object({
  within_business_hours: duration2.default("15m"),
  outside_business_hours: duration2.default("60m"),
  // Who the breach notice names besides the on-call engineer.
  notify: z.array(handle).default([]),
  // Channels that also hear of a missed acknowledgement (a pager, a chat channel).
  channels: z.array(channelName).default([])
}).strict().prefault({});
var STEP_HANDLE = new RegExp(
  `${HANDLE.source}|^(?:${ROLE_TOKENS.map((t) => t.replace(/[{}]/g, "\\$&")).join("|")})$`
);
var stepHandle = z.string().regex(STEP_HANDLE, {
  message: 'expected a GitHub login ("alice"), a team ("@my-org/tech-leads") or one of {oncall}, {oncall-secondary}, {lead}, {comms}'
});
var ladderStepSchema = z.object({
  after: duration2,
  notify: z.array(stepHandle).min(1),
  note: z.string().optional(),
  // Channels this step reaches besides the GitHub mention, e.g. a PagerDuty service that pages the CTO.
  channels: z.array(channelName).default([])
}).strict();
var ladderConditionSchema = z.object({
  revenue: z.boolean().optional(),
  // true: only while no workaround is in place; the ladder stops once one is recorded.
  no_workaround: z.boolean().optional(),
  severities: z.array(severity).optional()
}).strict().default({});
var ladderSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: "ladder names are lower-case words, e.g. revenue" }),
  when: ladderConditionSchema,
  steps: z.array(ladderStepSchema).min(1)
}).strict();
var DEFAULT_LADDERS = [
  {
    name: "revenue",
    when: { revenue: true, no_workaround: true },
    steps: [
      {
        after: "30m",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Revenue is hit and there is no workaround: bring in the area's tech lead or the VP of engineering."
      },
      {
        after: "2h",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Two hours without a workaround: call the CTO."
      },
      {
        after: "3h",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Three hours without a workaround: the CTO brings in the CEO."
      }
    ]
  },
  {
    name: "default",
    when: { no_workaround: true },
    steps: [
      {
        after: "30m",
        notify: ["{oncall}", "{oncall-secondary}"],
        note: "Thirty minutes without a workaround: the area's tech lead decides what happens next."
      }
    ]
  }
];
var escalationSchema = z.object({
  // The first ladder whose condition matches the incident applies.
  ladders: z.array(ladderSchema).default(DEFAULT_LADDERS),
  // What steps count from: the report (the declaration, as the playbook says) or when the problem began
  // (the form's "When did it start?" or /started), which pages at once for a backdated incident.
  count_from: z.enum(["report", "start"]).default("report"),
  // When the report says revenue is "unknown": page as if it were hit (the safe side) or not.
  unknown_revenue: z.enum(["revenue", "no_revenue"]).default("revenue")
}).strict().prefault({});
var updatesSchema = z.object({
  cadence: z.object({
    "1": duration2.default("30m"),
    "2": duration2.default("1h"),
    "3": duration2.default("4h"),
    "4": duration2.default("1d")
  }).strict().prefault({})
}).strict().prefault({});
var rosterEntrySchema = z.object({
  name: z.string().optional(),
  from: localDateTime,
  to: localDateTime,
  primary: handle,
  secondary: handle.optional()
}).strict().refine((e) => inOrder(e.from, e.to, "end"), { message: "`to` comes before `from`", path: ["to"] });
var oncallSchema = z.object({
  // Who is on call when no roster entry covers the moment.
  primary: handle.optional(),
  secondary: handle.optional(),
  roster: z.array(rosterEntrySchema).default([])
}).strict().prefault({});
var severitySchema = z.object({
  // Used when the form gives no severity and nobody set one.
  default: severity.default(3),
  // Severities that get a post-mortem pull request; the rest close with a summary.
  postmortem: z.array(severity).default([1, 2])
}).strict().prefault({});
var weeklyPoint = z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$/, {
  message: 'expected a weekday and a 24-hour time such as "fri 16:00"'
});
var freezeWindowSchema = z.object({
  name: z.string().min(1),
  // One-off: start and end.
  start: localDateTime.optional(),
  end: localDateTime.optional(),
  // Weekly: "fri 16:00" to "mon 08:00".
  weekly_from: weeklyPoint.optional(),
  weekly_to: weeklyPoint.optional(),
  timezone: timeZone.optional()
}).strict().refine(
  (w) => w.start !== void 0 && w.end !== void 0 || w.weekly_from !== void 0 && w.weekly_to !== void 0,
  {
    message: "a freeze window needs either start and end (one-off) or weekly_from and weekly_to (weekly)"
  }
).refine((w) => inOrder(w.start, w.end, "end"), {
  message: "`end` comes before `start`, so this window would never freeze anything",
  path: ["end"]
});
var freezeClosureSchema = z.object({
  name: z.string().min(1),
  // When the office closes and reopens; the freeze starts lead_days before closing.
  closes: localDateTime,
  reopens: localDateTime,
  lead_days: leadDays,
  // Accept a lead time below the playbook's two days (a warning is shown on held pull requests).
  short_lead_ok: z.boolean().default(false),
  timezone: timeZone.optional()
}).strict().refine((c) => inOrder(c.closes, c.reopens, "start"), {
  message: "`reopens` comes before `closes`, so this closure would never freeze anything",
  path: ["reopens"]
}).refine((c) => c.lead_days >= PLAYBOOK_LEAD_DAYS || c.short_lead_ok, {
  message: shortLeadMessage,
  path: ["lead_days"]
});
var freezeSchema = z.object({
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
  announce_before: duration2.default("2d"),
  // Where announcements go: a comment on each open PR, or one pinned tracking issue.
  announce_on: z.enum(["pull_requests", "issue"]).default("pull_requests"),
  check_name: z.string().min(1).default("expedite/freeze")
}).strict().prefault({});
var deploysSchema = z.object({
  // Environments whose deployments wait for the freeze (globs, case-insensitive). Others are approved.
  environments: z.array(z.string().min(1)).default(["production", "production-*", "prod", "prod-*", "live"]),
  // During a freeze: keep the deployment waiting and approve it when the freeze ends, or reject it.
  when_frozen: z.enum(["wait", "reject"]).default("wait"),
  // The deployments channel(s): told once when each freeze starts and ends and when an exception is
  // granted, whatever their own `events` say (playbook 000: "notify the deployments channel").
  channels: z.array(channelName).default([])
}).strict().prefault({});
var alertRouteSchema = z.object({
  // Alert labels this route needs, as globs (case-sensitive values); every one must match.
  match: z.record(z.string(), z.string()).default({}),
  // Only alerts from this source.
  source: z.enum(["alertmanager", "grafana", "sentry", "generic"]).optional(),
  // App mode: the repository whose incident it becomes ("owner/name"); default: this one.
  repository: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+$/, { message: 'expected "owner/name"' }).optional(),
  severity: severity.optional(),
  revenue: z.boolean().optional(),
  // What the incident's "Applications impacted" says.
  applications: z.string().min(1).optional()
}).strict();
var alertsSchema = z.object({
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
    low: 4
  })
}).strict().prefault({});
var releasesSchema = z.object({
  // Announce releases (drafted, published) and milestones coming due, once each (playbook 004).
  announce: z.boolean().default(false),
  // How long before a milestone's due date it is announced.
  milestone_notice: duration2.default("3d"),
  // The issue the announcements are posted on (without channels), or their delivery records are kept on.
  tracking_issue_title: z.string().min(1).default("Release announcements"),
  // Channels that hear every announcement, whatever their own `events` say. With no channel hearing
  // them, each announcement is a comment on the tracking issue instead.
  channels: z.array(channelName).default([])
}).strict().prefault({});
var postmortemSchema = z.object({
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
  meeting_within: z.object({
    "1": duration2.default("2d"),
    "2": duration2.default("5d"),
    "3": duration2.default("1w"),
    "4": duration2.default("2w")
  }).strict().prefault({})
}).strict().prefault({});
var scheduleSchema = z.object({
  // How often this repository is swept (the App's EXPEDITE_SCHEDULE_INTERVAL, or the Action's cron).
  // Sweeps look back twice this long (at least 10 minutes) for freeze boundaries they must act on.
  interval: duration2.default("1m")
}).strict().prefault({});
var templatesSchema = z.object({
  // A folder in the repository whose *.mustache files replace the bundled templates of the same name.
  // Template overrides are opt-in: naming a folder (e.g. ".github/expedite") costs a read per reconcile
  // in Action mode, which every repository without overrides would otherwise pay for nothing.
  directory: z.string().min(1).optional()
}).strict().prefault({});
var MESSAGE_EVENTS = [
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
  "release-published"
];
var FREEZE_EVENTS = ["freeze-started", "freeze-ended", "exception-granted"];
var RELEASE_EVENTS = ["release-drafted", "milestone-due", "release-published"];
var messageEvent = z.enum(MESSAGE_EVENTS);
var PAGERDUTY_EVENTS = [
  "declared",
  "acknowledged",
  "ack-missed",
  "escalation",
  "resolved",
  "cancelled"
];
var CHAT_DEFAULT_EVENTS = [
  "declared",
  "acknowledged",
  "ack-missed",
  "escalation",
  "status-update",
  "workaround",
  "resolved",
  "cancelled",
  "postmortem-opened",
  "postmortem-merged"
];
var routeFields = {
  // Severities this channel hears about; empty means every severity.
  severities: z.array(severity).default([]),
  // true: only incidents that hit revenue; false: only those that do not; absent: both.
  revenue: z.boolean().optional()
};
var chatChannelSchema = (type) => z.object({
  type: z.literal(type),
  events: z.array(messageEvent).default(CHAT_DEFAULT_EVENTS),
  ...routeFields
}).strict();
var emailAddress = z.string().regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, {
  message: 'expected an e-mail address such as "support@example.com"'
});
var emailChannelSchema = z.object({
  type: z.literal("email"),
  from: z.string().min(3),
  to: z.array(emailAddress).min(1),
  cc: z.array(emailAddress).default([]),
  events: z.array(messageEvent).default(["incident-report", "stakeholder-notice", "end-of-incident", "postmortem-shared"]),
  ...routeFields
}).strict();
var pagerdutyChannelSchema = z.object({
  type: z.literal("pagerduty"),
  events: z.array(messageEvent).default(["declared", "acknowledged", "resolved", "cancelled"]).refine((events) => events.every((e) => PAGERDUTY_EVENTS.includes(e)), {
    message: `PagerDuty only triggers, acknowledges and resolves: use events among ${PAGERDUTY_EVENTS.join(", ")}`
  }),
  // Pages are for the worst incidents unless said otherwise.
  severities: z.array(severity).default([1, 2]),
  revenue: z.boolean().optional(),
  // Not a secret: the public Events API v2 endpoint (the EU service uses events.eu.pagerduty.com).
  events_url: z.string().regex(/^https?:\/\/[^\s?#]+$/, { message: "expected the Events API address, without a query" }).default("https://events.pagerduty.com/v2/enqueue")
}).strict();
var channelSchema = z.discriminatedUnion("type", [
  chatChannelSchema("slack"),
  chatChannelSchema("teams"),
  chatChannelSchema("webhook"),
  emailChannelSchema,
  pagerdutyChannelSchema
]);
var stakeholdersSchema = z.object({
  // The application named in the notice's subject: "<application> Production Outage MM-DD-YYYY".
  application: z.string().min(1).optional(),
  // Severities whose stakeholders must hear within `notice_within` (the playbook: critical incidents).
  notice_severities: z.array(severity).default([1]),
  notice_within: duration2.default("24h")
}).strict().prefault({});
var configSchema = z.object({
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
  trusted_bots: z.array(handle).default([])
}).strict().superRefine((config, ctx) => {
  const known = new Set(Object.keys(config.channels));
  const check = (names, path) => (names ?? []).forEach((name, index) => {
    if (!known.has(name))
      ctx.addIssue({
        code: "custom",
        path: [...path, index],
        message: `no channel named "${name}" under \`channels:\`; define it there or fix the spelling`
      });
  });
  check(config.acknowledge.channels, ["acknowledge", "channels"]);
  (config.postmortem.reviewer_roles ?? []).forEach((role, index) => {
    if (!config.roles.extra.includes(role))
      ctx.addIssue({
        code: "custom",
        path: ["postmortem", "reviewer_roles", index],
        message: `no role named "${role}" under \`roles.extra\`; add it there or fix the spelling`
      });
  });
  for (const [path, names] of [
    [["deploys", "channels"], config.deploys.channels],
    [["releases", "channels"], config.releases.channels]
  ]) {
    check(names, [...path]);
    names.forEach((name, index) => {
      if (config.channels[name]?.type === "pagerduty")
        ctx.addIssue({
          code: "custom",
          path: [...path, index],
          message: `"${name}" is a PagerDuty channel, which only pages for incidents; name a chat, e-mail or webhook channel`
        });
    });
  }
  config.escalation.ladders.forEach(
    (ladder, l) => ladder.steps.forEach(
      (step, s) => check(step.channels, ["escalation", "ladders", l, "steps", s, "channels"])
    )
  );
});

// src/core/config/nearestKey.ts
import { z as z2 } from "zod";
var described;
function nearestKey(path, typed) {
  described ??= z2.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" });
  const known = Object.keys(objectAt(described, path)?.properties ?? {});
  let best;
  for (const key of known) {
    const distance = editDistance(typed.toLowerCase(), key.toLowerCase());
    if (!best || distance < best.distance) best = { key, distance };
  }
  const allowed = Math.max(2, Math.floor(typed.length / 3));
  return best && best.distance <= allowed ? best.key : void 0;
}
function objectAt(schema, path) {
  let node = schema;
  for (const part of path) {
    node = node?.anyOf?.find((option) => option.properties || option.items) ?? node;
    node = /^\d+$/.test(part) ? node?.items : node?.properties?.[part];
  }
  return node?.anyOf?.find((option) => option.properties) ?? node;
}
function editDistance(a, b) {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i];
      const above = rows[i - 1];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] ?? 0, (rows[i - 2][j - 2] ?? 0) + 1);
    }
  }
  return rows[a.length][b.length] ?? 0;
}

// src/core/config/pastedSecrets.ts
var SECRET_KEYS = /^(url|webhook|webhook_url|hook|hook_url|routing_key|integration_key|service_key|api_key|key|token|secret|signing_secret|password|pass|user|username|auth|smtp|smtp_url|host|port)$/i;
var SECRET_VALUES = [
  { pattern: /hooks\.slack\.com\/(services|workflows|triggers)\//i, what: "a Slack webhook address" },
  { pattern: /\.webhook\.office\.com\//i, what: "a Microsoft Teams webhook address" },
  { pattern: /\.logic\.azure\.com[:/]/i, what: "a Power Automate workflow address" },
  { pattern: /\.environment\.api\.powerplatform\.com[:/]/i, what: "a Power Automate workflow address" },
  { pattern: /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: "an address with a password in it" },
  { pattern: /[?&](sig|signature|token|key|secret|code)=/i, what: "an address that carries a key" },
  { pattern: /^[a-z0-9]{32}$/i, what: "something shaped like a PagerDuty integration key" },
  { pattern: /^xox[abprs]-/i, what: "a Slack token" }
];
function pastedSecrets(raw) {
  const problems = [];
  const visit = (node, path) => {
    if (typeof node === "string") {
      const found = SECRET_VALUES.find((s) => s.pattern.test(node.trim()));
      if (found) problems.push(problem(path, `this looks like ${found.what}`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, String(i)]));
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (path.length === 2 && path[0] === "channels" && SECRET_KEYS.test(key)) {
        problems.push(
          problem(
            [...path, key],
            `\`${key}\` would put the channel's address or credentials in the repository`
          )
        );
        continue;
      }
      visit(value, [...path, key]);
    }
  };
  visit(raw, []);
  return problems;
}
function problem(path, why) {
  const channel = path[0] === "channels" ? path[1] : void 0;
  const variable = channel ? channelVariable(channel) : "EXPEDITE_CHANNEL_<NAME>";
  return {
    key: path.join(".") || "(top level)",
    value: "(hidden: looks like a secret)",
    message: `${why}. Secrets never go in this file: remove it, rotate the secret (it is now in the repository's history), and give it to Expedite at run time instead \u2014 the App reads \`${variable}\` from its environment; the Action reads it from the \`channel-secrets\` input (\`${channel ?? "<name>"}: \${{ secrets.\u2026 }}\`). See docs/channels.md.`
  };
}
function channelVariable(channel, suffix = "") {
  return `EXPEDITE_CHANNEL_${channel.toUpperCase().replace(/[^A-Z0-9]/g, "_")}${suffix}`;
}

// src/core/config/parseConfig.ts
function parseConfig(raw) {
  const input = raw === null || raw === void 0 ? {} : raw;
  if (typeof input !== "object" || Array.isArray(input)) {
    return {
      ok: false,
      problems: [
        {
          key: "(top level)",
          value: describe(input),
          message: "the file must be a YAML mapping of settings, e.g. `business_hours:` at the top"
        }
      ]
    };
  }
  const secrets = pastedSecrets(input);
  if (secrets.length > 0) return { ok: false, problems: secrets };
  const result = configSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toProblem(issue, input)) };
}
function toProblem(issue, input) {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const where2 = path.length > 0 ? path.join(".") + "." : "";
    const suggestions = issue.keys.map((k) => [k, nearestKey(path, k)]).filter((pair) => pair[1] !== void 0).map(([k, near]) => `\`${k}\` \u2192 \`${near}\``);
    return {
      key: issue.keys.map((k) => where2 + (k === "" ? '""' : k)).join(", "),
      value: "(unknown setting)",
      message: suggestions.length > 0 ? `not a setting Expedite knows; did you mean ${suggestions.join(", ")}?` : `not a setting Expedite knows; check the spelling against the documented keys${path.length > 0 ? ` of \`${path.join(".")}\`` : ""}`
    };
  }
  const value = path[0] === "channels" ? "(not shown)" : valueAt(input, path);
  return {
    key: path.length > 0 ? path.map((p) => p === "" ? '""' : p).join(".") : "(top level)",
    value: describe(value),
    message: inWords(issue, value)
  };
}
function inWords(issue, value) {
  switch (issue.code) {
    case "invalid_type":
      return value === void 0 ? `this setting is required: expected ${article(issue.expected)}` : `expected ${article(issue.expected)}, but found ${article(kindOf(value))}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
    case "too_big": {
      const limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
      const bound = issue.code === "too_small" ? issue.inclusive === false ? "more than" : "at least" : issue.inclusive === false ? "less than" : "at most";
      if (issue.origin === "array") return `needs ${bound} ${limit} entr${limit === 1 ? "y" : "ies"}`;
      if (issue.origin === "string")
        return issue.code === "too_small" && limit === 1 ? "must not be empty" : `must be ${bound} ${limit} characters long`;
      return `must be ${bound} ${limit}`;
    }
    case "invalid_format":
      return issue.message.includes("pattern") ? "is not written the way this setting expects; see docs/configuration.md" : issue.message;
    default:
      return issue.message;
  }
}
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") return "mapping";
  return typeof value;
}
function article(kind) {
  const words = {
    array: "a list",
    object: "a mapping",
    list: "a list",
    mapping: "a mapping",
    null: "nothing"
  };
  return words[kind] ?? (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);
}
function valueAt(input, path) {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return void 0;
    node = node[key];
  }
  return node;
}
function describe(value) {
  if (value === void 0) return "(missing)";
  const text = JSON.stringify(value);
  return text.length > 80 ? text.slice(0, 79) + "\u2026" : text;
}

// src/core/config/mergeConfigs.ts
function mergeConfigs(layers) {
  let merged = {};
  for (const layer of layers) {
    if (isMapping(layer)) merged = mergeTwo(merged, layer);
  }
  return merged;
}
function mergeTwo(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === "_extends") continue;
    const current = out[key];
    out[key] = isMapping(current) && isMapping(value) ? mergeTwo(current, value) : value;
  }
  return out;
}
function isMapping(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/core/config/locateProblems.ts
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
function locateProblems(text, problems) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) return [...problems];
  return problems.map((problem3) => {
    const line = lineOf(doc.contents, problem3.key, lineCounter);
    return line === void 0 ? problem3 : { ...problem3, line };
  });
}
function yamlSyntaxProblem(text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const error = doc.errors[0];
  if (!error) return void 0;
  const [start] = error.linePos ?? [];
  const what = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return {
    key: "(file)",
    value: "(not valid YAML)",
    message: `the file is not valid YAML: ${what}. Check the indentation, quotes and colons around that line.`,
    ...start ? { line: start.line, column: start.col } : {}
  };
}
function lineOf(root, key, lines) {
  const path = (key.split(", ")[0] ?? "").split(".").filter((part) => part !== "");
  if (path.length === 0 || key.startsWith("(")) return void 0;
  let node = root;
  let at;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(item.key?.value) === part
      );
      if (!pair) return at;
      at = pair.key?.range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)];
      if (!item) return at;
      at = item.range?.[0] ?? at;
      node = item;
    } else return at;
  }
  return at === void 0 ? void 0 : lines.linePos(at).line;
}

// src/github/types.ts
function statusOf(error) {
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = error.status;
    return typeof status === "number" ? status : void 0;
  }
  return void 0;
}

// src/github/git.ts
async function branchSha(gh, branch) {
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      owner: gh.owner,
      repo: gh.repo,
      ref: `heads/${branch}`
    });
    return data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
async function ensureBranch(gh, branch, sha) {
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/git/refs", {
      owner: gh.owner,
      repo: gh.repo,
      ref: `refs/heads/${branch}`,
      sha
    });
    return "created";
  } catch (error) {
    if (statusOf(error) === 422) return "exists";
    throw error;
  }
}
async function resetBranch(gh, branch, sha) {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
    owner: gh.owner,
    repo: gh.repo,
    ref: `heads/${branch}`,
    sha,
    force: true
  });
}
async function readFile(gh, path, ref) {
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path,
      ...ref !== void 0 ? { ref } : {}
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return void 0;
    return { text: Buffer.from(data.content, "base64").toString("utf8"), sha: data.sha };
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
async function createFileOnce(gh, input) {
  try {
    await gh.octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path: input.path,
      branch: input.branch,
      message: input.message,
      content: Buffer.from(input.content, "utf8").toString("base64"),
      request: { retries: 0 }
    });
    return "created";
  } catch (error) {
    const status = statusOf(error);
    if (status === 409 || status === 422 || status !== void 0 && status >= 500) {
      if (await readFile(gh, input.path, input.branch)) return "exists";
    }
    throw error;
  }
}

// src/github/loadConfig.ts
var CONFIG_PATH = ".github/expedite.yml";
async function loadConfig(gh, path = CONFIG_PATH, ref) {
  let files;
  try {
    const result = await composeConfigGet(gh.octokit, {
      owner: gh.owner,
      repo: gh.repo,
      path,
      ...ref !== void 0 ? { branch: ref } : {}
    });
    files = result.files;
  } catch (error) {
    if (!String(error.message ?? "").startsWith("[@probot/octokit-plugin-config]")) throw error;
    const own2 = await readFile(gh, path, ref);
    const syntax = own2 === void 0 ? void 0 : yamlSyntaxProblem(own2.text);
    return {
      ok: false,
      sources: [`${gh.owner}/${gh.repo}:${path}`],
      problems: [
        syntax ?? {
          key: "(file)",
          value: path,
          message: "a file this configuration is made of (this one or one it `_extends`) is not valid YAML. Check its indentation, quotes and colons, and the `_extends` value."
        }
      ]
    };
  }
  const sources = files.filter((f) => f.config !== null).map((f) => `${f.owner}/${f.repo}:${f.path}`);
  const fallbackUsed = files[0]?.config === null;
  for (let i = 1; i < files.length; i++) {
    const file = files[i];
    if (file === void 0 || file.config !== null) continue;
    if (i === 1 && fallbackUsed) continue;
    return {
      ok: false,
      sources,
      problems: [
        {
          key: "_extends",
          value: `${file.owner}/${file.repo}:${file.path}`,
          message: 'the file this configuration extends does not exist or the App cannot read it. Fix the `_extends` value ("repo", "owner/repo" or "owner/repo:path.yml") or install the App on that repository.'
        }
      ]
    };
  }
  const layers = files.map((f) => f.config).filter((c) => c !== null).reverse();
  const parsed = parseConfig(mergeConfigs(layers));
  if (parsed.ok) return { ok: true, config: parsed.config, sources };
  const own = files[0]?.config === null ? void 0 : await readFile(gh, path, ref);
  return { ok: false, problems: own ? locateProblems(own.text, parsed.problems) : parsed.problems, sources };
}

// src/github/lastValidConfig.ts
var VERSIONS_TRIED = 10;
async function lastValidConfig(gh, path) {
  const { data: commits } = await gh.octokit.request("GET /repos/{owner}/{repo}/commits", {
    owner: gh.owner,
    repo: gh.repo,
    path,
    per_page: VERSIONS_TRIED + 1
  });
  for (const commit of commits.slice(1, VERSIONS_TRIED + 1)) {
    const loaded = await loadConfig(gh, path, commit.sha);
    if (loaded.ok)
      return {
        config: loaded.config,
        sha: commit.sha,
        ...commit.commit.committer?.date ? { at: commit.commit.committer.date } : {}
      };
  }
  return void 0;
}

// src/github/loadTemplates.ts
import { readFileSync as readFileSync2, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Mustache from "mustache";

// src/core/render/templates.ts
var TEMPLATE_NAMES = [
  "board",
  "checklist",
  "refusal",
  "help",
  "gap",
  "nudge",
  "notice-escalation",
  "notice-ack-breach",
  "notice-reminder",
  "notice-oncall",
  "postmortem",
  "followup-issue",
  "followup-deviation",
  "freeze-announcement",
  "release-announcement",
  "postmortem-pr",
  "summary",
  "message",
  "stakeholder-notice",
  "incident-report",
  "end-of-incident",
  "postmortem-shared",
  "notice-stakeholder"
];

// src/github/loadTemplates.ts
var bundled;
function bundledTemplates() {
  if (bundled) return bundled;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6 && !existsSync(join(dir, "templates", "board.md.mustache")); i++) dir = dirname(dir);
  const folder = join(dir, "templates");
  const loaded = {};
  for (const name of TEMPLATE_NAMES) {
    const file = join(folder, `${name}.md.mustache`);
    if (existsSync(file)) loaded[name] = readFileSync2(file, "utf8");
  }
  bundled = loaded;
  return bundled;
}
async function loadTemplates(gh, config) {
  const directory = config.templates.directory;
  if (directory === void 0) return { templates: bundledTemplates(), problems: [] };
  const templates = { ...bundledTemplates() };
  const problems = [];
  let listing = [];
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path: directory
    });
    listing = Array.isArray(data) ? data : [];
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  const wanted = new Map(TEMPLATE_NAMES.map((n) => [`${n}.md.mustache`, n]));
  for (const entry of listing) {
    const name = wanted.get(entry.name);
    if (entry.type !== "file" || name === void 0) continue;
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: gh.owner,
      repo: gh.repo,
      path: entry.path,
      mediaType: { format: "raw" }
    });
    const text = typeof data === "string" ? data : "";
    try {
      Mustache.parse(text);
      templates[name] = text;
    } catch (error) {
      problems.push({
        key: `templates.directory`,
        value: entry.path,
        message: `this template does not parse (${error.message}); the bundled one is used until it is fixed`
      });
    }
  }
  return { templates, problems };
}

// src/reconcile/repoSettings.ts
async function cachedRepoSettings(gh, now) {
  return gh.caches.settings.get(`${gh.owner}/${gh.repo}`, now, () => repoSettings(gh));
}
async function repoSettings(gh, path = CONFIG_PATH) {
  const loaded = await loadConfig(gh, path);
  let config;
  let refused;
  if (loaded.ok) config = loaded.config;
  else {
    const earlier2 = await lastValidConfig(gh, path);
    gh.log.error(
      {
        repo: `${gh.owner}/${gh.repo}`,
        problems: loaded.problems,
        ...earlier2 ? { usingVersionOf: earlier2.sha } : {}
      },
      earlier2 ? "invalid Expedite configuration; refused, working from its last valid version" : "invalid Expedite configuration"
    );
    if (!earlier2) return { ok: false, problems: loaded.problems, path };
    config = earlier2.config;
    refused = {
      path,
      problems: loaded.problems,
      sha: earlier2.sha,
      ...earlier2.at ? { at: earlier2.at } : {}
    };
  }
  const { templates, problems } = await loadTemplates(gh, config);
  if (problems.length > 0)
    gh.log.warn({ repo: `${gh.owner}/${gh.repo}`, problems }, "repository template problems");
  return {
    ok: true,
    config,
    templates,
    templateProblems: problems,
    ...refused ? { refused } : {},
    ...loaded.ok && loaded.sources.length === 0 ? { absent: true } : {}
  };
}
function trustedBotsFor(botLogin, config) {
  const bots = /* @__PURE__ */ new Set([botLogin.toLowerCase()]);
  for (const handle2 of config?.trusted_bots ?? []) bots.add(handle2.replace(/^@/, "").toLowerCase());
  return bots;
}

// src/github/memoryEtags.ts
var DEFAULT_ENTRIES = 5e3;
function memoryEtags() {
  const stores = /* @__PURE__ */ new Map();
  const storeOf = (scope) => {
    let store = stores.get(scope);
    if (!store) {
      store = { capacity: DEFAULT_ENTRIES, entries: /* @__PURE__ */ new Map() };
      stores.set(scope, store);
    }
    return store;
  };
  return {
    get: async (scope, key) => storeOf(scope).entries.get(key),
    set: async (scope, key, value) => {
      const { entries, capacity } = storeOf(scope);
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value);
    },
    resize: (scope, entries) => {
      storeOf(scope).capacity = Math.max(DEFAULT_ENTRIES, entries);
    },
    forgetScope: (scope) => void stores.delete(scope)
  };
}

// src/github/settingsCache.ts
var SETTINGS_TTL_MS = 5 * 6e4;
function forgets(forgotten, repo) {
  if (forgotten === repo) return true;
  const [owner, name] = forgotten.split("/");
  return name === ".github" && repo.startsWith(`${owner}/`);
}
function memorySettings() {
  const entries = /* @__PURE__ */ new Map();
  return {
    get: async (repo) => entries.get(repo),
    set: async (repo, entry) => void entries.set(repo, entry),
    forget: async (repo) => {
      for (const key of [...entries.keys()]) if (forgets(repo, key)) entries.delete(key);
    }
  };
}
var SettingsCache = class {
  #store;
  #ttlMs;
  #loads = /* @__PURE__ */ new Map();
  constructor(store, ttlMs = SETTINGS_TTL_MS) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }
  async get(repo, now, read2) {
    const key = repo.toLowerCase();
    const hit = await this.#store.get(key);
    const absent = hit?.settings.ok === true && hit.settings.absent === true;
    if (hit && (absent || now - hit.at < this.#ttlMs)) return hit.settings;
    const pending = this.#loads.get(key);
    if (pending) return pending;
    const load = read2().then(async (settings) => {
      if (this.#loads.get(key) === load) await this.#store.set(key, { at: now, settings });
      return settings;
    });
    this.#loads.set(key, load);
    try {
      return await load;
    } finally {
      if (this.#loads.get(key) === load) this.#loads.delete(key);
    }
  }
  /** A push touched `.github/` of `repo`: its settings (all of its owner's, for `.github`) are read afresh. */
  async forget(repo) {
    const key = repo.toLowerCase();
    for (const loading of [...this.#loads.keys()]) if (forgets(key, loading)) this.#loads.delete(loading);
    await this.#store.forget(key);
  }
};

// src/github/runCaches.ts
function runCaches(shared = {}) {
  return {
    etags: shared.etags ?? memoryEtags(),
    settings: new SettingsCache(shared.settings ?? memorySettings()),
    repoFacts: /* @__PURE__ */ new Map(),
    labels: /* @__PURE__ */ new Map()
  };
}

// src/core/freeze/scheduledFreezes.ts
import { DateTime as DateTime4 } from "luxon";

// src/core/freeze/weeklyOccurrences.ts
import { DateTime as DateTime3 } from "luxon";
var WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
var WEEK_MS = 7 * 864e5;
function parseWeeklyPoint(text) {
  const match = /^(mon|tue|wed|thu|fri|sat|sun) (\d{2}):(\d{2})$/i.exec(text.trim());
  if (!match) return void 0;
  const weekday2 = WEEKDAYS.indexOf((match[1] ?? "").toLowerCase()) + 1;
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (weekday2 < 1 || hour > 23 || minute > 59) return void 0;
  return { weekday: weekday2, hour, minute };
}
function weeklyOccurrences(fromText, toText, zone, rangeFrom, rangeTo) {
  const from = parseWeeklyPoint(fromText);
  const to = parseWeeklyPoint(toText);
  if (!from || !to || rangeTo < rangeFrom) return [];
  let dayGap = (to.weekday - from.weekday + 7) % 7;
  if (dayGap === 0 && to.hour * 60 + to.minute <= from.hour * 60 + from.minute) dayGap = 7;
  let monday = DateTime3.fromMillis(rangeFrom - WEEK_MS - 864e5, { zone }).startOf("week");
  const occurrences = [];
  for (; ; ) {
    const startDay = monday.plus({ days: from.weekday - 1 });
    const start = wallClock(startDay, from.hour, from.minute, zone);
    if (start === void 0 || start > rangeTo) break;
    const end = wallClock(startDay.plus({ days: dayGap }), to.hour, to.minute, zone);
    if (end === void 0) break;
    if (end >= rangeFrom && end > start) occurrences.push({ start, end });
    monday = monday.plus({ weeks: 1 });
  }
  return occurrences;
}
function wallClock(day, hour, minute, zone) {
  const at = DateTime3.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
  return at.isValid ? at.toMillis() : void 0;
}

// src/core/freeze/scheduledFreezes.ts
function scheduledFreezes(config, from, to) {
  const businessZone = config.business_hours.timezone;
  const found = [];
  const overlaps = (start, end) => start < end && start <= to && end >= from;
  for (const window of config.freeze.windows) {
    const zone = window.timezone ?? businessZone;
    const start = window.start === void 0 ? void 0 : parseLocalMoment(window.start, zone, "start");
    const end = window.end === void 0 ? void 0 : parseLocalMoment(window.end, zone, "end");
    if (window.weekly_from !== void 0 && window.weekly_to !== void 0) {
      for (const occurrence of weeklyOccurrences(window.weekly_from, window.weekly_to, zone, from, to)) {
        const clipped = {
          start: Math.max(occurrence.start, start ?? -Infinity),
          end: Math.min(occurrence.end, end ?? Infinity)
        };
        if (overlaps(clipped.start, clipped.end))
          found.push({ kind: "weekly", name: window.name, zone, ...clipped });
      }
    } else if (start !== void 0 && end !== void 0 && overlaps(start, end)) {
      found.push({ kind: "window", name: window.name, start, end, zone });
    }
  }
  const holidayClosures = config.business_hours.holidays.closures.filter((closure) => closure.freeze).map((closure) => ({
    name: closure.name,
    closes: closure.from,
    reopens: DateTime4.fromISO(closure.to, { zone: "UTC" }).plus({ days: 1 }).toISODate() ?? closure.to,
    lead_days: closure.lead_days,
    timezone: void 0
  }));
  for (const closure of [...config.freeze.closures, ...holidayClosures]) {
    const zone = closure.timezone ?? businessZone;
    const closes = parseLocalMoment(closure.closes, zone, "start");
    const end = parseLocalMoment(closure.reopens, zone, "start");
    if (closes === void 0 || end === void 0) continue;
    const start = DateTime4.fromMillis(closes, { zone }).minus({ days: closure.lead_days }).toMillis();
    if (overlaps(start, end))
      found.push({
        kind: "closure",
        name: closure.name,
        start,
        end,
        zone,
        closes,
        leadDays: closure.lead_days
      });
  }
  return found;
}

// src/core/freeze/freezeBoundaries.ts
function freezeBoundaries(config, freezeIssues, from, to) {
  const instants = /* @__PURE__ */ new Set();
  const within2 = (at) => at >= from && at <= to;
  for (const scheduled of scheduledFreezes(config, from, to)) {
    if (within2(scheduled.start)) instants.add(scheduled.start);
    if (within2(scheduled.end)) instants.add(scheduled.end);
  }
  for (const issue of freezeIssues) {
    if (issue.closedAt === void 0 && issue.until !== void 0 && within2(issue.until))
      instants.add(issue.until);
  }
  return [...instants].sort((a, b) => a - b);
}

// src/github/pulls.ts
function toPullSummary(pr) {
  return {
    number: pr.number,
    url: pr.html_url,
    state: pr.state === "closed" ? "closed" : "open",
    merged: pr.merged_at !== null,
    ...pr.merged_at ? { mergedAt: Date.parse(pr.merged_at) } : {},
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    ...pr.head.repo?.full_name ? { headRepo: pr.head.repo.full_name } : {},
    baseRef: pr.base.ref,
    title: pr.title,
    body: pr.body ?? "",
    labels: pr.labels.map((l) => l.name ?? ""),
    author: pr.user?.login ?? "ghost",
    createdAt: Date.parse(pr.created_at)
  };
}
async function pullsForBranch(gh, branch) {
  const pulls = await gh.octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
    owner: gh.owner,
    repo: gh.repo,
    head: `${gh.owner}:${branch}`,
    state: "all",
    per_page: 100
  });
  return pulls.map(toPullSummary).sort((a, b) => b.number - a.number);
}
async function readPull(gh, number) {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: number
  });
  return toPullSummary(data);
}
async function createPullOnce(gh, input) {
  try {
    const { data } = await gh.octokit.request("POST /repos/{owner}/{repo}/pulls", {
      owner: gh.owner,
      repo: gh.repo,
      ...input,
      request: { retries: 0 }
    });
    return toPullSummary(data);
  } catch (error) {
    const status = statusOf(error);
    if (status !== 422 && (status === void 0 || status < 500)) throw error;
    const open = (await pullsForBranch(gh, input.head)).find((p) => p.state === "open");
    if (open) return open;
    throw error;
  }
}
async function requestReviewers(gh, number, users, teams) {
  if (users.length === 0 && teams.length === 0) return;
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
      owner: gh.owner,
      repo: gh.repo,
      pull_number: number,
      reviewers: users,
      team_reviewers: teams
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    for (const [reviewers, team_reviewers] of [
      ...users.map((u) => [[u], []]),
      ...teams.map((t) => [[], [t]])
    ]) {
      try {
        await gh.octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
          owner: gh.owner,
          repo: gh.repo,
          pull_number: number,
          reviewers,
          team_reviewers
        });
      } catch (inner) {
        if (statusOf(inner) !== 422) throw inner;
        gh.log.warn(
          { pull: number, reviewers, team_reviewers },
          "could not request a review from this reviewer"
        );
      }
    }
  }
}
async function listOpenPulls(gh) {
  return gh.octokit.paginate("GET /repos/{owner}/{repo}/pulls", {
    owner: gh.owner,
    repo: gh.repo,
    state: "open",
    per_page: 100
  });
}
async function changedFiles(gh, number) {
  const files = await gh.octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: number,
    per_page: 100
  });
  return files.length >= 3e3 ? void 0 : files.map((f) => f.filename);
}

// src/core/calendar/businessCalendar.ts
import { DateTime as DateTime5 } from "luxon";
var WEEKDAYS2 = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
var CLOSURE_NAME = "Office closure";
var SEARCH_DAYS = 3660;
var calendars = /* @__PURE__ */ new WeakMap();
function businessCalendar(hours) {
  const cached = calendars.get(hours);
  if (cached) return cached;
  const calendar = buildCalendar(hours);
  calendars.set(hours, calendar);
  return calendar;
}
function buildCalendar(hours) {
  const zone = hours.timezone;
  const days = new Set(hours.days);
  const closures = closedDays(hours.holidays);
  const country = hours.holidays.country === "none" ? void 0 : hours.holidays.country;
  const start = clockMinutes(hours.start);
  const end = clockMinutes(hours.end);
  const overnight = end <= start;
  const windowOn = (day) => {
    if (!days.has(weekdayOf(day))) return void 0;
    const opens = atMinutes(day, start, zone);
    const closes = atMinutes(overnight ? day.plus({ days: 1 }) : day, end, zone);
    return [opens, closes];
  };
  const publicHolidayAt = (at) => {
    if (country === void 0) return void 0;
    const year = DateTime5.fromMillis(at, { zone }).year;
    for (const y of [year, year - 1]) {
      const found = publicHolidays(country, zone, y).find((h) => h.start <= at && at < h.end);
      if (found) return found;
    }
    return void 0;
  };
  const holidayName = (at) => {
    const holiday = publicHolidayAt(at);
    if (holiday) return holiday.name;
    return closures.get(DateTime5.fromMillis(at, { zone }).toISODate() ?? "");
  };
  const closedUntil = (at) => {
    let until;
    const holiday = publicHolidayAt(at);
    if (holiday) until = holiday.end;
    const local = DateTime5.fromMillis(at, { zone });
    if (closures.has(local.toISODate() ?? "")) {
      const nextDay = local.plus({ days: 1 }).startOf("day").toMillis();
      until = Math.max(until ?? nextDay, nextDay);
    }
    return until;
  };
  const inWindow = (at) => {
    const today = DateTime5.fromMillis(at, { zone }).startOf("day");
    const candidates = overnight ? [today.minus({ days: 1 }), today] : [today];
    return candidates.some((day) => {
      const window = windowOn(day);
      return window !== void 0 && window[0] <= at && at < window[1];
    });
  };
  return {
    zone,
    holidayName,
    isBusinessTime: (at) => inWindow(at) && holidayName(at) === void 0,
    nextBusinessStart(at) {
      const first = DateTime5.fromMillis(at, { zone }).startOf("day").minus({ days: 1 });
      for (let offset = 0; offset < SEARCH_DAYS; offset++) {
        const window = windowOn(first.plus({ days: offset }));
        if (window === void 0 || window[1] <= at) continue;
        let moment = Math.max(window[0], at);
        while (moment < window[1]) {
          const until = closedUntil(moment);
          if (until === void 0) return moment;
          moment = until;
        }
      }
      throw new Error(`no business hours within ${SEARCH_DAYS} days of ${new Date(at).toISOString()}`);
    }
  };
}
function closedDays(holidays) {
  const days = /* @__PURE__ */ new Map();
  for (const date of holidays.dates) days.set(date, CLOSURE_NAME);
  for (const closure of holidays.closures) {
    const last = DateTime5.fromISO(closure.to, { zone: "UTC" });
    for (let day = DateTime5.fromISO(closure.from, { zone: "UTC" }); day <= last; day = day.plus({ days: 1 }))
      days.set(day.toISODate() ?? "", closure.name);
  }
  return days;
}
function clockMinutes(text) {
  const [hour = 0, minute = 0] = text.split(":").map(Number);
  return hour * 60 + minute;
}
function atMinutes(day, minutes, zone) {
  return DateTime5.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone }
  ).toMillis();
}
function weekdayOf(day) {
  return WEEKDAYS2[day.weekday - 1] ?? "mon";
}

// src/core/clocks/waitsForOffice.ts
function waitsForOffice(incident, config) {
  if (incident.revenue || !config.business_hours.minor_severities.includes(incident.severity))
    return void 0;
  const calendar = businessCalendar(config.business_hours);
  if (calendar.isBusinessTime(incident.declaredAt)) return void 0;
  return calendar.nextBusinessStart(incident.declaredAt);
}
function acknowledgeFrom(incident, config) {
  return waitsForOffice(incident, config) ?? incident.declaredAt;
}

// src/core/projection/labelNames.ts
function labelNames(config) {
  const l = config.labels;
  const states = {
    declared: l.declared,
    acknowledged: l.acknowledged,
    mitigated: l.mitigated,
    resolved: l.resolved,
    postmortem: l.postmortem_state,
    cancelled: l.cancelled
  };
  const byName = new Map(
    Object.entries(states).map(([state, name]) => [name.toLowerCase(), state])
  );
  return {
    incident: l.incident,
    revenue: l.revenue,
    states,
    severity: (level) => `${l.severity_prefix}${level}`,
    stateOf: (label) => byName.get(label.toLowerCase()),
    severityOf: (label) => {
      if (!label.toLowerCase().startsWith(l.severity_prefix.toLowerCase())) return void 0;
      const level = Number(label.slice(l.severity_prefix.length));
      return level >= 1 && level <= 4 && Number.isInteger(level) ? level : void 0;
    }
  };
}
function readLabels(labels, names) {
  const state = labels.map((l) => names.stateOf(l)).find((s) => s !== void 0);
  const severity2 = labels.map((l) => names.severityOf(l)).find((s) => s !== void 0);
  const revenue = labels.some((l) => l.toLowerCase() === names.revenue.toLowerCase());
  return { ...state ? { state } : {}, ...severity2 ? { severity: severity2 } : {}, revenue };
}

// src/core/markers.ts
var MARKER = /^<!-- expedite:([a-z][a-z0-9-]*)((?: [a-z][a-z0-9-]*=[^\s<>]*)*) -->/;
function renderMarker(kind, data = {}) {
  const pairs = Object.entries(data).map(([key, value]) => ` ${key}=${encodeURIComponent(String(value))}`);
  return `<!-- expedite:${kind}${pairs.join("")} -->`;
}
function parseMarker(body) {
  const match = MARKER.exec(body);
  if (!match) return void 0;
  const data = {};
  for (const pair of (match[2] ?? "").trim().split(" ")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    try {
      data[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return void 0;
    }
  }
  return { kind: match[1] ?? "", data };
}
function markerIdentity(marker) {
  switch (marker.kind) {
    case "board":
    case "checklist":
      return marker.kind;
    case "reply":
    case "exception":
    case "exception-audit":
      return `${marker.kind}:${marker.data.comment ?? ""}:${marker.data.line ?? ""}`;
    // One record per workflow run waiting on a deployment; its state changes in place.
    case "deploy-run":
      return `${marker.kind}:${marker.data.run ?? ""}`;
    default:
      if (Object.keys(marker.data).length === 0) return marker.kind;
      return `${marker.kind}:${Object.entries(marker.data).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join("&")}`;
  }
}

// src/core/snapshot.ts
var PERMISSION_ORDER = ["none", "read", "triage", "write", "maintain", "admin"];
function permits(actual, needed) {
  return PERMISSION_ORDER.indexOf(actual ?? "none") >= PERMISSION_ORDER.indexOf(needed);
}

// src/core/plan/commandLedger.ts
var MAX_COMMENTS = 200;
var MAX_CHANGES = 50;
var CODES = {
  none: "n",
  read: "r",
  triage: "t",
  write: "w",
  maintain: "m",
  admin: "a"
};
function emptyLedger() {
  return { seen: 0, permissions: /* @__PURE__ */ new Map(), comments: /* @__PURE__ */ new Map(), changes: [], holdLabelOff: 0 };
}
function readLedger(board) {
  const ledger = emptyLedger();
  if (board === void 0) return ledger;
  const data = board.marker.data;
  ledger.seen = seconds(data.seen);
  ledger.holdLabelOff = seconds(data.hloff);
  for (const entry of items(data.perms)) {
    const [login, code2] = entry.split(".");
    const permission = PERMISSION_ORDER.find((p) => CODES[p] === code2);
    if (login && permission) ledger.permissions.set(login.toLowerCase(), permission);
  }
  for (const entry of items(data.cmds)) {
    const [id, author, created, updated, verbs] = entry.split(".");
    const comment = {
      id: base36(id),
      author: author ?? "",
      createdAt: seconds(created),
      // Most comments are never edited: an empty edit time means "as posted".
      updatedAt: updated ? seconds(updated) : seconds(created),
      verbs: list(verbs)
    };
    if (comment.id > 0 && comment.author !== "") ledger.comments.set(comment.id, comment);
  }
  for (const entry of items(data.changes)) {
    const [id, author, posted, at, kind, before, after] = entry.split(".");
    if (kind !== "e" && kind !== "d") continue;
    ledger.changes.push({
      commentId: base36(id),
      author: author ?? "",
      postedAt: seconds(posted),
      at: seconds(at),
      kind: kind === "e" ? "edited" : "deleted",
      before: list(before),
      after: list(after)
    });
  }
  return ledger;
}
function ledgerData(ledger) {
  const data = {};
  if (ledger.seen > 0) data.seen = stamp(ledger.seen);
  if (ledger.holdLabelOff > 0) data.hloff = stamp(ledger.holdLabelOff);
  const perms = [...ledger.permissions].sort(([a], [b]) => a.localeCompare(b)).map(([login, permission]) => `${login}.${CODES[permission]}`);
  if (perms.length > 0) data.perms = perms.join("~");
  const comments = [...ledger.comments.values()].sort((a, b) => a.id - b.id).slice(-MAX_COMMENTS).map(
    (c) => [
      c.id.toString(36),
      c.author,
      stamp(c.createdAt),
      c.updatedAt === c.createdAt ? "" : stamp(c.updatedAt),
      c.verbs.join("!")
    ].join(".")
  );
  if (comments.length > 0) data.cmds = comments.join("~");
  const changes = ledger.changes.slice(-MAX_CHANGES).map(
    (c) => [
      c.commentId.toString(36),
      c.author,
      stamp(c.postedAt),
      stamp(c.at),
      c.kind === "edited" ? "e" : "d",
      c.before.join("!"),
      c.after.join("!")
    ].join(".")
  );
  if (changes.length > 0) data.changes = changes.join("~");
  return data;
}
function toSeconds(ms) {
  return Math.floor(ms / 1e3) * 1e3;
}
function stamp(ms) {
  return Math.floor(ms / 1e3).toString(36);
}
function seconds(value) {
  const n = base36(value);
  return n > 0 ? n * 1e3 : 0;
}
function base36(value) {
  const n = parseInt(value ?? "", 36);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
function items(value) {
  return (value ?? "").split("~").filter((item) => item !== "");
}
function list(value) {
  return (value ?? "").split("!").filter((item) => /^[a-z-]+$/.test(item));
}
function nextLedger(previous, current, humanComments, roles, now) {
  const next = emptyLedger();
  next.changes = [...previous.changes];
  next.holdLabelOff = previous.holdLabelOff;
  const logged = new Set(next.changes.map((c) => `${c.commentId}:${c.at}`));
  const record = (change) => {
    if (logged.has(`${change.commentId}:${change.at}`)) return;
    logged.add(`${change.commentId}:${change.at}`);
    next.changes.push(change);
  };
  for (const comment of current) {
    const entry = {
      ...comment,
      createdAt: toSeconds(comment.createdAt),
      updatedAt: toSeconds(comment.updatedAt)
    };
    next.comments.set(entry.id, entry);
    next.seen = Math.max(next.seen, entry.updatedAt);
    const before = previous.comments.get(entry.id);
    const edited2 = before ? before.updatedAt !== entry.updatedAt || before.verbs.join() !== entry.verbs.join() : entry.updatedAt > entry.createdAt;
    if (edited2)
      record({
        commentId: entry.id,
        author: entry.author,
        postedAt: entry.createdAt,
        at: entry.updatedAt,
        kind: "edited",
        before: before?.verbs ?? [],
        after: entry.verbs
      });
  }
  for (const before of previous.comments.values()) {
    if (next.comments.has(before.id)) continue;
    const still = humanComments.get(before.id);
    record({
      commentId: before.id,
      author: before.author,
      postedAt: before.createdAt,
      at: still ? toSeconds(still.updatedAt) : toSeconds(now),
      kind: still ? "edited" : "deleted",
      before: before.verbs,
      after: []
    });
  }
  for (const referenced of roles.referenced) {
    const login = referenced.toLowerCase();
    const permission = roles.fetched.get(login) ?? previous.permissions.get(login);
    if (permission) next.permissions.set(login, permission);
  }
  return next;
}

// src/core/render/renderTemplate.ts
import Mustache2 from "mustache";
function renderTemplate(template, view, partials) {
  return Mustache2.render(template, view, partials, { escape: (text) => text });
}

// src/core/text/neutralize.ts
var MENTION = /@(?=[A-Za-z0-9])/g;
var WORD_JOINER = "\u2060";
function neutralize(text) {
  return defuseMentions(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}
function defuseMentions(text) {
  return text.replace(MENTION, "@" + WORD_JOINER);
}
function neutralizeInline(text, maxLength = 300) {
  const oneLine2 = text.replace(/\s+/g, " ").trim();
  const clipped = oneLine2.length > maxLength ? oneLine2.slice(0, maxLength - 1) + "\u2026" : oneLine2;
  return neutralize(clipped).replace(/\|/g, "\\|");
}
function neutralizeBlock(text, maxLength = 4e3) {
  const clipped = text.length > maxLength ? text.slice(0, maxLength - 1) + "\u2026" : text;
  return neutralize(clipped.trim()).split(/\r?\n/).map((line) => `> ${line}`).join("\n");
}
function mention(handle2) {
  return handle2.startsWith("@") ? handle2 : `@${handle2}`;
}

// src/core/time/formatTime.ts
import { DateTime as DateTime6 } from "luxon";
function formatTime(at, zone) {
  const utc = DateTime6.fromMillis(at, { zone: "utc" });
  const local = DateTime6.fromMillis(at, { zone });
  const localPart = zone === "UTC" || zone === "Etc/UTC" ? "" : ` (${local.toFormat(local.hasSame(utc, "day") ? "HH:mm ZZZZ" : "ccc HH:mm ZZZZ")})`;
  return `${utc.toFormat("yyyy-MM-dd HH:mm")} UTC${localPart}`;
}
function formatDuration(ms) {
  const negative = ms < 0;
  let rest = Math.round(Math.abs(ms) / 1e3);
  const units = [
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1]
  ];
  const parts = [];
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 && parts.length < 2) parts.push(`${amount}${unit}`);
    else if (parts.length > 0) break;
  }
  return (negative ? "-" : "") + (parts.length > 0 ? parts.join(" ") : "0s");
}

// src/core/render/displayName.ts
function displayName(login) {
  return login === void 0 ? void 0 : `**${neutralize(login)}**`;
}

// src/core/stateTitles.ts
var STATE_TITLES = {
  declared: "Declared",
  acknowledged: "Acknowledged",
  mitigated: "Mitigated (workaround in place)",
  resolved: "Resolved",
  postmortem: "Resolved, post-mortem in review",
  cancelled: "Cancelled (false alarm)"
};

// src/core/clocks/acknowledgeDeadline.ts
function acknowledgeDeadline(declaredAt, config) {
  const businessHours = businessCalendar(config.business_hours).isBusinessTime(declaredAt);
  const allowanceMs = durationMs(
    businessHours ? config.acknowledge.within_business_hours : config.acknowledge.outside_business_hours
  );
  return { dueAt: declaredAt + allowanceMs, businessHours, allowanceMs };
}

// src/core/clocks/escalationOrigin.ts
function escalationOrigin(incident, config) {
  const waited = waitsForOffice(incident, config);
  if (waited !== void 0) return waited;
  return config.escalation.count_from === "start" ? incident.startedAt : incident.declaredAt;
}
function originWords(config) {
  return config.escalation.count_from === "start" ? "from when the problem began" : "from the report";
}

// src/core/clocks/incidentEnd.ts
function incidentEnd(incident) {
  const candidates = [];
  if (incident.state === "resolved" || incident.state === "postmortem") {
    candidates.push(incident.resolvedAt, incident.postmortemAt);
  }
  if (incident.state === "cancelled") candidates.push(incident.cancelledAt);
  if (!incident.open) candidates.push(incident.closedAt, incident.resolvedAt, incident.cancelledAt);
  if (candidates.length === 0) return void 0;
  return { at: earliest(candidates) };
}
function earliest(moments) {
  let found;
  for (const moment of moments) {
    if (moment !== void 0 && (found === void 0 || moment < found)) found = moment;
  }
  return found;
}

// src/core/clocks/matchLadder.ts
function matchLadder(incident, ladders) {
  return ladders.find(
    ({ when }) => (when.revenue === void 0 || when.revenue === incident.revenue) && (when.severities === void 0 || when.severities.includes(incident.severity))
  );
}

// src/core/clocks/escalationPlan.ts
function escalationPlan(incident, config, now) {
  const ladder = matchLadder(incident, config.escalation.ladders);
  if (!ladder) return { steps: [] };
  return {
    ladder: ladder.name,
    steps: ladderSteps(incident, ladder, escalationOrigin(incident, config), now)
  };
}
function ladderSteps(incident, ladder, origin, now) {
  const stopAt = stopMoment(incident, ladder);
  return ladder.steps.map((step, index) => {
    const dueAt = origin + durationMs(step.after);
    const state = stopAt !== void 0 && dueAt >= stopAt ? "stopped" : dueAt <= now ? "due" : "pending";
    return {
      ladder: ladder.name,
      index,
      key: `${ladder.name}:${index}`,
      dueAt,
      notify: [...step.notify],
      ...step.note !== void 0 ? { note: step.note } : {},
      state
    };
  });
}
function stopMoment(incident, ladder) {
  const end = incidentEnd(incident);
  const endAt = end === void 0 ? void 0 : end.at ?? Number.NEGATIVE_INFINITY;
  let workaroundAt;
  if (ladder.when.no_workaround) {
    workaroundAt = earliest([incident.mitigatedAt, incident.workaround?.at]);
    if (workaroundAt === void 0 && incident.state === "mitigated") workaroundAt = Number.NEGATIVE_INFINITY;
  }
  return earliest([endAt, workaroundAt]);
}

// src/core/clocks/nextUpdateDue.ts
function nextUpdateDue(incident, config) {
  if (incidentEnd(incident)) return void 0;
  const last = latestUpdate(incident.updates);
  if (last?.nextDueAt !== void 0) return { dueAt: last.nextDueAt, promised: true };
  const cadence = config.updates.cadence[`${incident.severity}`];
  return { dueAt: (last?.at ?? acknowledgeFrom(incident, config)) + durationMs(cadence), promised: false };
}
function latestUpdate(updates) {
  let latest;
  for (const update of updates) if (!latest || update.at >= latest.at) latest = update;
  return latest;
}

// src/core/clocks/coveringNotice.ts
var CLOCK_SKEW_MS = 5 * 6e4;
function coveringNotice(notices, kind, key, dueAt) {
  let first;
  for (const notice of notices) {
    if (notice.kind !== kind || notice.at < dueAt - CLOCK_SKEW_MS || !notice.keys.includes(key)) continue;
    if (!first || notice.at < first.at) first = notice;
  }
  return first;
}

// src/core/clocks/stepsCoveredBy.ts
function stepsCoveredBy(incident, config) {
  const covered = /* @__PURE__ */ new Map();
  for (const notice of incident.notices) {
    if (notice.kind !== "escalation") continue;
    for (const key of notice.keys) {
      const step = stepForKey(incident, config, key);
      if (!step || notice.at < step.dueAt - CLOCK_SKEW_MS) continue;
      const known = covered.get(key);
      if (known && known.postedAt <= notice.at) continue;
      covered.set(key, { ...step, postedAt: notice.at, commentId: notice.commentId });
    }
  }
  return [...covered.values()].sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
}
function stepForKey(incident, config, key) {
  const match = /^([a-z0-9][a-z0-9-]*):(\d+)$/.exec(key);
  if (!match) return void 0;
  const [, name = "", position = ""] = match;
  const index = Number(position);
  const step = config.escalation.ladders.find((ladder) => ladder.name === name)?.steps[index];
  if (!step) return void 0;
  return {
    ladder: name,
    index,
    key,
    dueAt: escalationOrigin(incident, config) + durationMs(step.after),
    notify: [...step.notify],
    ...step.note !== void 0 ? { note: step.note } : {}
  };
}

// src/core/freeze/upcomingFreezes.ts
function upcomingFreezes(config, now) {
  const horizon = now + durationMs(config.freeze.announce_before);
  return scheduledFreezes(config, now, horizon).filter((scheduled) => scheduled.start > now && scheduled.start <= horizon).map((scheduled) => ({
    key: occurrenceKey(scheduled),
    name: scheduled.name,
    startsAt: scheduled.start,
    endsAt: scheduled.end,
    kind: scheduled.kind
  })).sort((a, b) => a.startsAt - b.startsAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
function occurrenceKey(scheduled) {
  return `${scheduled.kind}:${slug(scheduled.name)}:${new Date(scheduled.start).toISOString()}`;
}
function slug(name) {
  const words = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  return words === "" ? "freeze" : words.slice(0, 60);
}

// src/core/channels/freezeOccasions.ts
function incidentFreezeOccasions(incident, config) {
  return (incident.freezePeriods ?? []).flatMap(
    (period, index) => freezeOccasions(`${index + 1}`, config, {
      kind: "incident",
      name: `Incident #${incident.number} (SEV${incident.severity})`,
      startedAt: period.startedAt,
      ...period.endedAt !== void 0 ? { endedAt: period.endedAt } : {},
      link: incident.url,
      incident: incident.number,
      reason: incident.title,
      branches: config.freeze.branches
    })
  );
}
function manualFreezeOccasions(issue, config, defaultBranch, now, hold = { labelled: false, records: [] }) {
  const lapsed = issue.until !== void 0 && issue.until <= now ? issue.until : void 0;
  const closes = [issue.closedAt, ...hold.records.map((r) => r.closedAt)];
  const held = hold.labelled && hold.records.length === 0;
  const lifted = held || closes.some((at) => at === void 0) ? void 0 : Math.max(...closes.filter((at) => at !== void 0));
  const endedAt = lapsed === void 0 ? lifted : lifted === void 0 ? lapsed : Math.min(lapsed, lifted);
  return freezeOccasions("", config, {
    kind: "manual",
    name: `Manual freeze #${issue.number}`,
    startedAt: issue.openedAt,
    ...issue.until !== void 0 ? { endsAt: issue.until } : {},
    ...endedAt !== void 0 ? { endedAt } : {},
    link: issue.url,
    issue: issue.number,
    reason: issue.reason,
    branches: coveredBranches(
      issue.branches.length > 0 ? issue.branches : config.freeze.branches,
      defaultBranch
    )
  });
}
function scheduledFreezeOccasions(config, defaultBranch, from, now) {
  const branches = coveredBranches(config.freeze.branches, defaultBranch);
  return scheduledFreezes(config, from, now).flatMap(
    (scheduled) => freezeOccasions(`${occurrenceKey(scheduled)}`, config, {
      kind: scheduled.kind,
      name: scheduled.name,
      startedAt: scheduled.start,
      endsAt: scheduled.end,
      ...scheduled.end <= now ? { endedAt: scheduled.end } : {},
      branches
    }).filter((occasion) => occasion.at >= from && occasion.at <= now)
  );
}
function freezeOccasions(key, config, freeze) {
  const id = (event) => key === "" ? event : `${event}:${key}`;
  const subject = { type: "freeze", freeze };
  const found = [
    {
      message: id("freeze-started"),
      event: "freeze-started",
      at: freeze.startedAt,
      channels: config.deploys.channels,
      subject
    }
  ];
  if (freeze.endedAt !== void 0)
    found.push({
      message: id("freeze-ended"),
      event: "freeze-ended",
      at: freeze.endedAt,
      channels: config.deploys.channels,
      subject
    });
  return found;
}
function coveredBranches(globs, defaultBranch) {
  return globs.length > 0 ? [...globs] : [defaultBranch];
}

// src/core/channels/occasions.ts
function occasionsOf(incident, config) {
  const found = [];
  const add = (occasion) => found.push({ channels: [], ...occasion });
  const noticed = config.stakeholders.notice_severities.includes(incident.severity);
  add({ message: "declared", event: "declared", at: incident.declaredAt });
  add({ message: "incident-report", event: "incident-report", at: incident.declaredAt });
  if (noticed)
    add({ message: "stakeholder-notice:declared", event: "stakeholder-notice", at: incident.declaredAt });
  for (const request of incident.announcements ?? [])
    add({
      message: `stakeholder-notice:${request.commentId ?? request.at}`,
      event: "stakeholder-notice",
      at: request.at,
      channels: request.channels.length > 0 ? request.channels : announceChannels(incident, config),
      exclusive: true
    });
  if (incident.acknowledgedAt !== void 0)
    add({ message: "acknowledged", event: "acknowledged", at: incident.acknowledgedAt });
  for (const notice of incident.notices) {
    if (notice.kind === "ack-breach")
      add({
        message: "ack-missed",
        event: "ack-missed",
        at: notice.at,
        channels: config.acknowledge.channels
      });
    if (notice.kind !== "escalation") continue;
    for (const key of notice.keys) {
      const [ladderName, index] = key.split(":");
      const step = config.escalation.ladders.find((l) => l.name === ladderName)?.steps[Number(index)];
      add({
        message: `escalation:${key}`,
        event: "escalation",
        at: notice.at,
        channels: step?.channels ?? [],
        ...step?.note ? { detail: step.note } : {}
      });
    }
  }
  for (const update of incident.updates)
    add({
      message: `update:${update.commentId ?? update.at}`,
      event: "status-update",
      at: update.at,
      detail: update.text,
      ...update.nextDueAt !== void 0 ? { nextDueAt: update.nextDueAt } : {}
    });
  if (incident.workaround)
    add({
      message: "workaround",
      event: "workaround",
      at: incident.workaround.at,
      detail: incident.workaround.text
    });
  if (incident.resolution && incident.resolvedAt !== void 0 && incident.state !== "cancelled") {
    add({ message: "resolved", event: "resolved", at: incident.resolvedAt });
    add({ message: "end-of-incident", event: "end-of-incident", at: incident.resolvedAt });
    if (noticed)
      add({ message: "stakeholder-notice:resolved", event: "stakeholder-notice", at: incident.resolvedAt });
  }
  if (incident.state === "cancelled" && incident.cancelledAt !== void 0)
    add({ message: "cancelled", event: "cancelled", at: incident.cancelledAt });
  found.push(...incidentFreezeOccasions(incident, config));
  if (incident.postmortem) {
    add({ message: "postmortem-opened", event: "postmortem-opened", at: incident.postmortem.openedAt });
    if (incident.postmortem.state === "merged" && incident.postmortem.mergedAt !== void 0) {
      add({ message: "postmortem-merged", event: "postmortem-merged", at: incident.postmortem.mergedAt });
      add({ message: "postmortem-shared", event: "postmortem-shared", at: incident.postmortem.mergedAt });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}
function announceChannels(incident, config) {
  const entries = Object.entries(config.channels);
  const routed = entries.filter(
    ([, c]) => c.events.includes("stakeholder-notice") && (c.severities.length === 0 || c.severities.includes(incident.severity)) && (c.revenue === void 0 || c.revenue === incident.revenue)
  );
  const chosen = routed.length > 0 ? routed : entries.filter(([, c]) => c.type === "email");
  return chosen.map(([name]) => name);
}

// src/core/channels/routeOccasion.ts
var TRIGGERS = /* @__PURE__ */ new Set(["declared", "ack-missed", "escalation"]);
function routeOccasion(occasion, incident, config, deliveries) {
  const channels = config.channels;
  const matches2 = (channel) => channel.events.includes(occasion.event) && (!incident || (channel.severities.length === 0 || channel.severities.includes(incident.severity)) && (channel.revenue === void 0 || channel.revenue === incident.revenue));
  const names = /* @__PURE__ */ new Set();
  if (occasion.exclusive) return occasion.channels.filter((name) => channels[name] !== void 0).sort();
  for (const [name, channel] of Object.entries(channels)) {
    if (channel.type === "pagerduty" && (!incident || !TRIGGERS.has(occasion.event))) continue;
    if (matches2(channel)) names.add(name);
  }
  for (const name of occasion.channels)
    if (channels[name] && (incident || channels[name].type !== "pagerduty")) names.add(name);
  if (occasion.event === "acknowledged" || occasion.event === "resolved" || occasion.event === "cancelled") {
    for (const name of triggeredPagers(config, deliveries)) {
      const channel = channels[name];
      if (channel?.events.includes(occasion.event) || occasion.event !== "acknowledged") names.add(name);
    }
  }
  return [...names].sort();
}
function triggeredPagers(config, deliveries) {
  const found = /* @__PURE__ */ new Set();
  for (const delivery of deliveries.values()) {
    if (!TRIGGERS.has(delivery.event)) continue;
    for (const [name, outcome] of Object.entries(delivery.channels)) {
      if (config.channels[name]?.type !== "pagerduty") continue;
      if (outcome.state === "delivered" || outcome.state === "unknown" || outcome.state === "sending")
        found.add(name);
    }
  }
  return [...found];
}

// src/core/channels/messageContent.ts
import { DateTime as DateTime8 } from "luxon";

// src/core/board/currentStatus.ts
function currentStatus(incident, config, clip3) {
  const zone = config.business_hours.timezone;
  let latest;
  for (const update of incident.updates) if (!latest || update.at >= latest.at) latest = update;
  const said = latest ? `${formatTime(latest.at, zone)}: ${clip3(latest.text)}` : `${incident.state === "declared" ? "Investigating" : STATE_TITLES[incident.state]}; no update posted yet`;
  const next = nextUpdateDue(incident, config);
  if (next === void 0) return said;
  return `${said} \u2014 next update ${next.promised ? "promised" : "due"} by ${formatTime(next.dueAt, zone)}`;
}

// src/core/channels/postmortemSharedView.ts
function postmortemSharedView(incident) {
  return {
    title: neutralizeInline(incident.title, 200),
    severity: incident.severity,
    number: incident.number,
    postmortemUrl: encodeURI(incident.postmortem?.url ?? incident.url),
    // The merged document on the default branch (GitHub reads HEAD as the default branch).
    documentUrl: encodeURI(
      incident.postmortem ? `${incident.url.replace(/\/issues\/\d+$/, "")}/blob/HEAD/${incident.postmortem.path}` : incident.url
    ),
    url: encodeURI(incident.url),
    followups: incident.followups.map((f) => ({
      number: f.number,
      title: neutralizeInline(f.title, 160),
      url: encodeURI(f.url)
    })),
    hasFollowups: incident.followups.length > 0
  };
}

// src/core/render/severityName.ts
function severityName(severity2) {
  return `SEV${severity2}`;
}

// src/core/channels/messageBody.ts
function messageBody(template, title, summary, facts, links) {
  return renderTemplate(template, {
    title: neutralizeInline(title, 300),
    summary: neutralizeInline(summary, 3e3),
    facts: facts.map((f) => ({
      label: neutralizeInline(f.label, 80),
      value: neutralizeInline(f.value, 800)
    })),
    links: links.map((l) => ({ label: neutralizeInline(l.label, 100), url: encodeURI(l.url) }))
  });
}
function oneLine(text, max) {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
}

// src/core/freeze/freezeText.ts
import { DateTime as DateTime7 } from "luxon";
var FREEZE_KIND_WORDS = {
  window: "freeze window",
  weekly: "weekly freeze",
  closure: "office closure",
  incident: "incident",
  manual: "manual freeze"
};
var HALF_YEAR_MS = 182 * 864e5;
function formatFreezeTime(at, zone, now) {
  const local = DateTime7.fromMillis(at, { zone }).setLocale("en-US");
  const format = now === void 0 || Math.abs(at - now) > HALF_YEAR_MS ? "ccc d LLL yyyy HH:mm ZZZZ" : "ccc d LLL HH:mm ZZZZ";
  return local.toFormat(format);
}
function untilText(freeze, zone, now) {
  return `until ${endText(freeze, zone, now)}`;
}
function endText(freeze, zone, now) {
  if (freeze.endsAt !== void 0) return formatFreezeTime(freeze.endsAt, zone, now);
  if (freeze.kind === "incident") return "the incident is resolved";
  if (freeze.kind === "manual" && freeze.issue !== void 0) return `issue #${freeze.issue} is closed`;
  return "it is lifted";
}
function plainInline(text, maxLength = 80) {
  const oneLine2 = text.replace(/\s+/g, " ").trim();
  const clipped = oneLine2.length > maxLength ? oneLine2.slice(0, maxLength - 1) + "\u2026" : oneLine2;
  return defuseMentions(clipped);
}
function handleText(handle2) {
  return neutralizeInline(mention(handle2.trim()), 100);
}
function shortSha(sha) {
  return sha.slice(0, 7);
}

// src/core/channels/newsContent.ts
var NEWS_EVENTS = /* @__PURE__ */ new Set([...FREEZE_EVENTS, ...RELEASE_EVENTS]);
function isNewsEvent(event) {
  return NEWS_EVENTS.has(event);
}
function newsContent(occasion, ctx) {
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
function freezeContent(occasion, freeze, ctx) {
  const zone = ctx.config.business_hours.timezone;
  const at = (t) => formatTime(t, zone);
  const where2 = branchesText(freeze.branches);
  const held = ctx.config.deploys.environments.join(", ");
  const cause = `${FREEZE_KIND_WORDS[freeze.kind]}${freeze.reason ? `: ${oneLine(freeze.reason, 300)}` : ""}`;
  const until = freeze.endsAt !== void 0 ? at(freeze.endsAt) : endText(freeze, zone, occasion.at);
  const ended = occasion.event === "freeze-ended" && freeze.endedAt !== void 0;
  const title = ended ? `Code freeze ended on ${where2}: ${freeze.name}` : `Code freeze started on ${where2}: ${freeze.name}`;
  const summary = ended ? `Since ${at(freeze.endedAt)}, ${freeze.name} no longer holds merges into ${where2} or deployments (frozen since ${at(freeze.startedAt)}). Any other freeze still in force still applies.` : `Merges into ${where2} and deployments to ${held || "gated environments"} are held from ${at(freeze.startedAt)} until ${until}. To ship something anyway, the on-call engineer or an approver grants a freeze exception (/freeze-exception <reason>).`;
  const facts = [
    { label: "Freeze", value: freeze.name },
    { label: "Cause", value: cause },
    { label: "Branches", value: where2 },
    { label: "Since", value: at(freeze.startedAt) },
    ended ? { label: "Ended", value: at(freeze.endedAt) } : { label: "Until", value: until }
  ];
  if (!ended)
    facts.push({ label: "Deployments held", value: held || "none (deploys.environments is empty)" });
  const links = [
    {
      label: freeze.kind === "incident" ? `Incident #${freeze.incident} on GitHub` : freeze.kind === "manual" ? `Freeze issue #${freeze.issue}` : "Code freeze calendar",
      url: freeze.link ?? ctx.sourceUrl
    }
  ];
  return {
    ...common(occasion, ctx, { title, summary, facts, links }),
    ...ctx.incident ? { incident: ctx.incident } : {},
    freeze: {
      kind: freeze.kind,
      name: freeze.name,
      branches: freeze.branches,
      started_at: new Date(freeze.startedAt).toISOString(),
      ...freeze.endsAt !== void 0 ? { ends_at: new Date(freeze.endsAt).toISOString() } : {},
      ...ended ? { ended_at: new Date(freeze.endedAt).toISOString() } : {},
      ...freeze.reason ? { reason: freeze.reason } : {},
      ...freeze.link ? { url: freeze.link } : {}
    }
  };
}
function grantContent(occasion, grant, ctx) {
  const zone = ctx.config.business_hours.timezone;
  const commit = shortSha(grant.sha);
  const what = grant.to === "merge" ? `merge pull request #${grant.number} (${commit})` : `deploy ${commit} from ${grant.branch}`;
  const title = `Freeze exception granted by ${grant.by}: ${what}`;
  const freezes = grant.freezes.length > 0 ? grant.freezes.join("; ") : "the freeze in force";
  const summary = `${grant.by} granted an exception at ${formatTime(occasion.at, zone)} to ${what} during ${freezes}: ${oneLine(grant.reason, 1e3) || "no reason given"}. It covers commit ${commit} only; a freeze that starts later needs a new grant.`;
  const facts = [
    { label: "Granted by", value: grant.by },
    {
      label: grant.to === "merge" ? "To merge" : "To deploy",
      value: grant.to === "merge" ? `#${grant.number}` : commit
    },
    { label: "Commit", value: commit },
    { label: "Branch", value: grant.branch },
    { label: "Freezes", value: freezes },
    { label: "Reason", value: oneLine(grant.reason, 800) || "no reason given" }
  ];
  const links = [
    {
      label: grant.to === "merge" ? `Pull request #${grant.number}` : `Hold issue #${grant.number}`,
      url: grant.url
    }
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
      freezes: grant.freezes
    }
  };
}
function releaseContent(occasion, release, ctx) {
  const tag = release.tag ? ` (${release.tag})` : "";
  const title = release.step === "drafted" ? `Release drafted: ${release.name}${tag}` : release.step === "milestone" ? `Release milestone due: ${release.name}` : `Released: ${release.name}${tag}`;
  const frozen = release.freezes ? ` \u26A0\uFE0F This falls during a code freeze on ${release.branch}: ${release.freezes}. Releasing now needs the on-call engineer's approval (a freeze exception).` : "";
  const summary = `${oneLine(release.detail, 1200)}${frozen}`;
  const facts = [
    { label: release.step === "milestone" ? "Milestone" : "Release", value: release.name },
    ...release.tag ? [{ label: "Tag", value: release.tag }] : [],
    { label: "Branch", value: release.branch },
    { label: "Code freeze", value: release.freezes ?? "none" }
  ];
  const links = [
    {
      label: release.step === "milestone" ? "The milestone" : release.step === "drafted" ? "The draft" : "Release notes",
      url: release.url
    }
  ];
  return {
    ...common(occasion, ctx, { title, summary, facts, links }, release.markdown),
    release: {
      step: release.step,
      name: release.name,
      ...release.tag ? { tag: release.tag } : {},
      url: release.url,
      branch: release.branch,
      frozen: release.freezes !== void 0
    }
  };
}
function common(occasion, ctx, text, body) {
  const { title, summary, facts, links } = text;
  return {
    event: occasion.event,
    title: oneLine(title, 150),
    summary,
    facts,
    links,
    body: body ?? messageBody(ctx.templates.message, title, summary, facts, links),
    source: { repository: ctx.repository, number: ctx.source }
  };
}
function branchesText(branches) {
  return branches.length > 0 ? branches.join(", ") : "the default branch";
}

// src/core/channels/messageContent.ts
function messageContent(occasion, ctx) {
  const { incident, config } = ctx;
  const zone = config.business_hours.timezone;
  const at = (t) => formatTime(t, zone);
  const sev = severityName(incident.severity);
  const ref = `Incident #${incident.number}`;
  const name = oneLine(incident.title, 150);
  const table = stakeholderFacts(incident, config);
  const links = [{ label: `${ref} on GitHub`, url: incident.url }];
  const facts = incidentFacts(incident, ctx.repository);
  if (isNewsEvent(occasion.event))
    return newsContent(occasion, {
      ...ctx,
      source: incident.number,
      sourceUrl: incident.url,
      incident: facts
    });
  const base = {
    event: occasion.event,
    links,
    source: { repository: ctx.repository, number: incident.number },
    incident: facts
  };
  const lifecycle = (title, summary, rows = table) => ({
    ...base,
    title: oneLine(title, 150),
    summary,
    facts: rows,
    body: messageBody(ctx.templates.message, title, summary, rows, links)
  });
  const fromTemplate = (template, view, facts2, summary) => {
    const rendered = renderTemplate(template, { ...view, url: encodeURI(incident.url) }).trim();
    const [subject = "", ...rest] = rendered.split("\n");
    return { ...base, title: oneLine(subject, 200), summary, facts: facts2, body: rest.join("\n").trim() + "\n" };
  };
  const by = (login) => login ? ` by ${login}` : "";
  switch (occasion.event) {
    case "declared":
      return lifecycle(
        `[${sev}] ${ref} declared: ${name}`,
        `${oneLine(incident.form.summary ?? incident.title, 600)} Declared at ${at(incident.declaredAt)}${by(incident.declaredBy)}.`
      );
    case "acknowledged":
      return lifecycle(
        `[${sev}] ${ref} acknowledged${by(incident.acknowledgedBy)}: ${name}`,
        `Someone is on it since ${at(occasion.at)}. Lead: ${incident.lead ?? "nobody yet"}.`
      );
    case "ack-missed":
      return lifecycle(
        `[${sev}] ${ref} is not acknowledged: ${name}`,
        `Nobody has acknowledged the incident in time (declared ${at(incident.declaredAt)}). The on-call engineer is needed now.`
      );
    case "escalation":
      return lifecycle(
        `[${sev}] ${ref} escalated: ${name}`,
        `${oneLine(occasion.detail ?? "An escalation step is due.", 600)} The problem began ${formatDuration(occasion.at - incident.startedAt)} before this step, at ${at(incident.startedAt)}.`
      );
    case "status-update":
      return lifecycle(
        `[${sev}] ${ref} update: ${name}`,
        `${oneLine(occasion.detail ?? "", 1500)}${occasion.nextDueAt !== void 0 ? ` Next update by ${at(occasion.nextDueAt)}.` : ""}`
      );
    case "workaround":
      return lifecycle(
        `[${sev}] ${ref} has a workaround: ${name}`,
        `${oneLine(occasion.detail ?? "", 1500)} (in place since ${at(occasion.at)}).`
      );
    case "resolved":
      return lifecycle(
        `[${sev}] ${ref} resolved: ${name}`,
        `${oneLine(incident.resolution?.text ?? "", 1500)} Resolved at ${at(occasion.at)}, ${formatDuration(occasion.at - incident.startedAt)} after the problem began.`
      );
    case "cancelled":
      return lifecycle(
        `[${sev}] ${ref} cancelled: ${name}`,
        `A false alarm: ${oneLine(incident.cancelReason?.text ?? "no reason given", 1e3)}`
      );
    case "postmortem-opened":
      return lifecycle(
        `${ref} post-mortem opened for review: ${name}`,
        `The post-mortem is up for review as pull request #${incident.postmortem?.number ?? "?"}.`
      );
    case "postmortem-merged":
      return lifecycle(
        `${ref} post-mortem merged: ${name}`,
        `The post-mortem was reviewed and merged; the incident is closed.`
      );
    case "stakeholder-notice":
      return fromTemplate(
        ctx.templates["stakeholder-notice"],
        {
          application: neutralizeInline(application(incident, config, ctx.repository), 120),
          date: DateTime8.fromMillis(incident.startedAt, { zone }).toFormat("MM-dd-yyyy"),
          summary: neutralizeInline(incident.form.summary ?? incident.title, 1200),
          ...Object.fromEntries(table.map((f) => [f.key, neutralizeInline(f.value, 800)]))
        },
        table,
        oneLine(incident.form.summary ?? incident.title, 1200)
      );
    case "incident-report": {
      const next = nextUpdateDue(incident, config);
      return fromTemplate(
        ctx.templates["incident-report"],
        {
          title: neutralizeInline(incident.title, 200),
          severity: incident.severity,
          declared: at(incident.declaredAt),
          declaredBy: incident.declaredBy ? neutralizeInline(incident.declaredBy, 60) : void 0,
          start: at(incident.startedAt),
          what: neutralizeInline(incident.form.summary ?? incident.title, 1500),
          applications: neutralizeInline(incident.form.applications ?? "", 500) || "not recorded",
          businessImpact: neutralizeInline(incident.form.businessImpact ?? "", 800) || "not recorded",
          revenue: incident.revenue ? "yes" : incident.form.revenue === "unknown" ? "unknown" : "no",
          lead: neutralizeInline(incident.lead ?? "nobody yet", 60),
          comms: neutralizeInline(incident.comms ?? "nobody yet", 60),
          nextUpdate: next ? at(next.dueAt) : "\u2014"
        },
        table,
        oneLine(incident.form.summary ?? incident.title, 1200)
      );
    }
    case "end-of-incident": {
      const end = incident.resolvedAt ?? occasion.at;
      const followup = incident.postmortem ? `A post-mortem is under way: ${incident.postmortem.url}` : [...incident.notes, ...incident.deviations].length > 0 ? `Follow up on: ${[...incident.notes, ...incident.deviations].map((n) => oneLine(n.text, 200)).join("; ")}` : "No further work was recorded.";
      return fromTemplate(
        ctx.templates["end-of-incident"],
        {
          title: neutralizeInline(incident.title, 200),
          severity: incident.severity,
          start: at(incident.startedAt),
          end: at(end),
          duration: formatDuration(end - incident.startedAt),
          what: neutralizeInline(incident.form.summary ?? incident.title, 1500),
          impact: neutralizeInline(incident.form.businessImpact ?? "", 800) || "not recorded",
          resolution: neutralizeInline(incident.resolution?.text ?? "", 2e3),
          next: neutralizeInline(followup, 1500),
          pullRequests: incident.pullRequests.map((pr) => ({
            number: pr.number,
            title: neutralizeInline(pr.title, 120),
            url: encodeURI(pr.url),
            state: pr.state
          })),
          hasPullRequests: incident.pullRequests.length > 0
        },
        table,
        oneLine(incident.resolution?.text ?? "", 1200)
      );
    }
    case "postmortem-shared":
      return fromTemplate(
        ctx.templates["postmortem-shared"],
        postmortemSharedView(incident),
        table,
        `The post-mortem of incident #${incident.number} was merged.`
      );
  }
}
function stakeholderFacts(incident, config) {
  const zone = config.business_hours.timezone;
  const ended = incident.state === "cancelled" ? incident.cancelledAt : incident.resolvedAt;
  return [
    {
      key: "applications",
      label: "Applications impacted",
      value: oneLine(incident.form.applications ?? "", 500) || "not recorded"
    },
    {
      key: "businessImpact",
      label: "Business impact",
      value: oneLine(incident.form.businessImpact ?? "", 800) || "not recorded"
    },
    { key: "start", label: "Incident start", value: formatTime(incident.startedAt, zone) },
    { key: "end", label: "Incident end", value: ended === void 0 ? "Ongoing" : formatTime(ended, zone) },
    {
      key: "currentStatus",
      label: "Current status",
      value: currentStatus(incident, config, (text) => oneLine(text, 600))
    },
    {
      key: "resolution",
      label: "Resolution",
      value: incident.resolution ? oneLine(incident.resolution.text, 800) + (incident.postmortem ? ` (post-mortem: ${incident.postmortem.url})` : "") : incident.state === "cancelled" ? `Cancelled: ${oneLine(incident.cancelReason?.text ?? "", 300)}` : "Ongoing"
    }
  ];
}
function incidentFacts(incident, repository) {
  return {
    repository,
    number: incident.number,
    title: incident.title,
    url: incident.url,
    severity: incident.severity,
    state: incident.state,
    revenue: incident.revenue
  };
}
function application(incident, config, repository) {
  if (config.stakeholders.application) return config.stakeholders.application;
  const first = (incident.form.applications ?? "").split(/[\n,]/)[0]?.trim();
  return first || repository.split("/").pop() || repository;
}

// src/core/channels/planMessages.ts
var FRESH_FOR_MS = 24 * 36e5;
var CLAIM_STALE_MS = 5 * 6e4;
var MAX_ATTEMPTS = 8;
function retryDelay(failures) {
  return Math.min(6e4 * 2 ** Math.max(0, failures - 1), 36e5);
}
function planMessages(input) {
  const { incident, config, templates, now, deliveries, repository } = input;
  if (Object.keys(config.channels).length === 0 && deliveries.size === 0) return [];
  const threads = new EmailThreads(config, repository, incident.number, deliveries);
  return planOccasions({
    occasions: occasionsOf(incident, config),
    config,
    now,
    deliveries,
    route: (occasion) => routeOccasion(occasion, incident, config, deliveries),
    content: (occasion, channels) => {
      const content = messageContent(occasion, { incident, config, templates, repository });
      const pagerduty = pagerdutyPart(occasion, repository, incident.number);
      if (pagerduty) content.pagerduty = pagerduty;
      return threads.thread(content, occasion.message, channels);
    }
  });
}
function planNews(input) {
  const { config, templates, now, deliveries, repository, number, url } = input;
  if (Object.keys(config.channels).length === 0) return [];
  const threads = new EmailThreads(config, repository, number, deliveries);
  return planOccasions({
    occasions: input.occasions,
    config,
    now,
    deliveries,
    route: (occasion) => routeOccasion(occasion, void 0, config, deliveries),
    content: (occasion, channels) => threads.thread(
      newsContent(occasion, { config, templates, repository, source: number, sourceUrl: url }),
      occasion.message,
      channels
    )
  });
}
function planOccasions(input) {
  const { config, now, deliveries } = input;
  const planned = [];
  for (const occasion of input.occasions) {
    const delivery = deliveries.get(occasion.message);
    if (delivery) {
      const retry = retryOf(delivery, config, now);
      if (retry.channels.length > 0)
        planned.push({
          message: occasion.message,
          event: occasion.event,
          at: occasion.at,
          attempt: delivery.attempt + 1,
          channels: retry.channels,
          carried: retry.carried,
          predecessor: delivery.commentId,
          content: input.content(occasion, retry.channels)
        });
      continue;
    }
    if (occasion.at < now - FRESH_FOR_MS) continue;
    const channels = input.route(occasion);
    if (channels.length === 0) continue;
    planned.push({
      message: occasion.message,
      event: occasion.event,
      at: occasion.at,
      attempt: 1,
      channels,
      carried: {},
      content: input.content(occasion, channels)
    });
  }
  return planned;
}
function retryOf(delivery, config, now) {
  const channels = [];
  const carried = {};
  for (const [name, outcome] of Object.entries(delivery.channels)) {
    const idempotent = config.channels[name]?.type === "pagerduty";
    const due = outcome.state === "failed" && outcome.retryAt <= now || idempotent && outcome.state === "unknown" || idempotent && outcome.state === "sending" && now - delivery.claimedAt >= CLAIM_STALE_MS;
    if (due && config.channels[name] !== void 0 && delivery.attempt < MAX_ATTEMPTS) channels.push(name);
    else carried[name] = outcome;
  }
  return { channels: channels.sort(), carried };
}
var EmailThreads = class {
  #config;
  #repository;
  #number;
  #root;
  constructor(config, repository, number, deliveries) {
    this.#config = config;
    this.#repository = repository;
    this.#number = number;
    const emailed = [...deliveries.values()].filter((d) => Object.keys(d.channels).some((c) => config.channels[c]?.type === "email")).sort((a, b) => a.claimedAt - b.claimedAt || a.commentId - b.commentId);
    if (emailed[0]) this.#root = this.messageId(emailed[0].message);
  }
  /** `content` with its place in the issue's thread, when it goes to an e-mail channel. */
  thread(content, message, channels) {
    if (channels.some((c) => this.#config.channels[c]?.type === "email")) {
      const messageId = this.messageId(message);
      this.#root ??= messageId;
      content.email = this.#root === messageId ? { messageId } : { messageId, inReplyTo: this.#root };
    }
    return content;
  }
  messageId(message) {
    const from = Object.values(this.#config.channels).find((c) => c.type === "email");
    const domain = /@([^\s>]+)/.exec(from?.type === "email" ? from.from : "")?.[1] ?? "expedite.invalid";
    const local = `${message}.${this.#number}.${this.#repository}`.replace(/[^A-Za-z0-9.-]/g, ".");
    return `<expedite.${local}@${domain}>`;
  }
};
function pagerdutyPart(occasion, repository, number) {
  const dedupKey = `expedite/${repository}#${number}`;
  switch (occasion.event) {
    case "declared":
    case "ack-missed":
    case "escalation":
      return { action: "trigger", dedupKey };
    case "acknowledged":
      return { action: "acknowledge", dedupKey };
    case "resolved":
    case "cancelled":
      return { action: "resolve", dedupKey };
    default:
      return void 0;
  }
}

// src/core/channels/deliveryRecord.ts
var DELIVERY_KIND = "delivery";
var RECORD = /<!-- expedite-record:([A-Za-z0-9_-]+) -->/;
function renderDeliveryComment(record, zone) {
  const marker = renderMarker(DELIVERY_KIND, { message: record.message, attempt: record.attempt });
  const lines = Object.entries(record.channels).map(
    ([channel, outcome]) => `- \`${channel}\`: ${describeOutcome(outcome, zone)}`
  );
  const encoded = Buffer.from(JSON.stringify(record), "utf8").toString("base64url");
  return [
    marker,
    `\u{1F4E3} **${neutralizeInline(record.title, 200)}**${record.attempt > 1 ? ` (attempt ${record.attempt})` : ""}`,
    "",
    ...lines,
    "",
    `<!-- expedite-record:${encoded} -->`
  ].join("\n");
}
function describeOutcome(outcome, zone) {
  switch (outcome.state) {
    case "sending":
      return `sending since ${formatTime(outcome.at, zone)}`;
    case "delivered":
      return `\u2705 delivered ${formatTime(outcome.at, zone)}`;
    case "failed":
      return `\u26A0\uFE0F not delivered \u2014 ${neutralizeInline(outcome.reason, 160)}, retrying after ${formatTime(outcome.retryAt, zone)}`;
    case "unknown":
      return `\u2754 may not have arrived \u2014 ${neutralizeInline(outcome.reason, 160)}; not sent again (see docs/reliability.md)`;
    case "abandoned":
      return `\u274C not delivered \u2014 ${neutralizeInline(outcome.reason, 160)}; gave up`;
  }
}
function parseDelivery(comment) {
  if (comment.marker.kind !== DELIVERY_KIND) return void 0;
  const match = RECORD.exec(comment.body);
  if (!match?.[1]) return void 0;
  try {
    const record = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8"));
    if (typeof record.message !== "string" || record.message !== comment.marker.data.message || !MESSAGE_EVENTS.includes(record.event) || typeof record.attempt !== "number" || typeof record.channels !== "object" || record.channels === null)
      return void 0;
    return { ...record, commentId: comment.id };
  } catch {
    return void 0;
  }
}
function deliveriesFrom(comments) {
  const latest = /* @__PURE__ */ new Map();
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    const delivery = parseDelivery(comment);
    if (!delivery) continue;
    const seen = latest.get(delivery.message);
    if (!seen || delivery.attempt > seen.attempt) latest.set(delivery.message, delivery);
  }
  return latest;
}
function claimWinner(claims, attempt, predecessor) {
  return [...claims].filter((c) => c.id !== predecessor && c.attempt >= attempt).sort((a, b) => a.id - b.id)[0];
}

// src/core/channels/deliveryRows.ts
var CHANNEL_TITLES = {
  slack: "Slack",
  teams: "Teams",
  email: "E-mail",
  pagerduty: "PagerDuty",
  webhook: "Webhook"
};
function deliveryRows(deliveries, config, now) {
  const zone = config.business_hours.timezone;
  return [...deliveries].sort((a, b) => a.claimedAt - b.claimedAt || a.commentId - b.commentId).map((delivery) => ({
    what: neutralizeInline(delivery.title, 160),
    where: Object.entries(delivery.channels).map(([name, outcome]) => {
      const type = config.channels[name]?.type;
      const label = `${type ? CHANNEL_TITLES[type] : "Channel"} \`${neutralizeInline(name, 60)}\``;
      const stale = outcome.state === "sending" && now - delivery.claimedAt >= CLAIM_STALE_MS;
      return `${label}: ${stale ? "\u2754 the sender stopped before recording the result; not sent again" : describeOutcome(outcome, zone)}`;
    }).join("<br>")
  }));
}

// src/core/channels/stakeholderClock.ts
function stakeholderClock(incident, config) {
  if (!config.stakeholders.notice_severities.includes(incident.severity)) return void 0;
  if (!Object.values(config.channels).some((c) => c.type !== "pagerduty")) return void 0;
  const dueAt = incident.declaredAt + durationMs(config.stakeholders.notice_within);
  let sentAt;
  let channels = [];
  for (const delivery of incident.deliveries ?? []) {
    if (delivery.event !== "stakeholder-notice") continue;
    const delivered = Object.entries(delivery.channels).filter(([, o]) => o.state === "delivered");
    const at = Math.min(...delivered.map(([, o]) => o.at));
    if (delivered.length > 0 && (sentAt === void 0 || at < sentAt)) {
      sentAt = at;
      channels = delivered.map(([name]) => name).sort();
    }
  }
  return {
    dueAt,
    ...sentAt !== void 0 ? { sentAt } : {},
    channels,
    requested: (incident.announcements ?? []).length > 0
  };
}

// src/core/board/boardView.ts
var STATE_ICONS = {
  declared: "\u{1F534}",
  acknowledged: "\u{1F7E0}",
  mitigated: "\u{1F7E1}",
  resolved: "\u{1F7E2}",
  postmortem: "\u{1F4DD}",
  cancelled: "\u26AA"
};
var NOT_RECORDED = "_not recorded_";
function boardView(incident, config, now) {
  const zone = config.business_hours.timezone;
  const at = (t) => t === void 0 ? void 0 : formatTime(t, zone);
  const since = (t) => t === void 0 ? void 0 : `${formatTime(t, zone)} \u2014 ${formatDuration(t - incident.startedAt)} after the start`;
  const closed = incident.state === "resolved" || incident.state === "postmortem" || incident.state === "cancelled";
  const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
  const ackStatus = incident.acknowledgedAt !== void 0 ? incident.acknowledgedAt <= ack.dueAt ? `\u2705 met \u2014 acknowledged ${formatDuration(incident.acknowledgedAt - incident.declaredAt)} after declaration` : `\u26A0\uFE0F missed \u2014 acknowledged ${formatDuration(incident.acknowledgedAt - ack.dueAt)} late` : closed ? "\u2014" : now >= ack.dueAt ? "\u{1F6A8} **breached** \u2014 nobody has typed `/ack`" : "waiting for `/ack`";
  const plan = escalationPlan(incident, config, now);
  const fired = new Set(stepsCoveredBy(incident, config).map((s) => s.key));
  const escalations = plan.steps.map((step) => ({
    when: formatTime(step.dueAt, zone),
    who: resolveHandles(step.notify, incident, config, step.dueAt).map((h) => neutralizeInline(h.replace(/^@/, ""))).join(", ") || "nobody configured",
    status: step.state === "stopped" ? "stopped (workaround or resolution came first)" : fired.has(step.key) ? "\u{1F514} notified" : step.state === "due" ? "\u{1F514} due" : "pending"
  }));
  const update = nextUpdateDue(incident, config);
  const updateLine = update === void 0 ? void 0 : `${formatTime(update.dueAt, zone)}${update.promised ? " (as promised)" : ` (every ${config.updates.cadence[String(incident.severity)]} at ${severityName(incident.severity)})`}${now >= update.dueAt ? " \u2014 \u26A0\uFE0F **overdue**" : ""}`;
  const ended = incident.resolvedAt ?? incident.cancelledAt;
  const roles = Object.entries(incident.roles).filter(([, people]) => people.length > 0).map(([role, people]) => ({
    role: neutralizeInline(role),
    people: people.map((p) => displayName(p)).join(", ")
  }));
  return {
    number: incident.number,
    icon: STATE_ICONS[incident.state],
    title: neutralizeInline(incident.title, 200),
    state: incident.postmortem?.state === "merged" ? "Closed \u2014 post-mortem merged" : !incident.open && incident.state !== "cancelled" ? `${STATE_TITLES[incident.state]} \u2014 issue closed` : STATE_TITLES[incident.state],
    severity: `${severityName(incident.severity)}${incident.severitySet ? "" : " (default \u2014 set it with `/sev <1-4>`)"}`,
    revenue: incident.revenueAssumed ? "\u{1F4B8} **treated as affected**: the report says \u201Cunknown\u201D, so the revenue escalation ladder applies. `/impact none` if it is not." : incident.revenue ? "\u{1F4B8} **affected**" : incident.form.revenue === "unknown" ? "unknown" : "not affected",
    lead: displayName(incident.lead) ?? "_nobody yet \u2014 `/ack` or `/lead @someone`_",
    comms: displayName(incident.comms) ?? "_nobody yet \u2014 `/comms @someone`_",
    roles,
    hasRoles: roles.length > 0,
    started: incident.unreadStart ? `${at(incident.startedAt)} \u2014 \u26A0\uFE0F the form's answer \u201C${neutralizeInline(incident.unreadStart.text, 100)}\u201D could not be used (${neutralizeInline(incident.unreadStart.reason, 300)}), so this is the declaration time. Type \`/started <time>\` to set it.` : at(incident.startedAt),
    declared: at(incident.declaredAt),
    ackDue: `${formatTime(ack.dueAt, zone)} (${ack.businessHours ? "inside" : "outside"} business hours)`,
    ackStatus,
    acknowledged: since(incident.acknowledgedAt) ?? "\u2014",
    mitigated: since(incident.mitigatedAt) ?? "\u2014",
    resolved: since(incident.resolvedAt) ?? "\u2014",
    nextUpdate: updateLine ?? "\u2014",
    stakeholderNotice: stakeholderLine(incident, config, now),
    escalations,
    hasEscalations: escalations.length > 0,
    ladder: plan.ladder ?? "none",
    waiting: waitingLine(incident, config, now),
    escalationOrigin: originWords(config),
    applications: neutralizeInline(incident.form.applications ?? "", 500) || NOT_RECORDED,
    businessImpact: neutralizeInline(incident.form.businessImpact ?? "", 800) || NOT_RECORDED,
    stakeholderStart: formatTime(incident.startedAt, zone),
    stakeholderEnd: ended === void 0 ? "Ongoing" : formatTime(ended, zone),
    currentStatus: currentStatus(incident, config, (text) => neutralizeInline(text, 500)),
    resolution: incident.resolution ? neutralizeInline(incident.resolution.text, 800) : incident.state === "cancelled" ? `Cancelled: ${neutralizeInline(incident.cancelReason?.text ?? "", 300)}` : closed ? "\u26A0\uFE0F _not journaled_" : "Ongoing",
    workaround: incident.workaround ? neutralizeInline(incident.workaround.text, 800) : void 0,
    gaps: incident.gaps.map((g) => ({ message: g.message })),
    hasGaps: incident.gaps.length > 0,
    postmortem: incident.postmortem ? { number: incident.postmortem.number, url: incident.postmortem.url, state: incident.postmortem.state } : void 0,
    pullRequests: incident.pullRequests.map((pr) => ({
      number: pr.number,
      url: pr.url,
      title: neutralizeInline(pr.title, 120),
      state: pr.state,
      revert: pr.revert
    })),
    hasPullRequests: incident.pullRequests.length > 0,
    followups: incident.followups.map((f) => ({
      number: f.number,
      url: f.url,
      title: neutralizeInline(f.title, 160)
    })),
    hasFollowups: incident.followups.length > 0,
    deliveries: deliveryRows(incident.deliveries ?? [], config, now),
    hasDeliveries: (incident.deliveries ?? []).length > 0,
    zone
  };
}
function timelineRows(incident, config) {
  const zone = config.business_hours.timezone;
  return incident.timeline.map((entry) => ({
    utc: formatTime(entry.at, zone),
    who: entry.actor === void 0 ? "Expedite" : neutralizeInline(entry.actor, 60),
    what: neutralizeInline(entry.text, 600) + (entry.url ? ` ([link](${encodeURI(entry.url)}))` : "")
  }));
}
function waitingLine(incident, config, now) {
  const opens = waitsForOffice(incident, config);
  if (opens === void 0 || !incident.open) return void 0;
  const when = formatTime(opens, config.business_hours.timezone);
  return now < opens ? `\u{1F319} Minor, revenue not affected, declared outside business hours: it waits for the office. Clocks start and the on-call engineer is assigned at ${when}. If it cannot wait, raise it with \`/sev <1-3>\` or \`/impact revenue\`.` : `\u{1F319} Declared outside business hours as minor with revenue not affected: its clocks started when the office opened, ${when}.`;
}
function stakeholderLine(incident, config, now) {
  const clock = stakeholderClock(incident, config);
  if (!clock) return void 0;
  const zone = config.business_hours.timezone;
  const due = formatTime(clock.dueAt, zone);
  if (clock.sentAt !== void 0)
    return `\u2705 sent ${formatTime(clock.sentAt, zone)} to ${clock.channels.map((c) => `\`${c}\``).join(", ")} (due by ${due})`;
  if (clock.requested) return `due by ${due} \u2014 requested with \`/announce\`, on its way`;
  return now >= clock.dueAt ? `\u{1F6A8} **overdue** since ${due} \u2014 \`/announce\` sends it` : `due by ${due} \u2014 \`/announce\` sends it`;
}

// src/core/board/renderBoard.ts
var COMMENT_LIMIT = 65e3;
function renderBoard(template, incident, config, now, ledger = emptyLedger()) {
  const view = boardView(incident, config, now);
  const rows = timelineRows(incident, config);
  const header = renderMarker("board", ledgerData(ledger)) + "\n";
  let folded = 0;
  for (; ; ) {
    const body = header + renderTemplate(template, { ...view, timeline: rows.slice(folded), folded: folded || void 0 });
    if (body.length <= COMMENT_LIMIT || folded >= rows.length)
      return body.length <= COMMENT_LIMIT ? body : body.slice(0, COMMENT_LIMIT);
    const over = body.length - COMMENT_LIMIT;
    const average = Math.max(1, Math.floor(body.length / Math.max(rows.length, 1)));
    folded = Math.min(rows.length, folded + Math.max(1, Math.ceil(over / average)));
  }
}

// src/core/checklist/checklistItems.ts
var isResolved = (i) => i.state === "resolved" || i.state === "postmortem";
var CHECKLIST_ITEMS = [
  {
    id: "lead",
    phase: "now",
    text: "One person leads (`/ack` or `/lead @someone`)",
    fact: (i) => i.lead !== void 0
  },
  {
    id: "ack",
    phase: "now",
    text: "Acknowledged in writing, so the time is on record (`/ack`)",
    fact: (i) => i.acknowledgedAt !== void 0
  },
  {
    id: "comms",
    phase: "now",
    text: "A communicator who is not the lead keeps people informed (`/comms @someone`)",
    fact: (i, c) => i.comms !== void 0 && (c.roles.allow_lead_as_comms || i.comms !== i.lead)
  },
  { id: "severity", phase: "now", text: "Severity chosen (`/sev <1-4>`)", fact: (i) => i.severitySet },
  {
    id: "call",
    phase: "now",
    text: "Call or video link posted so responders are in one room",
    severities: [1, 2]
  },
  { id: "support", phase: "now", text: "Support team told what customers are seeing" },
  {
    id: "delvers",
    phase: "during",
    text: "Someone digs into the cause (`/role investigator @someone`)",
    severities: [1, 2],
    fact: (i) => (i.roles.investigator?.length ?? 0) > 0
  },
  {
    id: "fixers",
    phase: "during",
    text: "Someone works on limiting the impact right now (`/role fixer @someone`)",
    severities: [1, 2],
    fact: (i) => (i.roles.fixer?.length ?? 0) > 0
  },
  {
    id: "first-update",
    phase: "during",
    text: "First status update posted (`/update \u2026 next 30m`)",
    fact: (i) => i.updates.length > 0
  },
  {
    id: "stakeholders",
    phase: "during",
    text: "Stakeholder notice sent within 24 hours",
    severities: [1, 2]
  },
  {
    id: "affected-told",
    phase: "during",
    text: "Affected customers or partners told the problem is known",
    severities: [1, 2]
  },
  {
    id: "workaround",
    phase: "during",
    text: "Workaround recorded (`/mitigate <what is in place>`)",
    fact: (i) => i.workaround !== void 0
  },
  { id: "workaround-told", phase: "during", text: "Affected parties told about the workaround" },
  { id: "deploy", phase: "during", text: "Fix shipped the usual way, with a rollback ready" },
  { id: "metric", phase: "after", text: "The metric that raised the alarm is back to normal" },
  {
    id: "resolution",
    phase: "after",
    text: "Resolution journaled (`/resolve <what was wrong and what fixed it>`)",
    fact: (i) => i.resolution !== void 0
  },
  { id: "resolution-told", phase: "after", text: "Everyone who heard about the incident hears it is over" },
  {
    id: "deviations",
    phase: "after",
    text: "Shortcuts taken are recorded and justified (`/deviation <why>`), so they become tracked debt"
  },
  {
    id: "postmortem",
    phase: "after",
    text: "Post-mortem opened for review",
    fact: (i, c) => i.postmortem !== void 0 && c.severity.postmortem.includes(i.severity) && isResolved(i)
  }
];
function checklistFor(incident, config) {
  return CHECKLIST_ITEMS.filter((item) => {
    if (item.id === "postmortem") return config.severity.postmortem.includes(incident.severity);
    return item.severities === void 0 || item.severities.includes(incident.severity);
  });
}

// src/core/checklist/renderChecklist.ts
var ITEM_LINE = /^\s*[-*] \[([ xX])\] .*<!-- item:([a-z0-9-]+) -->\s*$/;
function tickedItems(body) {
  const ticked = /* @__PURE__ */ new Set();
  for (const line of (body ?? "").split(/\r?\n/)) {
    const match = ITEM_LINE.exec(line);
    if (match && match[1] !== " " && match[2] !== void 0) ticked.add(match[2]);
  }
  return ticked;
}
var PHASES = [
  { id: "now", title: "Straight away" },
  { id: "during", title: "While it lasts" },
  { id: "after", title: "Wrapping up" }
];
function renderChecklist(template, incident, config, existingBody) {
  const manual = tickedItems(existingBody);
  const items2 = checklistFor(incident, config);
  const phases = PHASES.map((phase) => ({
    title: phase.title,
    items: items2.filter((item) => item.phase === phase.id).map((item) => ({
      id: item.id,
      text: item.text,
      checked: item.fact ? item.fact(incident, config) : manual.has(item.id),
      auto: item.fact !== void 0
    }))
  })).filter((phase) => phase.items.length > 0);
  const done = phases.flatMap((p) => p.items).filter((i) => i.checked).length;
  const total = phases.flatMap((p) => p.items).length;
  return renderMarker("checklist") + "\n" + renderTemplate(template, { number: incident.number, severity: incident.severity, phases, done, total });
}

// src/core/commands/commandTable.ts
var COMMANDS = [
  {
    verb: "ack",
    aliases: ["acknowledge"],
    syntax: "/ack [what you are doing]",
    summary: "Say you are on it; your words go on the record. You become the lead only if nobody leads (the on-call engineer counts).",
    example: "/ack checking the payment gateway logs",
    scope: "incident"
  },
  {
    verb: "lead",
    aliases: [],
    syntax: "/lead @user",
    summary: "Hand the lead to someone (`me` or nothing means you); the previous lead, even the on-call one, is unassigned.",
    example: "/lead @octocat",
    scope: "incident"
  },
  {
    verb: "comms",
    aliases: ["communicator"],
    syntax: "/comms @user",
    summary: "Name the communicator who keeps stakeholders informed (`me` or nothing means you).",
    example: "/comms @hubot",
    scope: "incident"
  },
  {
    verb: "role",
    aliases: [],
    syntax: "/role <role> @user",
    summary: "Give someone one of the team's configured roles.",
    example: "/role investigator @octocat",
    scope: "incident"
  },
  {
    verb: "sev",
    aliases: ["severity"],
    syntax: "/sev <1-4>",
    summary: "Set the severity; 1 is the worst.",
    example: "/sev 2",
    scope: "incident"
  },
  {
    verb: "impact",
    aliases: [],
    syntax: "/impact revenue|none",
    summary: "Say whether the incident is costing revenue (`yes`/`no` work too).",
    example: "/impact revenue",
    scope: "incident"
  },
  {
    verb: "update",
    aliases: [],
    syntax: "/update <what changed> [next <duration>]",
    summary: "Post a status update; end it with `next 30m` or `next at 15:00` to say when the next one comes.",
    example: "/update Failover done, error rate falling. next 30m",
    scope: "incident"
  },
  {
    verb: "mitigate",
    aliases: ["workaround"],
    syntax: "/mitigate <workaround>",
    summary: "Record the workaround that limits the damage for now: what is in place, not just \u201Cdone\u201D.",
    example: "/mitigate Routed checkout traffic to the standby region",
    scope: "incident"
  },
  {
    verb: "resolve",
    aliases: [],
    syntax: "/resolve <cause, fix, follow-up>",
    summary: "Close out the problem: what was wrong, what was done, and any follow-up (or a link to it).",
    example: "/resolve Expired TLS certificate on the API; renewed it and added expiry monitoring in #412",
    scope: "incident"
  },
  {
    verb: "note",
    aliases: [],
    syntax: "/note <text>",
    summary: "Add a line to the timeline.",
    example: "/note Support reports the error also hits mobile users",
    scope: "incident"
  },
  {
    verb: "deviation",
    aliases: [],
    syntax: "/deviation <step skipped and why>",
    summary: "Record a step of the process you skipped, and why, for the post-mortem.",
    example: "/deviation Deployed without review: site down, no reviewer awake",
    scope: "incident"
  },
  {
    verb: "started",
    aliases: [],
    syntax: "/started <time>",
    summary: "Backdate when the problem really began.",
    example: "/started yesterday 23:10",
    scope: "incident"
  },
  {
    verb: "cancel",
    aliases: [],
    syntax: "/cancel <reason>",
    summary: "Close a false alarm without a post-mortem.",
    example: "/cancel Alert came from the staging monitor, production is fine",
    scope: "incident"
  },
  {
    verb: "announce",
    aliases: [],
    syntax: "/announce [channel \u2026]",
    summary: "Send the stakeholder notice, as it stands now, to the channels that carry it (or the ones you name).",
    example: "/announce stakeholders",
    scope: "incident"
  },
  {
    verb: "help",
    aliases: [],
    syntax: "/help",
    summary: "Show this list.",
    example: "/help",
    scope: "anywhere"
  },
  {
    verb: "freeze",
    aliases: [],
    syntax: "/freeze <until> <reason> [branches: <list>]",
    summary: "Freeze merges until a time; `branches: main, release/*` limits it to those base branches.",
    example: "/freeze until monday 08:00 Office closed for the holidays branches: main",
    scope: "anywhere"
  },
  {
    verb: "unfreeze",
    aliases: [],
    syntax: "/unfreeze [reason]",
    summary: "End a manual code freeze early (or close its issue).",
    example: "/unfreeze Release shipped, merges are open again",
    scope: "anywhere"
  },
  {
    verb: "freeze-exception",
    aliases: ["exception"],
    syntax: "/freeze-exception <reason>",
    summary: "Let this pull request merge during a freeze; counts from the on-call engineer or an approver.",
    example: "/freeze-exception Hotfix for the checkout outage in #87",
    scope: "pull-request"
  }
];
var BY_VERB = new Map(COMMANDS.map((spec) => [spec.verb, spec]));
function commandSpec(verb) {
  const spec = BY_VERB.get(verb);
  if (spec === void 0) throw new Error(`no usage entry for /${verb}`);
  return spec;
}
function usageFor(verb) {
  const spec = commandSpec(verb);
  return `Type \`${spec.syntax}\`, for example \`${spec.example}\`.`;
}
function helpText(scope, roles) {
  const rows = COMMANDS.filter(
    (spec) => scope === void 0 || spec.scope === scope || spec.scope === "anywhere"
  );
  const lines = [
    scope === void 0 ? "| Command | What it does | Example | Where |" : "| Command | What it does | Example |",
    scope === void 0 ? "|---|---|---|---|" : "|---|---|---|"
  ];
  for (const spec of rows) {
    const aliases = spec.aliases.length > 0 ? ` (also ${spec.aliases.map((alias) => code(`/${alias}`)).join(", ")})` : "";
    const cells = [code(spec.syntax), cell(spec.summary) + aliases, code(spec.example)];
    if (scope === void 0) cells.push(WHERE[spec.scope]);
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const notes = [
    "",
    "One command per line; a comment may carry several. Text after a command may continue on the lines below it, up to a blank line. Quoted lines and code blocks are never run."
  ];
  if (roles !== void 0 && roles.length > 0 && rows.some((spec) => spec.verb === "role")) {
    notes.push(`Roles for \`/role\`: ${roles.map((role) => code(role)).join(", ")}.`);
  }
  if (rows.some((spec) => spec.verb === "started" || spec.verb === "freeze")) {
    notes.push(
      "Times: `14:30`, `yesterday 23:10`, `monday 08:00`, `45m ago`, `in 3h`, `2026-11-22 14:30`, or ISO with an offset."
    );
  }
  return lines.join("\n") + "\n" + notes.join("\n");
}
var WHERE = {
  incident: "incident issue",
  "pull-request": "pull request",
  anywhere: "anywhere"
};
function cell(text) {
  return text.replace(/\|/g, "\\|");
}
function code(text) {
  return "`" + cell(text) + "`";
}

// src/core/plan/renderReplies.ts
function renderReplies(projection, _config, templates, issue) {
  const replies = [];
  const byComment = /* @__PURE__ */ new Map();
  for (const outcome of projection.outcomes) {
    if (outcome.result !== "refused" && outcome.result !== "help" && outcome.nudge === void 0) continue;
    const list2 = byComment.get(outcome.commentId) ?? [];
    list2.push(outcome);
    byComment.set(outcome.commentId, list2);
  }
  for (const [commentId, outcomes] of byComment) {
    const data = { comment: commentId };
    const parts = [];
    let helped = false;
    for (const outcome of outcomes) {
      const actor = parts.length === 0 ? neutralize(outcome.actor) : WORD_JOINER + neutralize(outcome.actor);
      if (outcome.result === "help") {
        if (helped) continue;
        helped = true;
        parts.push(
          renderTemplate(templates.help, {
            actor,
            table: helpText(issue.isPullRequest ? "pull-request" : "incident")
          })
        );
        continue;
      }
      if (outcome.result === "applied") {
        parts.push(renderTemplate(templates.nudge, { actor, message: outcome.nudge ?? "" }));
        continue;
      }
      parts.push(
        renderTemplate(templates.refusal, {
          actor,
          source: neutralizeInline(outcome.source, 200).replace(/`/g, "'"),
          // Refusal texts are written by the parser and the projection: user text appears in them only
          // inside code spans, already stripped of backticks, so they go out as they are.
          reason: outcome.reason ?? "",
          usage: outcome.usage ?? ""
        })
      );
    }
    replies.push({
      identity: markerIdentity({ kind: "reply", data: { comment: String(commentId) } }),
      body: `${renderMarker("reply", data)}
${parts.map((p) => p.trim()).join("\n\n---\n\n")}`
    });
  }
  for (const gap of projection.incident.gaps) {
    if (gap.kind !== "resolved-without-resolution" && gap.kind !== "mitigated-without-workaround" && gap.kind !== "closed-unresolved")
      continue;
    const data = { kind: gap.kind };
    const actor = gap.kind === "closed-unresolved" ? void 0 : projection.stateSetBy;
    replies.push({
      identity: markerIdentity({ kind: "gap", data }),
      body: `${renderMarker("gap", data)}
${renderTemplate(templates.gap, { actor: actor ? neutralize(actor) : void 0, message: gap.message })}`
    });
  }
  return replies;
}

// src/core/clocks/acknowledgedAt.ts
function acknowledgedAt(incident) {
  if (incident.acknowledgedAt !== void 0) return incident.acknowledgedAt;
  return earliest([
    incident.mitigatedAt,
    incident.resolvedAt,
    incident.postmortemAt,
    incident.cancelledAt,
    incident.closedAt
  ]);
}
function isAcknowledged(incident) {
  return acknowledgedAt(incident) !== void 0 || incident.state !== "declared" || !incident.open;
}

// src/core/clocks/reminderKey.ts
function reminderKey(dueAt) {
  return new Date(dueAt).toISOString();
}

// src/core/clocks/toMentions.ts
function toMentions(handles) {
  const seen = /* @__PURE__ */ new Set();
  const mentions = [];
  for (const handle2 of handles) {
    const plain = handle2?.trim().replace(/^@/, "");
    if (!plain || seen.has(plain.toLowerCase())) continue;
    seen.add(plain.toLowerCase());
    mentions.push(`@${plain}`);
  }
  return mentions;
}

// src/core/clocks/planNotices.ts
var ACK_KEY = "ack";
function planNotices(incident, config, now) {
  if (incidentEnd(incident)) return [];
  const zone = config.business_hours.timezone;
  const notices = [];
  const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
  if (now >= ack.dueAt && !isAcknowledged(incident) && !coveringNotice(incident.notices, "ack-breach", ACK_KEY, ack.dueAt)) {
    const onCall = onCallAt(
      config.oncall,
      zone,
      acknowledgeFrom(incident, config),
      config.business_hours.holidays
    );
    notices.push({
      kind: "ack-breach",
      keys: [ACK_KEY],
      dueAt: ack.dueAt,
      mentions: toMentions([onCall.primary, ...config.acknowledge.notify])
    });
  }
  const owed = escalationPlan(incident, config, now).steps.filter(
    (step) => step.state === "due" && !coveringNotice(incident.notices, "escalation", step.key, step.dueAt)
  );
  if (owed.length > 0) {
    notices.push({
      kind: "escalation",
      keys: owed.map((step) => step.key),
      dueAt: Math.min(...owed.map((step) => step.dueAt)),
      mentions: toMentions(owed.flatMap((step) => resolveHandles(step.notify, incident, config, now))),
      steps: owed
    });
  }
  const update = nextUpdateDue(incident, config);
  if (update && now >= update.dueAt) {
    const key = reminderKey(update.dueAt);
    if (!coveringNotice(incident.notices, "reminder", key, update.dueAt)) {
      const who = incident.comms ?? incident.lead ?? onCallAt(config.oncall, zone, now, config.business_hours.holidays).primary;
      notices.push({ kind: "reminder", keys: [key], dueAt: update.dueAt, mentions: toMentions([who]) });
    }
  }
  return notices;
}

// src/core/plan/renderNotices.ts
function renderNotices(incident, config, now, templates) {
  const zone = config.business_hours.timezone;
  const rendered = [];
  if (!incident.open) return rendered;
  for (const notice of planNotices(incident, config, now)) {
    const data = { type: notice.kind, keys: notice.keys.join(",") };
    const identity = markerIdentity({ kind: "notice", data });
    const mentions = notice.mentions.join(" ") || "Team";
    let body;
    if (notice.kind === "escalation") {
      const steps = notice.steps ?? [];
      const origin = escalationOrigin(incident, config);
      const reported = incident.declaredAt > incident.startedAt ? ` (reported ${formatDuration(now - incident.declaredAt)} ago)` : "";
      body = renderTemplate(templates["notice-escalation"], {
        number: incident.number,
        severity: incident.severity,
        mentions,
        started: formatTime(incident.startedAt, zone),
        reason: steps.length > 1 ? `has run for ${formatDuration(now - incident.startedAt)}${reported}; ${steps.length} escalation steps are due at once` : `has run for ${formatDuration(now - incident.startedAt)}${reported}${incident.workaround ? "" : " without a workaround"}`,
        steps: steps.map((s) => ({
          due: `after ${formatDuration(s.dueAt - origin)} ${originWords(config)} (${formatTime(s.dueAt, zone)})`,
          // A step without a note says whom it calls, as people (placeholders like {oncall} resolved).
          note: neutralizeInline(
            s.note ?? `calls ${resolveHandles(s.notify, incident, config, s.dueAt).map((h) => h.replace(/^@/, "")).join(", ")}`,
            300
          )
        })),
        state: STATE_TITLES[incident.state],
        lead: displayName(incident.lead) ?? "nobody yet"
      });
    } else if (notice.kind === "ack-breach") {
      const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
      body = renderTemplate(templates["notice-ack-breach"], {
        number: incident.number,
        mentions,
        declared: formatTime(incident.declaredAt, zone),
        due: formatTime(ack.dueAt, zone),
        window: `${formatDuration(ack.allowanceMs)} ${ack.businessHours ? "inside" : "outside"} business hours`
      });
    } else {
      const last = incident.updates.at(-1);
      body = renderTemplate(templates["notice-reminder"], {
        number: incident.number,
        mentions,
        due: formatTime(notice.dueAt, zone),
        promised: last?.nextDueAt !== void 0 && last.nextDueAt === notice.dueAt
      });
    }
    rendered.push({
      identity,
      body: `${renderMarker("notice", data)}
${body}`,
      notice: { kind: notice.kind, keys: notice.keys }
    });
  }
  return rendered;
}

// src/core/plan/botComments.ts
function botCommentsFrom(events, trustedBots) {
  return botCommentsAmong(
    events.flatMap((event) => event.type === "commented" ? [event.comment] : []),
    trustedBots
  );
}
function botCommentsAmong(comments, trustedBots) {
  const found = [];
  for (const comment of comments) {
    if (!trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (!marker) continue;
    found.push({
      id: comment.id,
      identity: markerIdentity(marker),
      marker,
      body: comment.body,
      at: comment.createdAt,
      updatedAt: comment.updatedAt
    });
  }
  return found;
}
function latestByIdentity(comments) {
  const kept = /* @__PURE__ */ new Map();
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    if (!kept.has(comment.identity)) kept.set(comment.identity, comment);
  }
  return kept;
}
function duplicateBotComments(comments) {
  const kept = latestByIdentity(comments);
  return comments.filter((c) => kept.get(c.identity)?.id !== c.id).map((c) => c.id);
}

// src/core/config/formatProblems.ts
function formatProblems(path, problems) {
  const rows = problems.map(
    (p) => `| \`${neutralizeInline(p.key, 120)}\`${where(p)} | \`${neutralizeInline(p.value, 80).replace(/`/g, "'")}\` | ${neutralizeInline(p.message, 400)} |`
  );
  return [
    `Expedite cannot use \`${path}\` and has paused on this repository until it is fixed. Nothing is lost: once the file is valid, the next event or scheduled check catches up on everything.`,
    "",
    "| Setting | Found | What to do |",
    "|---|---|---|",
    ...rows,
    "",
    "Fix the file on the default branch (or the repository it `_extends`)."
  ].join("\n");
}
function formatRefusal(refused) {
  const rows = refused.problems.map(
    (p) => `| \`${neutralizeInline(p.key, 120)}\`${where(p)} | \`${neutralizeInline(p.value, 80).replace(/`/g, "'")}\` | ${neutralizeInline(p.message, 400)} |`
  );
  const version = `\`${refused.sha.slice(0, 7)}\`${refused.at ? ` (${refused.at.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC")})` : ""}`;
  return [
    `> [!CAUTION]`,
    `> **Expedite refused the new \`${neutralizeInline(refused.path, 120)}\`** and is working from its last valid version, from commit ${version}. Labels, clocks, pages and freezes carry on under those settings; changes made since then do not apply until the file is fixed.`,
    "",
    "| Setting | Found | What to do |",
    "|---|---|---|",
    ...rows,
    "",
    "Fix the file on the default branch; this notice goes away on the next reconcile after that."
  ].join("\n");
}
function where(problem3) {
  if (problem3.line === void 0) return "";
  return problem3.column === void 0 ? ` (line ${problem3.line})` : ` (line ${problem3.line}, column ${problem3.column})`;
}
function formatTemplateProblems(problems) {
  return [
    "Expedite is using its bundled templates instead until these are fixed:",
    "",
    ...problems.map(
      (p) => `- \`${neutralizeInline(p.value, 200).replace(/`/g, "'")}\`: ${neutralizeInline(p.message, 400)}`
    )
  ].join("\n");
}

// src/core/postmortem/needsPostmortem.ts
function needsPostmortem(incident, config) {
  if (incident.state === "cancelled" || incident.cancelledAt !== void 0) return false;
  return config.severity.postmortem.includes(incident.severity);
}
function postmortemDue(incident, config) {
  return (incident.state === "resolved" || incident.state === "postmortem") && needsPostmortem(incident, config);
}

// src/core/plan/renderSummary.ts
function renderSummary(template, incident, config) {
  const zone = config.business_hours.timezone;
  const end = incident.resolvedAt ?? incident.declaredAt;
  return renderTemplate(template, {
    number: incident.number,
    severity: incident.severity,
    what: neutralizeBlock(incident.form.summary ?? incident.title, 1500),
    impact: neutralizeInline(incident.form.businessImpact ?? "", 800) || "_not recorded_",
    applications: neutralizeInline(incident.form.applications ?? "", 500) || "_not recorded_",
    start: formatTime(incident.startedAt, zone),
    end: formatTime(end, zone),
    duration: formatDuration(end - incident.startedAt),
    workaround: incident.workaround ? neutralizeInline(incident.workaround.text, 800) : void 0,
    resolution: neutralizeBlock(incident.resolution?.text ?? "", 2e3),
    next: [...incident.notes, ...incident.deviations].map((n) => ({ text: neutralizeInline(n.text, 300) })),
    hasNext: incident.notes.length + incident.deviations.length > 0,
    postmortem: needsPostmortem(incident, config)
  });
}

// src/core/clocks/stepWords.ts
function stepWords(key, config) {
  const match = /^(.*):(\d+)$/.exec(key);
  const name = match?.[1] ?? key;
  const index = Number(match?.[2] ?? 0);
  const ladder = config.escalation.ladders.find((l) => l.name === name);
  const step = ladder?.steps[index];
  if (ladder === void 0 || step === void 0)
    return `step ${index + 1} on the ${name} ladder (no longer configured)`;
  return `step ${index + 1} of ${ladder.steps.length} on the ${name} ladder, ${formatDuration(durationMs(step.after))} ${originWords(config)}`;
}

// src/core/clocks/escalatedText.ts
function escalatedText(keys, incident, config) {
  const people = /* @__PURE__ */ new Set();
  for (const key of keys) {
    const match = /^(.*):(\d+)$/.exec(key);
    const step = config.escalation.ladders.find((l) => l.name === match?.[1])?.steps[Number(match?.[2])];
    if (step === void 0) continue;
    const dueAt = escalationOrigin(incident, config) + durationMs(step.after);
    for (const handle2 of resolveHandles(step.notify, incident, config, dueAt))
      people.add(handle2.replace(/^@/, ""));
  }
  const to = people.size > 0 ? ` to ${[...people].join(", ")}` : "";
  return `escalated${to} (${keys.map((key) => stepWords(key, config)).join("; ")})`;
}

// src/core/projection/recordNotice.ts
function noticeRecord(incident, config, kind, keys, at, commentId) {
  const text = kind === "escalation" ? escalatedText(keys, incident, config) : kind === "ack-breach" ? "acknowledgement deadline passed without an acknowledgement" : "reminded the communicator that a status update is due";
  return {
    notice: { kind, keys, at, commentId },
    entry: { at, kind: kind === "ack-breach" ? "breach" : kind, text }
  };
}
function recordNotice(draft, config, kind, keys, at, commentId) {
  const { notice, entry } = noticeRecord(draft, config, kind, keys, at, commentId);
  draft.notices.push(notice);
  draft.timeline.push(entry);
}

// src/core/plan/planIncident.ts
function planIncident(input) {
  const { issue, projection, config, now, botComments, templates } = input;
  const { incident } = projection;
  const names = labelNames(config);
  const current = new Set(issue.labels.map((l) => l.toLowerCase()));
  const wanted = [names.states[incident.state], names.severity(incident.severity)];
  if (incident.revenue) wanted.push(names.revenue);
  const held = config.labels.freeze_held;
  if (incident.freezeHeld === true) wanted.push(held);
  const add = wanted.filter((l) => !current.has(l.toLowerCase()));
  const remove = issue.labels.filter((label) => {
    const lower2 = label.toLowerCase();
    if (wanted.some((w) => w.toLowerCase() === lower2)) return false;
    if (names.stateOf(label) !== void 0 || names.severityOf(label) !== void 0) return true;
    if (lower2 === held.toLowerCase()) return true;
    return lower2 === names.revenue.toLowerCase() && !incident.revenue;
  });
  const waiting = projection.leadFromRoster && now < (waitsForOffice(incident, config) ?? now);
  const assign = incident.lead !== void 0 && !waiting && !issue.assignees.some((a) => a.toLowerCase() === incident.lead?.toLowerCase()) ? [incident.lead] : [];
  const lower = (login) => login?.toLowerCase();
  const replaced = new Set((incident.replacedLeads ?? []).map(lower));
  const unassign = issue.assignees.filter((a) => replaced.has(lower(a)) && lower(a) !== lower(incident.lead));
  const existing = latestByIdentity(botComments);
  const previous = readLedger(existing.get("board"));
  const ledger = projection.ledger;
  const react = [
    ...new Set(
      projection.outcomes.filter((o) => {
        if (o.result !== "applied") return false;
        const before = previous.comments.get(o.commentId);
        return before === void 0 || before.updatedAt !== ledger.comments.get(o.commentId)?.updatedAt;
      }).map((o) => o.commentId)
    )
  ];
  const comments = [];
  const upsert = (identity, body) => {
    const found = existing.get(identity);
    if (found === void 0) comments.push({ identity, body });
    else if (found.body !== body) comments.push({ identity, body, id: found.id });
  };
  const createOnce = (identity, body) => {
    if (!existing.has(identity)) comments.push({ identity, body });
  };
  const replies = renderReplies(projection, config, templates, issue);
  const answered = /* @__PURE__ */ new Set();
  for (const reply of replies) {
    answered.add(reply.identity);
    if (reply.identity.startsWith("reply:") && !existing.has(reply.identity)) {
      if (answeredBefore(botComments, reply, projection)) continue;
    }
    if (reply.identity.startsWith("reply:")) upsert(reply.identity, reply.body);
    else createOnce(reply.identity, reply.body);
  }
  if (incident.unreadStart) {
    const declarer = incident.declaredBy ?? issue.author;
    upsert(
      "form-start",
      `${renderMarker("form-start")}
${renderTemplate(templates.nudge, {
        actor: declarer ? neutralize(declarer) : void 0,
        message: `I could not use the form's answer to \u201CWhen did it start?\u201D, \u201C${neutralizeInline(incident.unreadStart.text, 100)}\u201D: ${neutralizeInline(incident.unreadStart.reason, 300)} Until someone says when it began, the start is the declaration time, and the board says so. Type \`/started <time>\`, for example \`/started 12:30\` or \`/started 2h ago\`.`
      })}`
    );
  }
  const staleReplies = [...existing.values()].filter(
    (c) => c.marker.kind === "reply" && c.marker.data.line === void 0 && !answered.has(c.identity)
  );
  let after = incident;
  for (const notice2 of renderNotices(incident, config, now, templates)) {
    if (existing.has(notice2.identity)) continue;
    createOnce(notice2.identity, notice2.body);
    if (notice2.notice) after = withNotice(after, config, notice2.notice.kind, notice2.notice.keys, now);
  }
  if (projection.leadFromRoster && !waiting && after.lead !== void 0 && after.open) {
    const data = { type: "oncall" };
    const onCall = onCallAt(
      config.oncall,
      config.business_hours.timezone,
      acknowledgeFrom(after, config),
      config.business_hours.holidays
    );
    const body = renderTemplate(templates["notice-oncall"], {
      mention: mention(after.lead),
      period: onCall.period
    });
    createOnce(markerIdentity({ kind: "notice", data }), `${renderMarker("notice", data)}
${body}`);
  }
  const notice = stakeholderClock(after, config);
  if (notice && after.open && now >= notice.dueAt && notice.sentAt === void 0 && !notice.requested) {
    const data = { type: "stakeholder" };
    const who = after.comms ?? after.lead ?? onCallAt(config.oncall, config.business_hours.timezone, now).primary;
    const targets = announceChannels(after, config);
    const body = renderTemplate(templates["notice-stakeholder"], {
      mentions: who ? mention(who) : "Team,",
      severity: after.severity,
      due: formatTime(notice.dueAt, config.business_hours.timezone),
      channels: targets.map((c) => `\`${c}\``).join(", ")
    });
    createOnce(markerIdentity({ kind: "notice", data }), `${renderMarker("notice", data)}
${body}`);
  }
  const endedAt = after.state === "cancelled" ? after.cancelledAt : after.postmortem?.state === "merged" ? after.postmortem.mergedAt : after.state === "resolved" && !needsPostmortem(after, config) && after.resolution !== void 0 ? after.resolvedAt : void 0;
  let close;
  if (issue.state === "open" && endedAt !== void 0 && (projection.reopenedAt === void 0 || projection.reopenedAt < endedAt)) {
    close = after.state === "cancelled" ? "not_planned" : "completed";
    after = { ...after, open: false, closedAt: now };
  }
  if ((after.state === "resolved" || after.state === "postmortem") && after.resolution !== void 0) {
    createOnce("summary", renderMarker("summary") + "\n" + renderSummary(templates.summary, after, config));
  }
  if (after.postmortem?.state === "merged") {
    const [subject = "", ...rest] = renderTemplate(
      templates["postmortem-shared"],
      postmortemSharedView(after)
    ).trim().split("\n");
    upsert(
      "postmortem-shared",
      `${renderMarker("postmortem-shared")}
### \u{1F4D8} ${subject}

${rest.join("\n").trim()}
`
    );
  }
  const templateProblems = input.templateProblems ?? [];
  if (templateProblems.length > 0) {
    upsert(
      "template-problems",
      `${renderMarker("template-problems")}
### \u26A0\uFE0F Some of this repository's Expedite templates cannot be used

${formatTemplateProblems(templateProblems)}`
    );
  }
  if (input.refused)
    upsert("config-refused", `${renderMarker("config-refused")}
${formatRefusal(input.refused)}`);
  upsert("board", renderBoard(templates.board, after, config, now, ledger));
  upsert("checklist", renderChecklist(templates.checklist, after, config, existing.get("checklist")?.body));
  return {
    incident: after,
    labels: { add, remove },
    assign,
    unassign,
    react,
    comments,
    deleteComments: [
      ...duplicateBotComments(botComments),
      ...staleReplies.map((c) => c.id),
      ...botComments.filter(
        (c) => c.marker.kind === "config-error" || c.marker.kind === "template-problems" && templateProblems.length === 0 || c.marker.kind === "config-refused" && input.refused === void 0 || c.marker.kind === "form-start" && after.unreadStart === void 0
      ).map((c) => c.id)
    ],
    ...close ? { close } : {}
  };
}
function answeredBefore(botComments, reply, projection) {
  const commentId = Number(reply.identity.split(":")[1]);
  const comment = projection.ledger.comments.get(commentId);
  return botComments.some(
    (c) => c.marker.kind === "reply" && c.marker.data.line !== void 0 && Number(c.marker.data.comment) === commentId && (comment === void 0 || comment.updatedAt <= c.at)
  );
}
function withNotice(incident, config, kind, keys, at) {
  const { notice, entry } = noticeRecord(incident, config, kind, keys, at, 0);
  return { ...incident, notices: [...incident.notices, notice], timeline: [...incident.timeline, entry] };
}

// src/github/readIssue.ts
async function readIssue(gh, number) {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number
  });
  return toIssueSnapshot(data);
}
function toIssueSnapshot(data) {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? "",
    url: data.html_url,
    state: data.state === "closed" ? "closed" : "open",
    author: data.user?.login ?? "ghost",
    createdAt: Date.parse(data.created_at),
    ...data.closed_at ? { closedAt: Date.parse(data.closed_at) } : {},
    labels: data.labels.map((l) => typeof l === "string" ? l : l.name ?? "").filter((l) => l !== ""),
    assignees: (data.assignees ?? []).map((a) => a.login),
    isPullRequest: data.pull_request !== void 0 && data.pull_request !== null
  };
}

// src/github/readTimeline.ts
async function readTimeline(gh, number) {
  const items2 = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/timeline", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100
  });
  const events = [];
  items2.forEach((item, seq) => {
    const event = toTimelineEvent(item, seq);
    if (event) events.push(event);
  });
  return events;
}
function toTimelineEvent(item, seq) {
  const at = Date.parse(item.created_at ?? "");
  const actor = item.actor?.login ?? item.user?.login ?? "ghost";
  if (Number.isNaN(at)) return void 0;
  switch (item.event) {
    case "labeled":
    case "unlabeled":
      return item.label ? { type: item.event, at, seq, actor, label: item.label.name } : void 0;
    case "assigned":
    case "unassigned":
      return item.assignee ? { type: item.event, at, seq, actor, assignee: item.assignee.login } : void 0;
    case "closed":
    case "reopened":
      return { type: item.event, at, seq, actor };
    case "renamed":
      return item.rename ? { type: "renamed", at, seq, actor, from: item.rename.from, to: item.rename.to } : void 0;
    case "commented":
      if (item.id === void 0) return void 0;
      return {
        type: "commented",
        at,
        seq,
        actor: item.user?.login ?? actor,
        comment: {
          id: item.id,
          author: item.user?.login ?? actor,
          body: item.body ?? "",
          createdAt: at,
          updatedAt: Date.parse(item.updated_at ?? item.created_at ?? ""),
          url: item.html_url ?? "",
          plusOnes: typeof item.reactions?.["+1"] === "number" ? item.reactions["+1"] : 0
        }
      };
    case "cross-referenced": {
      const source = item.source?.issue;
      if (!source) return void 0;
      const mergedAt = source.pull_request?.merged_at ? Date.parse(source.pull_request.merged_at) : void 0;
      return {
        type: "cross-referenced",
        at,
        seq,
        actor,
        source: {
          number: source.number,
          title: source.title,
          url: source.html_url,
          isPullRequest: source.pull_request !== void 0 && source.pull_request !== null,
          state: source.state === "closed" ? "closed" : "open",
          merged: mergedAt !== void 0,
          ...mergedAt !== void 0 ? { mergedAt } : {},
          body: source.body ?? ""
        }
      };
    }
    default:
      return void 0;
  }
}

// src/github/writeLabels.ts
async function writeLabels(gh, number, add, remove) {
  if (add.length > 0) {
    await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      owner: gh.owner,
      repo: gh.repo,
      issue_number: number,
      labels: add
    });
  }
  for (const name of remove) {
    try {
      await gh.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", {
        owner: gh.owner,
        repo: gh.repo,
        issue_number: number,
        name
      });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}

// src/github/ensureRepoLabels.ts
function labelSpecs(config) {
  const l = config.labels;
  return [
    {
      name: l.incident,
      color: "b60205",
      description: "An incident: Expedite keeps its board, clocks and checklist"
    },
    { name: l.declared, color: "d93f0b", description: "Incident declared, nobody has acknowledged it yet" },
    { name: l.acknowledged, color: "fbca04", description: "Someone is on it" },
    { name: l.mitigated, color: "c2e0c6", description: "A workaround is in place" },
    { name: l.resolved, color: "0e8a16", description: "Resolved; the resolution is journaled" },
    {
      name: l.postmortem_state,
      color: "5319e7",
      description: "Resolved; post-mortem pull request in review"
    },
    { name: l.cancelled, color: "cccccc", description: "False alarm, closed without a post-mortem" },
    ...[1, 2, 3, 4].map((n) => ({
      name: `${l.severity_prefix}${n}`,
      color: ["b60205", "d93f0b", "fbca04", "fef2c0"][n - 1] ?? "ededed",
      description: `Severity ${n} (1 is worst)`
    })),
    { name: l.revenue, color: "e99695", description: "Revenue is affected" },
    { name: l.postmortem, color: "5319e7", description: "An incident post-mortem" },
    { name: l.followup, color: "1d76db", description: "Follow-up work from an incident post-mortem" },
    { name: l.freeze, color: "0052cc", description: "A code freeze: merges wait until this issue is closed" },
    {
      name: l.freeze_held,
      color: "b60205",
      description: "Its freeze was lifted by someone without the role to lift it, so it still holds"
    },
    {
      name: l.deploy_hold,
      color: "0052cc",
      description: "Deployments of one commit held by a code freeze; exceptions are granted here"
    },
    { name: l.alert, color: "d93f0b", description: "An incident declared from an alert" },
    { name: l.releases, color: "0e8a16", description: "Where upcoming and published releases are announced" },
    {
      name: l.incident_fix,
      color: "0e8a16",
      description: "Fixes an incident: passes that incident's code freeze"
    }
  ];
}
var IMPLICIT_COLOR = "ededed";
async function ensureRepoLabels(gh, config, names, { force = false } = {}) {
  if (gh.ensureLabels === false && !force) return;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const specs = labelSpecs(config).filter((spec) => wanted.has(spec.name.toLowerCase()));
  if (specs.length === 0) return;
  const key = `${gh.owner}/${gh.repo}`.toLowerCase();
  const known = gh.caches.labels;
  let ready = known.get(key);
  if (!ready) {
    ready = fresh(gh).catch((error) => {
      known.delete(key);
      throw error;
    });
    known.set(key, ready);
  }
  const have = await ready;
  const missing = specs.filter((spec) => !have.has(spec.name.toLowerCase()));
  for (const spec of missing) {
    await create(gh, spec);
    have.add(spec.name.toLowerCase());
  }
}
async function fresh(gh) {
  const existing = await gh.octokit.paginate("GET /repos/{owner}/{repo}/labels", {
    owner: gh.owner,
    repo: gh.repo,
    per_page: 100
  });
  return new Set(
    existing.filter((l) => !(l.color.toLowerCase() === IMPLICIT_COLOR && !l.description)).map((l) => l.name.toLowerCase())
  );
}
async function create(gh, spec) {
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/labels", {
      owner: gh.owner,
      repo: gh.repo,
      ...spec
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    await gh.octokit.request("PATCH /repos/{owner}/{repo}/labels/{name}", {
      owner: gh.owner,
      repo: gh.repo,
      name: spec.name,
      color: spec.color,
      description: spec.description
    });
  }
}
function incidentLabelNames(config) {
  const l = config.labels;
  return [
    l.incident,
    l.declared,
    l.acknowledged,
    l.mitigated,
    l.resolved,
    l.postmortem_state,
    l.cancelled,
    ...[1, 2, 3, 4].map((n) => `${l.severity_prefix}${n}`),
    l.revenue,
    l.freeze_held
  ];
}

// src/github/listComments.ts
async function listComments(gh, number) {
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100
  });
  return comments.map((c) => ({
    id: c.id,
    author: c.user?.login ?? "ghost",
    body: c.body ?? "",
    createdAt: Date.parse(c.created_at),
    updatedAt: Date.parse(c.updated_at),
    url: c.html_url
  }));
}

// src/github/findMarkedComment.ts
async function findMarkedComment(gh, number, identity) {
  for (const comment of await listComments(gh, number)) {
    if (!gh.trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker && markerIdentity(marker) === identity) return { id: comment.id, body: comment.body };
  }
  return void 0;
}

// src/github/writeComments.ts
async function createCommentOnce(gh, number, identity, body) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) {
      const landed = await findMarkedComment(gh, number, identity);
      if (landed !== void 0) return landed.id;
    }
    try {
      return await postComment(gh, number, body);
    } catch (error) {
      lastError = error;
      const status = statusOf(error);
      if (status !== void 0 && status < 500) throw error;
    }
  }
  throw lastError;
}
async function postComment(gh, number, body) {
  const { data } = await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    body,
    request: { retries: 0 }
  });
  return Number(data.id);
}
async function updateComment(gh, id, body) {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
    owner: gh.owner,
    repo: gh.repo,
    comment_id: id,
    body
  });
}
async function deleteComment(gh, id) {
  try {
    await gh.octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", {
      owner: gh.owner,
      repo: gh.repo,
      comment_id: id
    });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

// src/github/ensureReaction.ts
async function ensureReaction(gh, commentId, plusOnes) {
  if (plusOnes > 0) {
    const reactions = await gh.octokit.paginate(
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      {
        owner: gh.owner,
        repo: gh.repo,
        comment_id: commentId,
        content: "+1",
        per_page: 100
      }
    );
    if (reactions.some((r) => gh.trustedBots.has((r.user?.login ?? "").toLowerCase()))) return false;
  }
  await gh.octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
    owner: gh.owner,
    repo: gh.repo,
    comment_id: commentId,
    content: "+1"
  });
  return true;
}

// src/github/issues.ts
async function listIssues(gh, query) {
  return gh.octokit.paginate("GET /repos/{owner}/{repo}/issues", {
    owner: gh.owner,
    repo: gh.repo,
    labels: query.labels,
    state: query.state,
    ...query.since !== void 0 ? { since: new Date(query.since).toISOString() } : {},
    per_page: 100
  });
}
async function markedIssues(gh, label, state = "all") {
  const issues = await listIssues(gh, { labels: label, state });
  const found = [];
  for (const issue of issues) {
    if (issue.pull_request || !gh.trustedBots.has((issue.user?.login ?? "").toLowerCase())) continue;
    const marker = parseMarker(issue.body ?? "");
    if (!marker) continue;
    found.push({
      number: issue.number,
      url: issue.html_url,
      title: issue.title,
      state: issue.state === "closed" ? "closed" : "open",
      identity: markerIdentity(marker),
      body: issue.body ?? "",
      createdAt: Date.parse(issue.created_at),
      ...issue.closed_at ? { closedAt: Date.parse(issue.closed_at) } : {}
    });
  }
  return found;
}
async function createIssueOnce(gh, input) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) {
      const landed = await input.find();
      if (landed) return landed;
    }
    try {
      const { data } = await gh.octokit.request("POST /repos/{owner}/{repo}/issues", {
        owner: gh.owner,
        repo: gh.repo,
        title: input.title,
        body: input.body,
        labels: input.labels,
        request: { retries: 0 }
      });
      return { number: data.number, url: data.html_url };
    } catch (error) {
      lastError = error;
      const status = statusOf(error);
      if (status !== void 0 && status < 500) throw error;
    }
  }
  throw lastError;
}
function byMarker(gh, label, identity) {
  return async () => (await markedIssues(gh, label)).find((i) => i.identity === identity);
}
async function closeIssue(gh, number, reason, change = {}) {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    state: "closed",
    state_reason: reason,
    ...change.body !== void 0 ? { body: change.body } : {}
  });
}
async function reopenIssue(gh, number) {
  await gh.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    state: "open"
  });
}
async function addAssignees(gh, number, assignees) {
  await gh.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    assignees
  });
}
async function removeAssignees(gh, number, assignees) {
  await gh.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    assignees
  });
}

// src/core/projection/currentIssue.ts
function currentIssue(hint, events) {
  const labels = /* @__PURE__ */ new Map();
  const assignees = /* @__PURE__ */ new Map();
  let state = hint.state;
  let closedAt = hint.closedAt;
  for (const event of [...events].sort((a, b) => a.at - b.at || a.seq - b.seq)) {
    switch (event.type) {
      case "labeled":
        labels.set(event.label.toLowerCase(), event.label);
        break;
      case "unlabeled":
        labels.delete(event.label.toLowerCase());
        break;
      case "assigned":
        assignees.set(event.assignee.toLowerCase(), event.assignee);
        break;
      case "unassigned":
        assignees.delete(event.assignee.toLowerCase());
        break;
      case "closed":
        state = "closed";
        closedAt = event.at;
        break;
      case "reopened":
        state = "open";
        closedAt = void 0;
        break;
      default:
        break;
    }
  }
  const { closedAt: _previous, ...rest } = hint;
  return {
    ...rest,
    labels: [...labels.values()],
    assignees: [...assignees.values()],
    state,
    ...state === "closed" && closedAt !== void 0 ? { closedAt } : {}
  };
}

// src/core/projection/isIncident.ts
function isIncident(issue, config) {
  const label = config.labels.incident.toLowerCase();
  return !issue.isPullRequest && issue.labels.some((l) => l.toLowerCase() === label);
}

// src/core/freeze/matches.ts
import picomatch from "picomatch";
var OPTIONS = { dot: true };
function branchName(ref) {
  return ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : ref;
}
function matchesAny(value, globs) {
  return globs.length > 0 && picomatch([...globs], OPTIONS)(value);
}
function freezeCoversBranch(base, globs, defaultBranch) {
  const name = branchName(base);
  if (globs.length === 0) return name === branchName(defaultBranch);
  return matchesAny(name, globs);
}
function onlyIgnoredPaths(files, ignorePaths) {
  if (files === void 0 || files.length === 0 || ignorePaths.length === 0) return false;
  const ignored = picomatch([...ignorePaths], OPTIONS);
  return files.every((file) => ignored(file));
}

// src/core/freeze/activeFreezes.ts
var SETTLED_STATES = /* @__PURE__ */ new Set(["resolved", "postmortem", "cancelled"]);
function activeFreezes(input) {
  const { now, config, defaultBranch, base } = input;
  const found = [];
  const configured = freezeCoversBranch(base, config.freeze.branches, defaultBranch);
  if (configured) {
    for (const scheduled of scheduledFreezes(config, now, now)) {
      if (scheduled.start <= now && now < scheduled.end) {
        found.push({
          kind: scheduled.kind,
          name: scheduled.name,
          startedAt: scheduled.start,
          endsAt: scheduled.end,
          ...scheduled.leadDays !== void 0 && scheduled.leadDays < PLAYBOOK_LEAD_DAYS ? { reason: shortLeadWarning(scheduled.leadDays) } : {}
        });
      }
    }
    for (const incident of input.incidents) {
      if (!freezesMerges(incident, config)) continue;
      found.push({
        kind: "incident",
        name: `Incident #${incident.number} (${severityName(incident.severity)})`,
        startedAt: incident.declaredAt,
        link: incident.url,
        incident: incident.number,
        reason: incident.title
      });
    }
  }
  for (const issue of input.freezeIssues) {
    if (issue.closedAt !== void 0 || issue.until !== void 0 && now >= issue.until) continue;
    const globs = issue.branches.length > 0 ? issue.branches : config.freeze.branches;
    if (!freezeCoversBranch(base, globs, defaultBranch)) continue;
    found.push({
      kind: "manual",
      name: issue.heldFor !== void 0 ? `Freeze held by #${issue.number}` : `Manual freeze #${issue.number}`,
      startedAt: issue.openedAt,
      ...issue.until !== void 0 && { endsAt: issue.until },
      link: issue.url,
      issue: issue.number,
      reason: issue.reason
    });
  }
  return found.sort(byEnd);
}
function freezesMerges(incident, config) {
  if (incident.freezeHeld === true) return true;
  return (
    // The state label is the truth: a responder moving an incident back from resolved revives its freeze.
    incident.open && !SETTLED_STATES.has(incident.state) && config.freeze.incident_severities.includes(incident.severity)
  );
}
function byEnd(a, b) {
  const endA = a.endsAt ?? Infinity;
  const endB = b.endsAt ?? Infinity;
  if (endA !== endB) return endA < endB ? -1 : 1;
  if (a.startedAt !== b.startedAt) return a.startedAt - b.startedAt;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
function shortLeadWarning(days) {
  const when = days === 0 ? "only when the office closes" : `only ${days} day${days === 1 ? "" : "s"} before the office closes`;
  return `\u26A0\uFE0F starts ${when}, later than the playbook's ${PLAYBOOK_LEAD_DAYS} days (short_lead_ok)`;
}

// src/core/freeze/freezeReading.ts
function freezeReading(labels, config) {
  const names = labelNames(config);
  const severities = labels.map((l) => names.severityOf(l)).filter((s) => s !== void 0);
  const states = labels.map((l) => names.stateOf(l)).filter((s) => s !== void 0);
  const severity2 = severities.length > 0 ? Math.min(...severities) : void 0;
  const state = states.find((s) => !SETTLED_STATES.has(s)) ?? states[0];
  return { ...state ? { state } : {}, ...severity2 ? { severity: severity2 } : {} };
}

// src/core/freeze/isFreezing.ts
function isFreezing(incident, config) {
  if (!("labels" in incident)) return freezesMerges(incident, config);
  const has = (name) => incident.labels.some((l) => l.toLowerCase() === name.toLowerCase());
  if (has(config.labels.freeze_held)) return true;
  if (!has(config.labels.incident)) return false;
  const { state, severity: severity2 } = freezeReading(incident.labels, config);
  return severity2 !== void 0 && freezesMerges({ open: incident.state === "open", state: state ?? "declared", severity: severity2 }, config);
}

// src/core/clocks/nextDeadline.ts
function nextDeadline(incident, config, now) {
  if (incidentEnd(incident)) return void 0;
  const ahead = [];
  if (!isAcknowledged(incident))
    ahead.push(acknowledgeDeadline(acknowledgeFrom(incident, config), config).dueAt);
  const opens = waitsForOffice(incident, config);
  if (opens !== void 0) ahead.push(opens);
  for (const step of escalationPlan(incident, config, now).steps)
    if (step.state === "pending") ahead.push(step.dueAt);
  const update = nextUpdateDue(incident, config);
  if (update) ahead.push(update.dueAt);
  const future = ahead.filter((at) => at > now);
  return future.length > 0 ? Math.min(...future) : void 0;
}

// src/reconcile/deliverMessages.ts
import { randomUUID } from "node:crypto";

// src/github/deliveryClaims.ts
async function postClaim(gh, number, body) {
  try {
    return await postComment(gh, number, body);
  } catch (error) {
    gh.log.warn({ err: error, issue: number }, "claim for an outside message may not have been posted");
    return void 0;
  }
}
async function listClaims(gh, number) {
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100
  });
  const claims = /* @__PURE__ */ new Map();
  for (const comment of comments) {
    if (!gh.trustedBots.has((comment.user?.login ?? "").toLowerCase())) continue;
    const body = comment.body ?? "";
    const marker = parseMarker(body);
    if (marker?.kind !== DELIVERY_KIND) continue;
    const record = parseDelivery({
      id: comment.id,
      identity: "",
      marker,
      body,
      at: 0,
      updatedAt: 0
    });
    const message = marker.data.message ?? "";
    const attempt = Number(marker.data.attempt ?? 0);
    const list2 = claims.get(message) ?? [];
    list2.push({ id: comment.id, attempt, ...record ? { nonce: record.nonce } : {} });
    claims.set(message, list2);
  }
  return claims;
}

// src/channels/sendToChannel.ts
import { IncomingWebhook, IncomingWebhookHTTPError, IncomingWebhookRequestError } from "@slack/webhook";
import nodemailer from "nodemailer";

// src/channels/formats.ts
import { createHmac } from "node:crypto";
import { micromark } from "micromark";
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table";
var clip = (text, max) => text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
function slackEscape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function slackMessage(content) {
  const fields = content.facts.slice(0, 10).map((fact) => ({
    type: "mrkdwn",
    text: clip(`*${slackEscape(fact.label)}*
${slackEscape(fact.value)}`, 2e3)
  }));
  const blocks = [
    { type: "header", text: { type: "plain_text", text: clip(content.title, 150), emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: clip(slackEscape(content.summary) || " ", 3e3) } }
  ];
  if (fields.length > 0) blocks.push({ type: "section", fields });
  blocks.push({
    type: "context",
    elements: content.links.slice(0, 10).map((link) => ({
      type: "mrkdwn",
      text: clip(`<${link.url}|${slackEscape(link.label)}>`, 3e3)
    }))
  });
  return { text: clip(slackEscape(content.title), 3e3), blocks };
}
function teamsMessage(content) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body: [
            {
              type: "TextBlock",
              text: clip(content.title, 400),
              weight: "Bolder",
              size: "Medium",
              wrap: true
            },
            { type: "TextBlock", text: clip(content.summary, 4e3), wrap: true },
            {
              type: "FactSet",
              facts: content.facts.map((fact) => ({
                title: clip(fact.label, 100),
                value: clip(fact.value, 2e3)
              }))
            }
          ],
          actions: content.links.map((link) => ({
            type: "Action.OpenUrl",
            title: link.label,
            url: link.url
          }))
        }
      }
    ]
  };
}
var PAGERDUTY_SEVERITY = { 1: "critical", 2: "error", 3: "warning", 4: "info" };
function pagerdutyEvent(content, routingKey) {
  const source = `${content.source.repository}#${content.source.number}`;
  const pd = content.pagerduty ?? { action: "trigger", dedupKey: `expedite/${source}` };
  const base = { routing_key: routingKey, event_action: pd.action, dedup_key: pd.dedupKey };
  if (pd.action !== "trigger") return base;
  return {
    ...base,
    payload: {
      summary: clip(content.title, 1024),
      source,
      severity: PAGERDUTY_SEVERITY[content.incident?.severity ?? 4],
      component: content.source.repository,
      group: "expedite",
      class: content.event,
      custom_details: Object.fromEntries([
        ["summary", content.summary],
        ...content.facts.map((f) => [f.label, f.value])
      ])
    },
    client: "Expedite",
    ...content.incident ? { client_url: content.incident.url } : {},
    links: content.links.map((l) => ({ href: l.url, text: l.label }))
  };
}
var WEBHOOK_SCHEMA_VERSION = "1";
function webhookDocument(content, message, sentAt) {
  return {
    schema_version: WEBHOOK_SCHEMA_VERSION,
    event: content.event,
    message,
    sent_at: new Date(sentAt).toISOString(),
    // What the message is about: an incident, a freeze, an exception or a release (docs/channels.md).
    ...content.incident ? { incident: content.incident } : {},
    ...content.freeze ? { freeze: content.freeze } : {},
    ...content.exception ? { exception: content.exception } : {},
    ...content.release ? { release: content.release } : {},
    title: content.title,
    summary: content.summary,
    facts: content.facts,
    links: content.links,
    body_markdown: content.body
  };
}
function signatureOf(body, secret) {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}
function emailHtml(content) {
  const inner = micromark(content.body, { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
  return `<!doctype html><html><body style="font-family: sans-serif">${inner}</body></html>`;
}

// src/channels/sendToChannel.ts
var SendFailure = class extends Error {
  constructor(reason, { uncertain }) {
    super(reason);
    this.reason = reason;
    this.uncertain = uncertain;
  }
  reason;
  uncertain;
};
async function sendToChannel(name, channel, content, ctx) {
  try {
    const address = ctx.secrets.address(name);
    if (!address)
      throw new SendFailure(
        `not configured \u2014 set ${channelVariable(name)} in the App's environment or \`${name}\` in the Action's channel-secrets input`,
        { uncertain: false }
      );
    await send(name, channel, content, address, ctx);
    return { state: "delivered", at: ctx.now };
  } catch (error) {
    const failure = error instanceof SendFailure ? error : classify(error);
    const reason = ctx.secrets.redact(failure.reason).slice(0, 200);
    if (failure.uncertain) return { state: "unknown", at: ctx.now, reason };
    return { state: "failed", at: ctx.now, reason, retryAt: ctx.now + retryDelay(ctx.attempt) };
  }
}
async function send(name, channel, content, address, ctx) {
  switch (channel.type) {
    case "slack": {
      const hook = new IncomingWebhook(address, { timeout: ctx.timeoutMs });
      try {
        await hook.send(slackMessage(content));
      } catch (error) {
        if (error instanceof IncomingWebhookHTTPError)
          throw new SendFailure(`HTTP ${error.statusCode} ${short(error.body)}`, { uncertain: false });
        if (error instanceof IncomingWebhookRequestError) throw classify(error.original);
        throw error;
      }
      return;
    }
    case "teams":
      await postJson(address, teamsMessage(content), {}, ctx.timeoutMs);
      return;
    case "pagerduty":
      await postJson(channel.events_url, pagerdutyEvent(content, address), {}, ctx.timeoutMs);
      return;
    case "webhook": {
      const secret = ctx.secrets.signingSecret(name);
      if (!secret)
        throw new SendFailure(
          `no signing secret \u2014 set ${channelVariable(name, "_SECRET")} or \`${name}.secret\` in channel-secrets`,
          { uncertain: false }
        );
      const body = JSON.stringify(webhookDocument(content, ctx.message, ctx.now));
      await postJson(
        address,
        body,
        {
          "x-expedite-event": content.event,
          // The same for every attempt at this message, so a receiver can drop a repeat.
          "x-expedite-delivery": `${content.source.repository}#${content.source.number}/${ctx.message}`,
          "x-hub-signature-256": signatureOf(body, secret)
        },
        ctx.timeoutMs
      );
      return;
    }
    case "email": {
      const transport = nodemailer.createTransport({
        url: address,
        connectionTimeout: ctx.timeoutMs,
        greetingTimeout: ctx.timeoutMs,
        socketTimeout: ctx.timeoutMs
      });
      try {
        const thread = content.email;
        await transport.sendMail({
          from: channel.from,
          to: channel.to,
          ...channel.cc.length > 0 ? { cc: channel.cc } : {},
          subject: content.title,
          text: content.body,
          html: emailHtml(content),
          ...thread ? { messageId: thread.messageId } : {},
          ...thread?.inReplyTo ? { inReplyTo: thread.inReplyTo, references: [thread.inReplyTo] } : {}
        });
      } catch (error) {
        const smtp = error;
        if (typeof smtp.responseCode === "number")
          throw new SendFailure(`SMTP ${smtp.responseCode} ${short(smtp.response ?? "")}`, {
            uncertain: false
          });
        throw classify(error);
      } finally {
        transport.close();
      }
      return;
    }
  }
}
async function postJson(url, body, headers, timeoutMs) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "Expedite", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "error"
  });
  if (!response.ok)
    throw new SendFailure(`HTTP ${response.status} ${short(await response.text())}`, { uncertain: false });
  await response.arrayBuffer();
}
var NOT_SENT = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNECTION",
  "EDNS"
]);
function classify(error) {
  const err = error;
  const code2 = err.cause?.code ?? err.code;
  if (err.name === "TimeoutError" || err.name === "AbortError" || code2 === "ETIMEDOUT")
    return new SendFailure("no answer in time", { uncertain: true });
  if (code2 && NOT_SENT.has(code2))
    return new SendFailure(code2 === "ECONNREFUSED" ? "connection refused" : code2, { uncertain: false });
  if (code2 === "ECONNRESET") return new SendFailure("connection reset", { uncertain: true });
  return new SendFailure(short(err.message ?? String(error)), { uncertain: false });
}
function short(text) {
  return text.replace(/\s+/g, " ").trim().slice(0, 120);
}

// src/reconcile/deliverMessages.ts
async function deliverMessages(gh, config, number, planned, now, outbox) {
  const outcome = { writes: 0, records: [] };
  if (planned.length === 0) return outcome;
  const zone = config.business_hours.timezone;
  try {
    const claimed = [];
    for (const plan of planned) {
      const record = {
        message: plan.message,
        event: plan.event,
        attempt: plan.attempt,
        nonce: randomUUID(),
        claimedAt: now,
        title: plan.content.title,
        channels: {
          ...plan.carried,
          ...Object.fromEntries(plan.channels.map((c) => [c, { state: "sending", at: now }]))
        }
      };
      const id = await postClaim(gh, number, renderDeliveryComment(record, zone));
      outcome.writes++;
      claimed.push({ plan, record, ...id !== void 0 ? { id } : {} });
    }
    const claims = await listClaims(gh, number);
    const won = [];
    for (const entry of claimed) {
      const mine = (claims.get(entry.plan.message) ?? []).find((c) => c.nonce === entry.record.nonce);
      const winner = claimWinner(
        claims.get(entry.plan.message) ?? [],
        entry.plan.attempt,
        entry.plan.predecessor
      );
      if (mine && winner?.id === mine.id) {
        won.push({ ...entry, id: mine.id });
        continue;
      }
      if (mine) {
        await deleteComment(gh, mine.id);
        outcome.writes++;
      }
      gh.log.info({ issue: number, message: entry.plan.message }, "another reconcile sends this message");
    }
    for (const entry of won) {
      try {
        await sendAndRecord(gh, config, number, entry, now, outbox, outcome);
      } catch (error) {
        gh.log.error(
          { err: error, issue: number, message: entry.plan.message },
          "could not record an outside message"
        );
      }
    }
  } catch (error) {
    gh.log.error(
      { err: error, issue: number },
      "could not record outside messages; a later reconcile continues"
    );
  }
  return outcome;
}
async function sendAndRecord(gh, config, number, entry, now, outbox, outcome) {
  const zone = config.business_hours.timezone;
  const results = await Promise.all(
    entry.plan.channels.map(async (name) => {
      const channel = config.channels[name];
      const result = channel ? await sendToChannel(name, channel, entry.plan.content, {
        secrets: outbox.secrets,
        now,
        timeoutMs: outbox.timeoutMs,
        message: entry.plan.message,
        attempt: entry.plan.attempt
      }) : { state: "abandoned", at: now, reason: "the channel is no longer configured" };
      return [name, result];
    })
  );
  for (const [name, result] of results) {
    entry.record.channels[name] = result;
    if (result.state !== "delivered")
      gh.log.warn(
        {
          issue: number,
          message: entry.plan.message,
          channel: name,
          outcome: result.state,
          reason: "reason" in result ? result.reason : void 0
        },
        "outside message not delivered"
      );
  }
  const id = entry.id;
  await updateComment(gh, id, renderDeliveryComment(entry.record, zone));
  outcome.writes++;
  outcome.records.push({ ...entry.record, commentId: id });
  if (entry.plan.predecessor !== void 0) {
    await deleteComment(gh, entry.plan.predecessor).catch(() => void 0);
    outcome.writes++;
  }
}

// src/core/time/parseWhen.ts
import { DateTime as DateTime9, IANAZone as IANAZone2 } from "luxon";

// src/core/time/parseDurationParts.ts
var UNITS = /* @__PURE__ */ new Map([
  ["w", "weeks"],
  ["wk", "weeks"],
  ["wks", "weeks"],
  ["week", "weeks"],
  ["weeks", "weeks"],
  ["d", "days"],
  ["day", "days"],
  ["days", "days"],
  ["h", "hours"],
  ["hr", "hours"],
  ["hrs", "hours"],
  ["hour", "hours"],
  ["hours", "hours"],
  ["m", "minutes"],
  ["min", "minutes"],
  ["mins", "minutes"],
  ["minute", "minutes"],
  ["minutes", "minutes"],
  ["s", "seconds"],
  ["sec", "seconds"],
  ["secs", "seconds"],
  ["second", "seconds"],
  ["seconds", "seconds"]
]);
var WHOLE2 = /^(?:\d{1,9}\s*[a-z]+\s*)+$/;
var PART2 = /(\d{1,9})\s*([a-z]+)/g;
function parseDurationParts(text) {
  if (text.length > 60) return void 0;
  const normalized = text.toLowerCase().replace(/,/g, " ").replace(/\band\b/g, " ").replace(/\ban?\s+(?=[a-z])/g, "1 ").trim();
  if (!WHOLE2.test(normalized)) return void 0;
  const parts = {};
  let total = 0;
  for (const [, amount, unit] of normalized.matchAll(PART2)) {
    const key = UNITS.get(unit ?? "");
    if (key === void 0) return void 0;
    const value = Number(amount);
    parts[key] = (parts[key] ?? 0) + value;
    total += value;
  }
  return total > 0 ? parts : void 0;
}

// src/core/time/timeZoneToken.ts
import { IANAZone } from "luxon";
var ABBREVIATIONS = /* @__PURE__ */ new Map([
  ["utc", "UTC"],
  ["gmt", "UTC"],
  ["z", "UTC"],
  ["et", "America/New_York"],
  ["est", "America/New_York"],
  ["edt", "America/New_York"],
  ["ct", "America/Chicago"],
  ["cst", "America/Chicago"],
  ["cdt", "America/Chicago"],
  ["mt", "America/Denver"],
  ["mst", "America/Denver"],
  ["mdt", "America/Denver"],
  ["pt", "America/Los_Angeles"],
  ["pst", "America/Los_Angeles"],
  ["pdt", "America/Los_Angeles"],
  ["bst", "Europe/London"],
  ["cet", "Europe/Paris"],
  ["cest", "Europe/Paris"]
]);
var OFFSET = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
function timeZoneToken(token) {
  const abbreviation = ABBREVIATIONS.get(token.toLowerCase());
  if (abbreviation !== void 0) return abbreviation;
  const offset = OFFSET.exec(token);
  if (offset !== null) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? "0");
    if (hours > 14 || minutes > 59) return void 0;
    return `UTC${offset[1]}${hours}${minutes > 0 ? `:${String(minutes).padStart(2, "0")}` : ""}`;
  }
  return token.includes("/") && IANAZone.isValidZone(token) ? token : void 0;
}

// src/core/time/whenWords.ts
var WHEN_FORMS = "Try `14:30`, `yesterday 23:10`, `monday 08:00`, `45m ago`, `in 3h`, `2026-11-22 14:30` or `2026-11-22T14:30Z` (add `UTC` or `+01:00` for another zone).";
var FILLER = /* @__PURE__ */ new Set([
  "at",
  "on",
  "since",
  "from",
  "about",
  "around",
  "approx",
  "approximately",
  "~",
  "the",
  "of"
]);
function isFillerWord(word) {
  return FILLER.has(word.toLowerCase());
}
function quoteTyped(typed) {
  return "`" + (typed.replace(/`/g, "").slice(0, 40) || " ") + "`";
}

// src/core/time/readWhenParts.ts
var WEEKDAYS3 = /* @__PURE__ */ new Map([
  ["mon", 1],
  ["monday", 1],
  ["tue", 2],
  ["tues", 2],
  ["tuesday", 2],
  ["wed", 3],
  ["weds", 3],
  ["wednesday", 3],
  ["thu", 4],
  ["thur", 4],
  ["thurs", 4],
  ["thursday", 4],
  ["fri", 5],
  ["friday", 5],
  ["sat", 6],
  ["saturday", 6],
  ["sun", 7],
  ["sunday", 7]
]);
var MONTHS = /* @__PURE__ */ new Map([
  ["jan", 1],
  ["january", 1],
  ["feb", 2],
  ["february", 2],
  ["mar", 3],
  ["march", 3],
  ["apr", 4],
  ["april", 4],
  ["may", 5],
  ["jun", 6],
  ["june", 6],
  ["jul", 7],
  ["july", 7],
  ["aug", 8],
  ["august", 8],
  ["sep", 9],
  ["sept", 9],
  ["september", 9],
  ["oct", 10],
  ["october", 10],
  ["nov", 11],
  ["november", 11],
  ["dec", 12],
  ["december", 12]
]);
var RELATIVE_DAYS = /* @__PURE__ */ new Map([
  ["yesterday", -1],
  ["today", 0],
  ["tomorrow", 1]
]);
var ISO_DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})t(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(z|[+-]\d{2}(?::?\d{2})?)?$/;
var ISO_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
var AMBIGUOUS_DATE = /^\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?$/;
var CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(am|pm)?(z|[+-]\d{2}(?::?\d{2})?)?$/;
var HOUR_MERIDIEM = /^(\d{1,2})(am|pm)$/;
var MERIDIEM = /^(am|pm)$/;
var DAY_OF_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?$/;
var YEAR = /^\d{4}$/;
function readWhenParts(tokens) {
  const parts = {};
  const hasMonth = tokens.some((token) => MONTHS.has(token.toLowerCase()));
  let monthDate;
  let lean;
  const setDay = (day) => {
    if (parts.day !== void 0) {
      return { error: `${quoteTyped(parts.day.source)} and ${quoteTyped(day.source)} both name a day; give just one.` };
    }
    parts.day = day;
    return void 0;
  };
  const setClock = (clock) => {
    if (parts.clock !== void 0) {
      return {
        error: `${quoteTyped(parts.clock.source)} and ${quoteTyped(clock.source)} are both times of day; give just one.`
      };
    }
    parts.clock = clock;
    return void 0;
  };
  const setZone = (zone, source) => {
    if (parts.zone !== void 0 && parts.zone !== zone) {
      return { error: `${quoteTyped(source)} gives a second time zone; give just one.` };
    }
    parts.zone = zone;
    return void 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const source = tokens[i] ?? "";
    const token = source.toLowerCase();
    const next = tokens[i + 1]?.toLowerCase();
    let failure;
    const isoDateTime = ISO_DATE_TIME.exec(token);
    const isoDate2 = ISO_DATE.exec(token);
    const clock = CLOCK.exec(token);
    const hourMeridiem = HOUR_MERIDIEM.exec(token);
    if (isoDateTime !== null) {
      const [, year, month, day, hour, minute, second, offset] = isoDateTime;
      failure = setDay({ kind: "date", year: Number(year), month: Number(month), day: Number(day), source }) ?? clockFrom(source, hour, minute, second, void 0, setClock) ?? (offset !== void 0 ? zoneFrom(offset, source, setZone) : void 0);
    } else if (isoDate2 !== null) {
      const [, year, month, day] = isoDate2;
      failure = setDay({ kind: "date", year: Number(year), month: Number(month), day: Number(day), source });
    } else if (AMBIGUOUS_DATE.test(token) && !CLOCK.test(token)) {
      failure = {
        error: `${quoteTyped(source)} could be read as two different days; write the year first, like \`2026-11-22\`.`
      };
    } else if (clock !== null) {
      const [, hour, minute, second, meridiem, offset] = clock;
      let useMeridiem = meridiem;
      if (useMeridiem === void 0 && next !== void 0 && MERIDIEM.test(next)) {
        useMeridiem = next;
        i += 1;
      }
      failure = clockFrom(source, hour, minute, second, useMeridiem, setClock) ?? (offset !== void 0 ? zoneFrom(offset, source, setZone) : void 0);
    } else if (hourMeridiem !== null) {
      failure = clockFrom(source, hourMeridiem[1], "0", void 0, hourMeridiem[2], setClock);
    } else if (/^\d{1,2}$/.test(token) && next !== void 0 && MERIDIEM.test(next)) {
      failure = clockFrom(`${source} ${next}`, token, "0", void 0, next, setClock);
      i += 1;
    } else if (token === "noon" || token === "midday") {
      failure = setClock({ hour: 12, minute: 0, second: 0, source });
    } else if (token === "midnight") {
      failure = setClock({ hour: 0, minute: 0, second: 0, source });
    } else if (RELATIVE_DAYS.has(token)) {
      failure = setDay({ kind: "relative", offset: RELATIVE_DAYS.get(token) ?? 0, source });
    } else if ((token === "last" || token === "next" || token === "this") && next !== void 0 && WEEKDAYS3.has(next)) {
      lean = token === "last" ? "past" : token === "next" ? "future" : void 0;
    } else if (WEEKDAYS3.has(token)) {
      failure = setDay({ kind: "weekday", weekday: WEEKDAYS3.get(token) ?? 1, lean, source });
    } else if (hasMonth && MONTHS.has(token)) {
      monthDate ??= { source: [] };
      if (monthDate.month !== void 0)
        failure = { error: `${quoteTyped(source)} is a second month; give just one.` };
      monthDate.month = MONTHS.get(token);
      monthDate.source.push(source);
    } else if (hasMonth && DAY_OF_MONTH.test(token) && monthDate?.day === void 0) {
      monthDate ??= { source: [] };
      monthDate.day = Number(DAY_OF_MONTH.exec(token)?.[1]);
      monthDate.source.push(source);
    } else if (hasMonth && YEAR.test(token) && monthDate?.year === void 0) {
      monthDate ??= { source: [] };
      monthDate.year = Number(token);
      monthDate.source.push(source);
    } else if (timeZoneToken(source) !== void 0) {
      failure = setZone(timeZoneToken(source) ?? "UTC", source);
    } else if (/^\d{1,2}$/.test(token)) {
      failure = {
        error: `${quoteTyped(source)} alone is ambiguous; add minutes or am/pm, like \`${token.padStart(2, "0")}:00\` or \`${Number(token) % 12 || 12}${Number(token) >= 12 ? "pm" : "am"}\`.`
      };
    } else {
      failure = { error: `I can't read ${quoteTyped(source)} as part of a time. ${WHEN_FORMS}`, unreadable: source };
    }
    if (failure !== void 0) return failure;
  }
  if (monthDate !== void 0) {
    const source = monthDate.source.join(" ");
    if (monthDate.month === void 0 || monthDate.day === void 0) {
      return { error: `${quoteTyped(source)} needs both a month and a day, like \`nov 22\`.` };
    }
    const failure = setDay({
      kind: "date",
      year: monthDate.year,
      month: monthDate.month,
      day: monthDate.day,
      source
    });
    if (failure !== void 0) return failure;
  }
  if (parts.day === void 0 && parts.clock === void 0) {
    return { error: `${quoteTyped(tokens.join(" "))} does not say when. ${WHEN_FORMS}` };
  }
  return parts;
}
function clockFrom(source, hourText, minuteText, secondText, meridiem, setClock) {
  let hour = Number(hourText);
  const minute = Number(minuteText ?? "0");
  const second = Number(secondText ?? "0");
  if (meridiem !== void 0) {
    if (hour < 1 || hour > 12)
      return { error: `${quoteTyped(source)} is not a time of day; with am/pm the hour runs 1 to 12.` };
    const pm = meridiem.startsWith("p");
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { error: `${quoteTyped(source)} is not a time of day; use 00:00 to 23:59.` };
  }
  return setClock({ hour, minute, second, source });
}
function zoneFrom(offset, source, setZone) {
  const zone = timeZoneToken(offset);
  if (zone === void 0)
    return { error: `${quoteTyped(source)} has an offset I can't read; use one like \`+01:00\`.` };
  return setZone(zone, source);
}

// src/core/time/parseWhen.ts
function parseWhen(text, ctx) {
  const cleaned = text.trim().replace(/\s+/g, " ").replace(/\b([ap])\.m\b\.?/gi, "$1m");
  if (cleaned === "") return { error: `No time given. ${WHEN_FORMS}` };
  if (cleaned.length > 80)
    return { error: `${quoteTyped(cleaned.slice(0, 20) + "\u2026")} is too long to be a time. ${WHEN_FORMS}` };
  if (!Number.isFinite(ctx.now)) return { error: "There is no current time to count from." };
  const zone = IANAZone2.isValidZone(ctx.timeZone) ? ctx.timeZone : "UTC";
  const now = DateTime9.fromMillis(ctx.now, { zone });
  const tokens = cleaned.split(" ").map((token) => token.replace(/^[,;(]+|[,;.)]+$/g, "")).filter((token) => token !== "" && !isFillerWord(token));
  const lower = tokens.map((token) => token.toLowerCase());
  const phrase = lower.join(" ");
  if (phrase === "now" || phrase === "just now" || phrase === "right now") return { at: ctx.now };
  if (lower.length > 1 && lower[lower.length - 1] === "ago") {
    return shifted(now, tokens.slice(0, -1).join(" "), -1);
  }
  if (lower.length > 1 && (lower[0] === "in" || lower[0] === "for")) {
    return shifted(now, tokens.slice(1).join(" "), 1);
  }
  if (parseDurationParts(phrase) !== void 0) {
    return shifted(now, phrase, ctx.direction === "past" ? -1 : 1);
  }
  const parts = readWhenParts(tokens);
  if ("error" in parts) return parts;
  return resolve(parts, now, ctx.direction);
}
function shifted(now, durationText, sign) {
  const parts = parseDurationParts(durationText);
  if (parts === void 0) {
    return {
      error: `${quoteTyped(durationText)} is not a duration I can read; use something like \`45m\`, \`2 hours\` or \`1h30m\`.`
    };
  }
  return checked(sign > 0 ? now.plus(parts) : now.minus(parts));
}
function resolve(parts, reference, direction) {
  const now = parts.zone !== void 0 ? reference.setZone(parts.zone) : reference;
  const clock = parts.clock ?? { hour: 0, minute: 0, second: 0, source: "" };
  const at = (day2) => DateTime9.fromObject(
    {
      year: day2.year,
      month: day2.month,
      day: day2.day,
      hour: clock.hour,
      minute: clock.minute,
      second: clock.second
    },
    { zone: now.zone }
  );
  const onSide = (moment, side) => side === "past" ? moment.toMillis() <= now.toMillis() : moment.toMillis() > now.toMillis();
  const today = now.startOf("day");
  const day = parts.day;
  if (day === void 0) {
    const candidate = at(today);
    if (onSide(candidate, direction)) return checked(candidate);
    return checked(at(direction === "past" ? today.minus({ days: 1 }) : today.plus({ days: 1 })));
  }
  if (day.kind === "relative") return checked(at(today.plus({ days: day.offset })));
  if (day.kind === "weekday") {
    const side = day.lean ?? direction;
    for (let offset = 0; offset <= 7; offset++) {
      const date = side === "past" ? today.minus({ days: offset }) : today.plus({ days: offset });
      const candidate = at(date);
      if (date.weekday === day.weekday && onSide(candidate, side)) return checked(candidate);
    }
    return { error: `Could not place ${quoteTyped(day.source)} within a week.` };
  }
  const explicit = DateTime9.fromObject(
    {
      year: day.year ?? now.year,
      month: day.month,
      day: day.day,
      hour: clock.hour,
      minute: clock.minute,
      second: clock.second
    },
    { zone: now.zone }
  );
  if (!explicit.isValid) return notADay(day.source, day.year ?? now.year, day.month, day.day);
  if (day.year !== void 0 || onSide(explicit, direction)) return checked(explicit);
  const other = explicit.plus({ years: direction === "past" ? -1 : 1 });
  if (!other.isValid || other.day !== day.day) return notADay(day.source, other.year, day.month, day.day);
  return checked(other);
}
function notADay(source, year, month, day) {
  const why = dayProblem(year, month, day);
  return { error: `${quoteTyped(source)} is not a day on the calendar${why ? `: ${why}` : ""}.` };
}
var EARLIEST = Date.UTC(1970, 0, 1);
var LATEST = Date.UTC(2200, 0, 1);
function checked(moment) {
  const at = moment.toMillis();
  if (!moment.isValid || !Number.isFinite(at) || at < EARLIEST || at > LATEST) {
    return { error: "That is too far from today to be a real incident time." };
  }
  return { at };
}

// src/core/time/leadingTime.ts
var MAX_WORDS = 5;
function leadingTime(args, ctx) {
  const words = [...args.matchAll(/\S+/g)].slice(0, MAX_WORDS + 1);
  const phrase = (count2) => words.slice(0, count2).map((word) => word[0]).join(" ");
  if (words.length === 0) {
    const empty = parseWhen("", ctx);
    return "error" in empty ? empty : { error: "No time given." };
  }
  let firstError;
  for (let count2 = Math.min(words.length, MAX_WORDS); count2 >= 1; count2--) {
    const result = parseWhen(phrase(count2), ctx);
    if ("error" in result) {
      if (!blamesLaterWord(result, phrase(count2))) firstError ??= result.error;
      continue;
    }
    let used = count2;
    while (used > 1 && isFillerWord(words[used - 1]?.[0] ?? "")) used -= 1;
    const following = words[used]?.[0];
    if (following !== void 0 && TIME_SHAPED.test(following)) {
      const longer = parseWhen(phrase(used + 1), ctx);
      if ("error" in longer && !blamesLaterWord(longer, phrase(used + 1))) return { error: longer.error };
    }
    const last = words[used - 1];
    const end = last === void 0 ? 0 : (last.index ?? 0) + last[0].length;
    return { at: result.at, rest: args.slice(end).trim() };
  }
  return { error: firstError ?? "No time given." };
}
var TIME_SHAPED = /^\d{1,4}[:-]\d/;
function blamesLaterWord(result, phrase) {
  if (result.unreadable === void 0) return false;
  const first = phrase.split(/\s+/).find((word) => !isFillerWord(word)) ?? "";
  return !first.toLowerCase().startsWith(result.unreadable.toLowerCase());
}

// src/core/form/formFields.ts
var NO_RESPONSE = "_No response_";
var SEVERITY_OPTIONS = [
  "SEV1 \u2013 Critical: most customers cannot use a core flow (checkout, booking, sign-in) or revenue is being lost, and there is no workaround",
  "SEV2 \u2013 Major: a core flow is broken or badly slowed for many customers, or revenue is at risk; any workaround is partial",
  "SEV3 \u2013 Minor: something is degraded for some customers, a reasonable workaround exists, no direct revenue loss",
  "SEV4 \u2013 Low: cosmetic, internal only, or a handful of people affected; can wait for working hours"
];
var REVENUE_OPTIONS = { yes: "Yes", no: "No", unknown: "Unknown" };
var FORM_FIELDS = [
  { id: "summary", label: "Summary", key: "summary", type: "textarea" },
  { id: "severity", label: "Severity", key: "severity", type: "dropdown", options: SEVERITY_OPTIONS },
  { id: "applications", label: "Applications impacted", key: "applications", type: "input" },
  { id: "business-impact", label: "Business / customer impact", key: "businessImpact", type: "textarea" },
  { id: "evidence", label: "Evidence", key: "evidence", type: "textarea" },
  {
    id: "revenue",
    label: "Revenue affected",
    key: "revenue",
    type: "dropdown",
    options: Object.values(REVENUE_OPTIONS)
  },
  { id: "reproduce", label: "Steps to reproduce", key: "reproduce", type: "textarea" },
  { id: "started", label: "When did it start?", key: "startedText", type: "input" }
];

// src/core/form/formSections.ts
var HEADING = /^ {0,3}###[ \t]+(.+?)[ \t#]*$/;
var FENCE = /^\s*(`{3,}|~{3,})/;
function formSections(body) {
  const sections = [];
  let current;
  let fence;
  for (const line of body.split(/\r\n|\r|\n/)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== void 0) {
      if (marker !== void 0 && marker[0] === fence[0] && marker.length >= fence.length) fence = void 0;
    } else if (marker !== void 0) {
      fence = marker;
    } else {
      const heading = HEADING.exec(line);
      if (heading !== null) {
        if (current !== void 0) sections.push(finish(current));
        current = { label: heading[1] ?? "", lines: [] };
        continue;
      }
    }
    current?.lines.push(line);
  }
  if (current !== void 0) sections.push(finish(current));
  return sections;
}
function finish(section) {
  return { label: section.label, answer: section.lines.join("\n").trim() };
}

// src/core/form/parseIssueForm.ts
var MAX_BODY = 65536;
var MAX_ANSWER = 1e4;
var MAX_SUMMARY_FROM_TEXT = 500;
var MAX_STARTED_TEXT = 200;
var CLOCK_SKEW_MS2 = 6e4;
var FIELD_BY_LABEL = new Map(FORM_FIELDS.map((field) => [normalizeLabel(field.label), field]));
function parseIssueForm(body, ctx) {
  if (typeof body !== "string") return {};
  const text = body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body;
  const form = {};
  let isForm = false;
  for (const section of formSections(text)) {
    const field = FIELD_BY_LABEL.get(normalizeLabel(section.label));
    if (field === void 0) continue;
    isForm = true;
    const answer3 = section.answer === NO_RESPONSE ? "" : clip2(section.answer, MAX_ANSWER);
    if (answer3 === "") continue;
    switch (field.key) {
      case "severity":
        form.severity = severityOf(answer3);
        break;
      case "revenue":
        form.revenue = revenueOf(answer3);
        break;
      case "startedText": {
        form.startedText = clip2(answer3, MAX_STARTED_TEXT);
        const read2 = startedAt(answer3, ctx);
        if ("at" in read2) form.startedAt = read2.at;
        else form.startedProblem = read2.error;
        break;
      }
      case "summary":
      case "applications":
      case "businessImpact":
      case "evidence":
      case "reproduce":
        form[field.key] = answer3;
        break;
      default:
        break;
    }
  }
  if (!isForm) {
    const summary = firstParagraph(text);
    if (summary !== void 0) form.summary = summary;
  }
  for (const key of Object.keys(form)) {
    if (form[key] === void 0) delete form[key];
  }
  return form;
}
function normalizeLabel(label) {
  return label.toLowerCase().replace(/\s+/g, " ").replace(/[\s?:.*_]+$/, "").trim();
}
function severityOf(answer3) {
  const match = /^\s*(?:sev(?:erity)?\s*[-:]?\s*)?([1-4])(?!\d)/i.exec(answer3);
  return match === null ? void 0 : Number(match[1]);
}
function revenueOf(answer3) {
  const word = answer3.trim().toLowerCase();
  if (/^(yes|y|true)\b/.test(word)) return "yes";
  if (/^(no|n|false)\b/.test(word)) return "no";
  if (/^(unknown|not sure|unsure|don'?t know|\?)/.test(word)) return "unknown";
  return void 0;
}
function startedAt(answer3, ctx) {
  const firstLine2 = answer3.split("\n")[0] ?? "";
  const when = leadingTime(firstLine2, { now: ctx.now, timeZone: ctx.timeZone, direction: "past" });
  if ("error" in when) return when;
  if (when.at > ctx.now + CLOCK_SKEW_MS2) return { error: "That is after the issue was opened." };
  return { at: Math.min(when.at, ctx.now) };
}
function firstParagraph(text) {
  const visible = text.replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  for (const paragraph of visible.split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)) {
    const cleaned = paragraph.split(/\r\n|\r|\n/).map((line) => line.replace(/^\s{0,3}#{1,6}\s+/, "").trim()).filter((line) => line !== "").join("\n");
    if (cleaned !== "") return clip2(cleaned, MAX_SUMMARY_FROM_TEXT);
  }
  return void 0;
}
function clip2(text, maxLength) {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}\u2026` : text;
}

// src/core/text/codeSpan.ts
function codeSpan(text, maxLength = Number.POSITIVE_INFINITY) {
  const oneLine2 = text.replace(/\s+/g, " ").trim();
  const clipped = oneLine2.length > maxLength ? `${oneLine2.slice(0, maxLength - 1)}\u2026` : oneLine2;
  if (clipped === "") return "` `";
  const longestRun = Math.max(0, ...[...clipped.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = clipped.startsWith("`") || clipped.endsWith("`") ? " " : "";
  return `${fence}${pad}${clipped}${pad}${fence}`;
}
var ECHO_LENGTH = 40;

// src/core/commands/verbWords.ts
var WORDS = /* @__PURE__ */ new Map();
for (const spec of COMMANDS) {
  WORDS.set(spec.verb, spec.verb);
  for (const alias of spec.aliases) WORDS.set(alias, spec.verb);
}
function verbFor(word) {
  return WORDS.get(word.toLowerCase());
}
function closestVerb(word) {
  const typed = word.toLowerCase().slice(0, 40);
  let best = "help";
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [candidate, verb] of WORDS) {
    const score = editDistance2(typed, candidate) - (candidate.startsWith(typed) || typed.startsWith(candidate) ? 2 : 0);
    if (score < bestScore) {
      best = verb;
      bestScore = score;
    }
  }
  return best;
}
function editDistance2(a, b) {
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const previous = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

// src/core/commands/matchCommand.ts
var HEAD = /^\s*\/([A-Za-z][A-Za-z-]*)/;
var GLUED_SEVERITY = /^\s*\/(sev(?:erity)?)[-:]?(\d+)(?=[\s.,;!]|$)/i;
var MAX_WORD = 24;
function matchCommand(text) {
  const glued = GLUED_SEVERITY.exec(text);
  if (glued !== null) {
    return {
      word: (glued[1] ?? "sev").toLowerCase(),
      verb: "sev",
      rest: " " + text.slice(glued[0].length - (glued[2] ?? "").length)
    };
  }
  const head = HEAD.exec(text);
  const typed = head?.[1];
  if (head === null || typed === void 0 || typed.length > MAX_WORD) return void 0;
  const word = typed.toLowerCase();
  const verb = verbFor(word);
  const rest = text.slice(head[0].length);
  if (rest === "" || /^\s/.test(rest)) return { word, verb, rest };
  if (verb !== void 0) {
    const punctuation = /^[:,.!;]+(?=\s|$)/.exec(rest);
    if (punctuation !== null) return { word, verb, rest: rest.slice(punctuation[0].length) };
  }
  return void 0;
}

// src/core/commands/assessJournal.ts
var CONTENT_FREE = new Set(
  "fixed fix fixes fixing done resolved resolve resolving solved solve sorted sort ok okay k kk alright works work working worked good fine great cool nice better well sucked sucks suck awful bad horrible yes yep yeah yay finally phew whew ugh wow lol haha closed close closing gone away went back normal again seems seem looks look looking lgtm thanks thank ty nvm nevermind mind handled taken care over complete completed finished finish happy sad fun issue issues problem problems bug bugs thing things stuff everything something nothing anything now all should be been being was were is are am it its this that these those the a an and or but so just to of in on at for with we i you they he she me us our my your their there here up out off hopefully probably think guess anyway really very super totally definitely ready stable green live running up restored sorted oops whoops yikes damn".split(" ")
);
var STOPWORDS = new Set(
  "a an the and or but so to of in on at for with by from into onto as is are was were be been being it its this that these those we i you they he she me us our my your their them there here then than now up out off not no yes just also too very some any all each every which who whom what when where why how has have had do does did will would can could should may might must shall after before again".split(" ")
);
var REFERENCES = [
  /(?:^|[^\p{L}\p{N}&])#\d+\b/u,
  /[\w.-]+\/[\w.-]+#\d+\b/,
  /\bhttps?:\/\/[^\s]+/i,
  /\b(?:card|ticket|issue|pr|pull request|jira|story|task|incident|case|bug)\s*(?:no\.?\s*|number\s*)?#?\d+\b/i,
  /\b[A-Z][A-Z0-9]{1,9}-\d+\b/,
  /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/i
];
function assessJournal(text, rules) {
  const { hint } = rules;
  const free = (word) => CONTENT_FREE.has(word) || (rules.alsoContentFree?.has(word) ?? false);
  const trimmed = text.trim();
  if (trimmed === "") return refuse(`This needs text. ${hint}`);
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return refuse(`Punctuation or emoji alone does not say ${rules.missing}. ${hint}`);
  }
  if (REFERENCES.some((pattern) => pattern.test(trimmed))) return { ok: true };
  const words = trimmed.normalize("NFKC").toLowerCase().replace(/['’`]/g, "").split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
  if (words.every(free)) {
    return refuse(`${codeSpan(trimmed, ECHO_LENGTH)} does not say ${rules.missing}. ${hint}`);
  }
  const meaningful = new Set(words.filter((word) => !STOPWORDS.has(word) && !free(word)));
  if (meaningful.size < rules.minWords) {
    return refuse(`That is too short for someone who was not there to understand. ${hint}`);
  }
  return { ok: true };
}
function refuse(reason) {
  return { ok: false, reason };
}

// src/core/commands/assessResolution.ts
var RULES = {
  hint: "Say what was wrong, what was done about it and whether follow-up work is needed, or link the issue that tracks it. For example: `/resolve Disk filled up on db-2; cleared old WAL files and added a disk alert; follow-up in #123`.",
  missing: "what was wrong or what fixed it",
  minWords: 3
};
function assessResolution(text) {
  return assessJournal(text, RULES);
}

// src/core/commands/assessWorkaround.ts
var RULES2 = {
  hint: "Say what is in place and what it changes for the people affected, or link where it is tracked. For example: `/mitigate Card payments routed to the backup gateway; checkout works, 2% higher fees`.",
  missing: "what the workaround is",
  // The words a bare "/mitigate workaround in place" is made of.
  alsoContentFree: new Set(
    "mitigated mitigate mitigating mitigation workaround workarounds applied apply place temporary temporarily for".split(
      " "
    )
  ),
  // A workaround is often short ("failed over to the standby"), but one word is not one.
  minWords: 2
};
function assessWorkaround(text) {
  return assessJournal(text, RULES2);
}

// src/core/commands/parseSeverity.ts
function parseSeverity(args) {
  const words = args.trim().split(/\s+/);
  let first = (words[0] ?? "").toLowerCase().replace(/[.,;:!)]+$/, "");
  if ((first === "sev" || first === "severity") && words[1] !== void 0) {
    first = words[1].toLowerCase().replace(/[.,;:!)]+$/, "");
  }
  if (first === "") return { error: "Which severity? Give a number from 1 (worst) to 4." };
  const match = /^(?:sev(?:erity)?|s)?[-:]?(\d{1,6})$/.exec(first);
  if (match === null)
    return { error: `${codeSpan(first, 20)} is not a severity; use a number from 1 (worst) to 4.` };
  const level = Number(match[1]);
  if (level < 1 || level > 4)
    return { error: `There is no severity ${level}; severities run from 1 (worst) to 4.` };
  return { severity: level };
}

// src/core/commands/parseUser.ts
var LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
function parseUser(word) {
  const bare = word.replace(/^[(<]+|[.,;:!?)>]+$/g, "");
  const login = bare.startsWith("@") ? bare.slice(1) : bare;
  if (login.toLowerCase() === "me") return { user: "me" };
  if (login.includes("/")) {
    return { error: `${codeSpan(word, ECHO_LENGTH)} is a team; a role goes to one person.` };
  }
  if (!LOGIN.test(login)) {
    return { error: `${codeSpan(word, ECHO_LENGTH)} is not a GitHub username.` };
  }
  return { user: login };
}

// src/core/commands/splitBranches.ts
var CLAUSE = /(^|[\s([])branch(?:es)?\s*:\s*([^)\]\n]*)[)\]]?\s*$/i;
var BRANCH = /^[A-Za-z0-9._/*?!{}[\]+@-]+$/;
var MAX_CLAUSE = 400;
function splitBranches(text) {
  const index = text.toLowerCase().lastIndexOf("branch");
  if (index < 0 || text.length - index > MAX_CLAUSE) return { text };
  const start = Math.max(0, index - 1);
  const clause = CLAUSE.exec(text.slice(start));
  if (clause === null) return { text };
  const branches = (clause[2] ?? "").split(/[\s,]+/).filter((branch) => branch !== "");
  if (branches.length === 0) {
    return {
      error: "`branches:` needs at least one branch name or pattern, like `branches: main, release/*`."
    };
  }
  const invalid = branches.find((branch) => !BRANCH.test(branch) || branch.length > 200);
  if (invalid !== void 0)
    return { error: `${codeSpan(invalid, ECHO_LENGTH)} is not a branch name or pattern.` };
  const kept = text.slice(0, start + (clause[1] ?? "").length);
  return { text: kept.replace(/[\s([,;]+$/, ""), branches };
}

// src/core/commands/splitNext.ts
var TAIL = /^next(?:\s+update)?(\s*:)?\s*(in\s+|at\s+)?(.*?)[\s)\].!]*$/i;
var MAX_TAIL = 60;
function splitNext(text, ctx) {
  const index = lastNextWord(text);
  if (index === void 0 || text.length - index > MAX_TAIL) return { text };
  const tail = TAIL.exec(text.slice(index));
  if (tail === null) return { text };
  const [, colon, preposition, value] = tail;
  const before = text.slice(0, index);
  const bracketed = /[([]\s*$/.test(before);
  let nextMs;
  if (preposition?.toLowerCase().startsWith("at")) {
    const when = parseWhen(value ?? "", { now: ctx.at, timeZone: ctx.timeZone, direction: "future" });
    if ("at" in when && when.at > ctx.at) nextMs = when.at - ctx.at;
  } else {
    nextMs = parseDuration(value ?? "");
  }
  if (nextMs === void 0) {
    if (bracketed || colon !== void 0) {
      return {
        error: `I couldn't read ${codeSpan(text.slice(index), ECHO_LENGTH)} as the time of the next update; use a duration like \`next 30m\` or a time like \`next at 15:00\`.`
      };
    }
    return { text };
  }
  return { text: before.replace(/[\s([,;:|\-–—]+$/, ""), nextMs };
}
function lastNextWord(text) {
  let found;
  for (const match of text.matchAll(/\bnext\b/gi)) found = match.index;
  return found;
}

// src/core/commands/parseArguments.ts
var CLOCK_SKEW_MS3 = 6e4;
function parseArguments(verb, args, ctx) {
  const text = args.trim();
  const firstWord = /^\S*/.exec(text)?.[0] ?? "";
  switch (verb) {
    case "ack":
      return { command: text === "" ? { verb } : { verb, text } };
    case "help":
      return { command: { verb } };
    case "announce": {
      const channels = text === "" ? [] : text.split(/[\s,]+/).filter((w) => w !== "");
      const bad = channels.find((c) => !/^[a-z0-9][a-z0-9-]*$/.test(c));
      return bad !== void 0 ? {
        error: `${codeSpan(bad, ECHO_LENGTH)} is not a channel name; names are lower-case words joined by hyphens.`
      } : { command: { verb, channels } };
    }
    case "lead":
    case "comms": {
      const user = parseUser(firstWord === "" ? "me" : firstWord);
      return "error" in user ? user : { command: { verb, user: user.user } };
    }
    case "role":
      return parseRole(text, ctx.roles);
    case "sev": {
      const severity2 = parseSeverity(text);
      return "error" in severity2 ? severity2 : { command: { verb, severity: severity2.severity } };
    }
    case "impact":
      return parseImpact(firstWord);
    case "update": {
      const split = splitUpdate(text, ctx);
      if ("error" in split) return split;
      if (split.text === "") return { error: "An update needs to say what changed." };
      return {
        command: split.nextMs === void 0 ? { verb, text: split.text } : { verb, text: split.text, nextMs: split.nextMs }
      };
    }
    case "mitigate": {
      const assessment = text === "" ? { ok: false, reason: "Say what the workaround is." } : assessWorkaround(text);
      return assessment.ok ? { command: { verb, text } } : { error: assessment.reason };
    }
    case "note":
      return text === "" ? { error: "A note needs some text." } : { command: { verb, text } };
    case "deviation":
      return text === "" ? { error: "Say which step of the process was skipped and why." } : { command: { verb, text } };
    case "cancel":
      return text === "" ? { error: "Say why this is not an incident." } : { command: { verb, text } };
    case "resolve": {
      const assessment = assessResolution(text);
      return assessment.ok ? { command: { verb, text } } : { error: assessment.reason };
    }
    case "started":
      return parseStarted(text, ctx);
    case "freeze":
      return parseFreeze(text, ctx);
    case "unfreeze":
      return { command: text === "" ? { verb } : { verb, reason: text } };
    case "freeze-exception":
      return text === "" ? { error: "Say why this change has to merge during the freeze." } : { command: { verb, reason: text } };
  }
}
function splitUpdate(text, ctx) {
  const whole = splitNext(text, ctx);
  const newline = text.indexOf("\n");
  if ("error" in whole || whole.nextMs !== void 0 || newline < 0) return whole;
  const first = splitNext(text.slice(0, newline), ctx);
  if ("error" in first || first.nextMs === void 0) return whole;
  return {
    text: [first.text, text.slice(newline + 1)].filter((part) => part !== "").join("\n"),
    nextMs: first.nextMs
  };
}
function parseRole(text, roles) {
  const words = text.split(/\s+/).filter((word) => word !== "");
  let [roleWord, userWord] = words;
  if (roleWord?.startsWith("@") && userWord !== void 0 && !userWord.startsWith("@")) {
    [roleWord, userWord] = [userWord, roleWord];
  }
  const known = roles.length > 0 ? roles.map((role2) => `\`${role2}\``).join(", ") : "none are configured";
  if (roleWord === void 0 || roleWord.startsWith("@")) {
    return { error: `Say which role to give. Roles: ${known}.` };
  }
  const wanted = roleWord.replace(/[.,;:!?]+$/, "").toLowerCase();
  const role = roles.find((candidate) => candidate.toLowerCase() === wanted);
  const user = parseUser(userWord ?? "me");
  if ("error" in user) return user;
  if (role !== void 0) return { command: { verb: "role", role, user: user.user } };
  if (wanted === "lead") return { command: { verb: "lead", user: user.user } };
  if (wanted === "comms" || wanted === "communicator") return { command: { verb: "comms", user: user.user } };
  return {
    error: `${codeSpan(roleWord, ECHO_LENGTH)} is not a role here. Roles: ${known} (and /lead, /comms).`
  };
}
var YES = /* @__PURE__ */ new Set(["revenue", "yes", "y", "true", "on"]);
var NO = /* @__PURE__ */ new Set(["none", "no", "n", "false", "off"]);
function parseImpact(word) {
  const answer3 = word.toLowerCase().replace(/[.,;:!]+$/, "");
  if (YES.has(answer3)) return { command: { verb: "impact", revenue: true } };
  if (NO.has(answer3)) return { command: { verb: "impact", revenue: false } };
  if (answer3 === "") return { error: "Say whether revenue is hit: `revenue` or `none`." };
  return { error: `${codeSpan(word, ECHO_LENGTH)} is not an impact; use \`revenue\` or \`none\`.` };
}
function parseStarted(text, ctx) {
  const when = leadingTime(text, { now: ctx.at, timeZone: ctx.timeZone, direction: "past" });
  if ("error" in when) return when;
  if (when.at > ctx.at + CLOCK_SKEW_MS3) {
    return {
      error: `${formatTime(when.at, safeZone(ctx.timeZone))} is in the future; give the time the problem began.`
    };
  }
  return { command: { verb: "started", at: Math.min(when.at, ctx.at) } };
}
function parseFreeze(text, ctx) {
  const [firstLine2 = "", ...moreLines] = text.split("\n");
  const split = splitBranches(firstLine2);
  if ("error" in split) return split;
  const withoutUntil = split.text.replace(/^(?:until|till|til|to)\s+/i, "");
  if (withoutUntil.trim() === "") {
    return { error: "Say until when, then why." };
  }
  const until = leadingTime(withoutUntil, { now: ctx.at, timeZone: ctx.timeZone, direction: "future" });
  if ("error" in until) return { error: `Until when? ${until.error}` };
  if (until.at <= ctx.at) {
    return {
      error: `${formatTime(until.at, safeZone(ctx.timeZone))} has already passed; a freeze needs an end in the future.`
    };
  }
  const reason = [until.rest.replace(/^[\s:,;\-–—]+/, ""), ...moreLines].join("\n").trim();
  if (reason === "") return { error: "Say why merges are frozen, after the end time." };
  const command = split.branches === void 0 ? { verb: "freeze", until: until.at, reason } : { verb: "freeze", until: until.at, reason, branches: split.branches };
  return { command };
}
function safeZone(zone) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

// src/core/commands/visibleLines.ts
import { Parser } from "commonmark";
var INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
var HIDDEN_BLOCKS = /* @__PURE__ */ new Set(["block_quote", "code_block", "html_block", "heading"]);
function visibleLines(body) {
  const lines = body.split(/\r\n|\r|\n/);
  const visible = lines.map(() => null);
  for (const paragraph of paragraphs(parse(body))) {
    const [[first], [last]] = paragraph.sourcepos;
    const raw = lines.slice(first - 1, last).join("\n");
    const text = withoutComments(raw, paragraph);
    if (text === void 0) continue;
    text.split("\n").forEach((line, index) => {
      visible[first - 1 + index] = line.replace(INVISIBLE, "");
    });
  }
  return visible.map((text, index) => ({ line: index + 1, text }));
}
function parse(markdown) {
  return new Parser().parse(markdown);
}
function paragraphs(document) {
  const found = [];
  const visit = (node) => {
    for (let child = node.firstChild; child !== null; child = child.next) {
      if (child.type === "paragraph") found.push(child);
      else if (!HIDDEN_BLOCKS.has(child.type)) visit(child);
    }
  };
  visit(document);
  return found;
}
function withoutComments(raw, paragraph) {
  const parsed = [];
  const walker = paragraph.walker();
  for (let step = walker.next(); step !== null; step = walker.next()) {
    const literal = step.node.literal;
    if (step.node.type === "html_inline" && literal !== null && literal.startsWith("<!--"))
      parsed.push(literal);
  }
  let text = "";
  let at = 0;
  const found = [];
  for (let start = raw.indexOf("<!--", at); start >= 0; start = raw.indexOf("<!--", at)) {
    const end = commentEnd(raw, start);
    if (end === void 0) break;
    const comment = raw.slice(start, end);
    found.push(comment);
    text += raw.slice(at, start) + comment.replace(/[^\n]/g, "");
    at = end;
  }
  text += raw.slice(at);
  if (found.length !== parsed.length || found.some((comment, i) => comment !== parsed[i])) return void 0;
  return text;
}
function commentEnd(raw, start) {
  if (raw.startsWith("<!-->", start)) return start + 5;
  if (raw.startsWith("<!--->", start)) return start + 6;
  const close = raw.indexOf("-->", start + 4);
  return close < 0 ? void 0 : close + 3;
}

// src/core/commands/parseCommands.ts
var TAKES_PARAGRAPH = /* @__PURE__ */ new Set([
  "update",
  "mitigate",
  "resolve",
  "note",
  "deviation",
  "cancel",
  "freeze",
  "unfreeze",
  "freeze-exception"
]);
var MAX_COMMANDS_PER_COMMENT = 10;
var MEMO_LIMIT = 2e3;
var memo = /* @__PURE__ */ new Map();
function parseCommands(body, ctx) {
  const key = `${ctx.at}\0${ctx.timeZone}\0${ctx.roles.join(",")}\0${body}`;
  const known = memo.get(key);
  if (known !== void 0) return [...known];
  const parsed = parseUncached(body, ctx);
  memo.set(key, parsed);
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value);
  return [...parsed];
}
function parseUncached(body, ctx) {
  const lines = visibleLines(body);
  const parsed = [];
  let commands = 0;
  for (let index = 0; index < lines.length; index++) {
    const current = lines[index];
    const text = current?.text;
    if (current === void 0 || text === null || text === void 0) continue;
    const head = matchCommand(text);
    if (head === void 0) continue;
    const source = text.trim();
    if (++commands > MAX_COMMANDS_PER_COMMENT) {
      const more = lines.slice(index).filter((l) => l.text !== null && matchCommand(l.text) !== void 0);
      parsed.push({
        line: current.line,
        source,
        ok: false,
        verb: head.word,
        error: more.length > 1 ? `I read at most ${MAX_COMMANDS_PER_COMMENT} commands from one comment, so I did not run this line or the ${more.length - 1} after it.` : `I read at most ${MAX_COMMANDS_PER_COMMENT} commands from one comment, so I did not run this line.`,
        usage: "Post the remaining commands in a new comment."
      });
      break;
    }
    if (head.verb === void 0) {
      const suggestion = closestVerb(head.word);
      parsed.push({
        line: current.line,
        source,
        ok: false,
        verb: head.word,
        error: `${codeSpan("/" + head.word, ECHO_LENGTH)} is not a command I know. Did you mean \`/${suggestion}\`? \`/help\` lists them all.`,
        usage: usageFor(suggestion)
      });
      continue;
    }
    let args = head.rest;
    if (TAKES_PARAGRAPH.has(head.verb)) {
      const more = [];
      while (index + 1 < lines.length) {
        const next = lines[index + 1]?.text;
        if (next === null || next === void 0 || next.trim() === "" || matchCommand(next) !== void 0)
          break;
        more.push(next.trim());
        index += 1;
      }
      if (more.length > 0) args = [args.trim(), ...more].filter((part) => part !== "").join("\n");
    }
    const result = parseArguments(head.verb, args, ctx);
    parsed.push(
      "command" in result ? { line: current.line, source, ok: true, command: result.command } : {
        line: current.line,
        source,
        ok: false,
        verb: head.verb,
        error: result.error,
        usage: usageFor(head.verb)
      }
    );
  }
  return parsed;
}

// src/core/projection/enterState.ts
function enterState(draft, state, at) {
  draft.state = state;
  if (state !== "declared" && state !== "cancelled") draft.acknowledgedAt ??= at;
  if (state === "mitigated") draft.mitigatedAt ??= at;
  if (state === "resolved" || state === "postmortem") draft.resolvedAt ??= at;
  if (state === "postmortem") draft.postmortemAt ??= at;
  if (state === "cancelled") draft.cancelledAt ??= at;
  if (state !== "cancelled") draft.cancelledAt = void 0;
}

// src/core/projection/applyLabelEvent.ts
function applyLabelEvent(draft, event, _config, names) {
  const added = event.type === "labeled";
  const state = names.stateOf(event.label);
  if (state !== void 0) {
    if (added && state !== draft.state) {
      enterState(draft, state, event.at);
      draft.timeline.push({
        at: event.at,
        kind: "state",
        actor: event.actor,
        text: `set the state to ${state} by label`
      });
    }
    return;
  }
  const severity2 = names.severityOf(event.label);
  if (severity2 !== void 0) {
    if (added && severity2 !== draft.severity) {
      draft.severity = severity2;
      draft.severitySet = true;
      draft.timeline.push({
        at: event.at,
        kind: "severity",
        actor: event.actor,
        text: `set the severity to ${severityName(severity2)} by label`
      });
    }
    return;
  }
  if (event.label.toLowerCase() === names.revenue.toLowerCase()) {
    if (draft.revenue !== added) {
      delete draft.revenueAssumed;
      draft.revenue = added;
      draft.timeline.push({
        at: event.at,
        kind: "impact",
        actor: event.actor,
        text: added ? "marked revenue as affected" : "marked revenue as not affected"
      });
    }
    return;
  }
  if (event.label.toLowerCase() === names.incident.toLowerCase()) return;
  draft.timeline.push({
    at: event.at,
    kind: "label",
    actor: event.actor,
    text: `${added ? "added" : "removed"} label ${event.label}`
  });
}

// src/core/projection/linkedPullRequests.ts
var REVERT = /^revert\b|\brevert[s]?\s+"|^revert-/i;
function linkedPullRequests(events) {
  const byNumber = /* @__PURE__ */ new Map();
  for (const event of events) {
    if (event.type !== "cross-referenced" || !event.source.isPullRequest) continue;
    const source = event.source;
    if (byNumber.has(source.number)) continue;
    byNumber.set(source.number, {
      number: source.number,
      title: source.title,
      url: source.url,
      state: source.merged ? "merged" : source.state,
      at: event.at,
      ...source.mergedAt !== void 0 ? { mergedAt: source.mergedAt } : {},
      revert: REVERT.test(source.title) || REVERT.test(source.headRef ?? "")
    });
  }
  return [...byNumber.values()];
}

// src/core/projection/findGaps.ts
function findGaps(incident, config) {
  const gaps = [];
  const resolved = incident.state === "resolved" || incident.state === "postmortem";
  if (resolved && incident.resolution === void 0) {
    gaps.push({
      kind: "resolved-without-resolution",
      since: incident.resolvedAt ?? incident.declaredAt,
      message: "Resolved, but no resolution is journaled. Type `/resolve <what was wrong and what fixed it>`."
    });
  }
  if (incident.state === "mitigated" && incident.workaround === void 0) {
    gaps.push({
      kind: "mitigated-without-workaround",
      since: incident.mitigatedAt ?? incident.declaredAt,
      message: "Mitigated, but the workaround is not journaled. Type `/mitigate <what is in place>`."
    });
  }
  if (incident.state !== "cancelled" && incident.state !== "declared" && incident.lead === void 0) {
    gaps.push({
      kind: "no-lead",
      since: incident.acknowledgedAt ?? incident.declaredAt,
      message: "Nobody leads. Type `/lead @someone`."
    });
  }
  if (!config.roles.allow_lead_as_comms && incident.lead !== void 0 && incident.lead === incident.comms) {
    gaps.push({
      kind: "comms-is-lead",
      since: incident.declaredAt,
      message: "The lead is also the communicator; pick someone independent with `/comms @someone`."
    });
  }
  if (incident.postmortem?.state === "closed") {
    gaps.push({
      kind: "postmortem-closed-unmerged",
      since: incident.postmortem.openedAt,
      message: `The post-mortem pull request #${incident.postmortem.number} was closed without merging. Reopen it to finish the review; the incident stays open until it merges.`
    });
  }
  if (!incident.open && !resolved && incident.state !== "cancelled") {
    gaps.push({
      kind: "closed-unresolved",
      since: incident.closedAt ?? incident.declaredAt,
      message: "This issue was closed before a resolution was journaled (merging a pull request that says \u201CFixes #N\u201D closes it automatically; \u201CRefs #N\u201D does not). Reopen it if the incident is still going on, or record how it ended with `/resolve <what was wrong and what fixed it>`."
    });
  }
  const hold = incident.freezeHold;
  if (hold) {
    gaps.push({
      kind: "freeze-held",
      since: hold.at,
      // Logins in code spans: the board names them without pinging anyone.
      message: `Merges stay frozen: \`${hold.by}\` ${hold.change}, which would have lifted this incident's code freeze, but lifting it takes the **${hold.needed}** role and they have **${hold.role}**. Nothing was reverted. Someone with that role lifts it by making the change themselves, by command (\`/resolve \u2026\`, \`/cancel \u2026\`, \`/sev \u2026\`), or by taking the \`${config.labels.freeze_held}\` label off.`
    });
  }
  if (incident.postmortemError !== void 0) {
    gaps.push({
      kind: "postmortem-failed",
      since: incident.resolvedAt ?? incident.declaredAt,
      message: incident.postmortemError
    });
  }
  return gaps;
}

// src/core/emptyIncident.ts
function emptyIncident(fields) {
  return {
    open: true,
    state: "declared",
    severity: 3,
    severitySet: false,
    revenue: false,
    startedAt: fields.declaredAt,
    roles: {},
    updates: [],
    notes: [],
    deviations: [],
    form: {},
    pullRequests: [],
    freezeExceptions: [],
    followups: [],
    notices: [],
    deliveries: [],
    gaps: [],
    timeline: [],
    ...fields
  };
}

// src/core/projection/incidentFindings.ts
function applyFindings(draft, found, now) {
  if (found.followups !== void 0) draft.followups = found.followups;
  if (found.postmortemError !== void 0) draft.postmortemError = found.postmortemError;
  const link = found.postmortem;
  if (link === void 0) return;
  draft.postmortem = link;
  enterState(draft, "postmortem", link.openedAt);
  draft.postmortemAt = link.openedAt;
  const row = { kind: "postmortem", url: link.url };
  draft.timeline.push({
    ...row,
    at: link.openedAt,
    text: `post-mortem opened for review as pull request #${link.number}`
  });
  if (link.state === "closed")
    draft.timeline.push({
      ...row,
      at: now,
      text: `post-mortem pull request #${link.number} was closed without merging`
    });
  if (link.state === "merged" && link.mergedAt !== void 0)
    draft.timeline.push({ ...row, at: link.mergedAt, text: `post-mortem merged (#${link.number})` });
}

// src/core/projection/leadership.ts
var same = (a, b) => a !== void 0 && b !== void 0 && a.toLowerCase() === b.toLowerCase();
function rosterLead(draft, config) {
  if (draft.state === "cancelled") return void 0;
  const from = acknowledgeFrom(draft, config);
  const onCall = onCallAt(
    config.oncall,
    config.business_hours.timezone,
    from,
    config.business_hours.holidays
  );
  if (onCall.primary === void 0) return void 0;
  if (draft.rosterDismissed?.some((login) => same(login, onCall.primary))) return void 0;
  return {
    login: onCall.primary,
    from,
    ...onCall.period !== void 0 ? { period: onCall.period } : {}
  };
}
function leaderAt(draft, config, at) {
  if (draft.lead !== void 0) return draft.lead;
  const roster = rosterLead(draft, config);
  return roster !== void 0 && at >= roster.from ? roster.login : void 0;
}
function handLead(draft, config, user, at) {
  const before = leaderAt(draft, config, at);
  draft.lead = user;
  draft.replacedLeads = (draft.replacedLeads ?? []).filter((login) => !same(login, user));
  if (before === void 0 || same(before, user)) return void 0;
  if (!draft.replacedLeads.some((login) => same(login, before))) draft.replacedLeads.push(before);
  return before;
}
function assignedByHand(draft, login) {
  if (draft.replacedLeads) draft.replacedLeads = draft.replacedLeads.filter((l) => !same(l, login));
  if (draft.rosterDismissed) draft.rosterDismissed = draft.rosterDismissed.filter((l) => !same(l, login));
}
function unassignedByHand(draft, config, login, at) {
  if (!same(leaderAt(draft, config, at), login)) return;
  if (same(draft.lead, login)) delete draft.lead;
  if (same(rosterLead(draft, config)?.login, login)) (draft.rosterDismissed ??= []).push(login);
}

// src/core/freeze/holdLabelTakenOff.ts
function holdLabelTakenOff(events, label, isBot) {
  const name = label.toLowerCase();
  const last = [...events].sort((a, b) => a.at - b.at || a.seq - b.seq).filter((e) => (e.type === "labeled" || e.type === "unlabeled") && e.label.toLowerCase() === name).at(-1);
  return last?.type === "unlabeled" && !isBot(last.actor) ? last.at : void 0;
}

// src/core/projection/commandComments.ts
function commandComments(events, trustedBots, config) {
  const found = [];
  for (const event of events) {
    if (event.type !== "commented" || trustedBots.has(event.comment.author.toLowerCase())) continue;
    const lines = parseCommands(event.comment.body, {
      at: event.comment.createdAt,
      timeZone: config.business_hours.timezone,
      roles: config.roles.extra
    });
    if (lines.length > 0) found.push({ comment: event.comment, lines });
  }
  return found;
}
function namedPeople(line, author) {
  if (!line.ok) return [];
  const command = line.command;
  if (command.verb !== "lead" && command.verb !== "comms" && command.verb !== "role") return [];
  return [command.user.toLowerCase() === "me" ? author : command.user];
}

// src/core/projection/applyCommand.ts
var CLOSED_STATES = /* @__PURE__ */ new Set(["resolved", "postmortem", "cancelled"]);
function applyCommand(draft, command, base, config, roleOf) {
  const applied = () => ({ ...base, verb: command.verb, result: "applied" });
  const refused = (reason, usage) => ({
    ...base,
    verb: command.verb,
    result: "refused",
    reason,
    usage
  });
  if (command.verb === "freeze" || command.verb === "unfreeze" || command.verb === "freeze-exception") {
    return { ...base, verb: command.verb, result: "elsewhere" };
  }
  if (command.verb === "help") return { ...base, verb: "help", result: "help" };
  const who = (user) => user.toLowerCase() === "me" ? base.actor : user;
  if (command.verb === "lead" || command.verb === "comms" || command.verb === "role") {
    const user = who(command.user);
    if (!permits(roleOf(user), "read")) {
      return refused(
        `${codeSpan("@" + user, ECHO_LENGTH)} cannot see this repository: GitHub knows no such user, or they have no access to it.`,
        "Check the spelling of the username, or ask an admin to give them access first; then type the command again."
      );
    }
  }
  const { at, actor } = base;
  const log2 = (kind, text) => draft.timeline.push({ at, kind, actor, text });
  const inactive = CLOSED_STATES.has(draft.state);
  switch (command.verb) {
    case "ack": {
      if (inactive)
        return refused(
          `This incident is already ${draft.state}.`,
          "Nothing to acknowledge. Use `/note <text>` to add to the record."
        );
      if (draft.state === "declared") {
        enterState(draft, "acknowledged", at);
        draft.acknowledgedBy = actor;
        log2("state", `acknowledged: ${command.text ?? "on it"}`);
      } else if (command.text !== void 0) {
        log2("note", `on it: ${command.text}`);
      }
      if (leaderAt(draft, config, at) === void 0) {
        draft.lead = actor;
        log2("role", `${actor} leads`);
      }
      return applied();
    }
    case "lead": {
      const user = who(command.user);
      if (draft.lead !== user) {
        const before = handLead(draft, config, user, at);
        log2("role", before !== void 0 ? `${user} leads, taking over from ${before}` : `${user} leads`);
      }
      return applied();
    }
    case "comms": {
      const user = who(command.user);
      if (!config.roles.allow_lead_as_comms && user.toLowerCase() === leaderAt(draft, config, at)?.toLowerCase()) {
        return refused(
          `${user} leads this incident; the communicator should be someone else, so updates keep flowing while the lead works the problem.`,
          "Pick another person: `/comms @someone`. (A repository can allow this with `roles.allow_lead_as_comms: true`.)"
        );
      }
      if (draft.comms !== user) {
        draft.comms = user;
        log2("role", `${user} communicates`);
      }
      return applied();
    }
    case "role": {
      const user = who(command.user);
      const people = draft.roles[command.role] ??= [];
      if (!people.some((p) => p.toLowerCase() === user.toLowerCase())) {
        people.push(user);
        log2("role", `${user} is ${command.role}`);
      }
      return applied();
    }
    case "sev":
      if (draft.severity !== command.severity || !draft.severitySet) {
        draft.severity = command.severity;
        draft.severitySet = true;
        log2("severity", `set the severity to ${severityName(command.severity)}`);
      }
      return applied();
    case "impact":
      delete draft.revenueAssumed;
      if (draft.revenue !== command.revenue) {
        draft.revenue = command.revenue;
        log2("impact", command.revenue ? "marked revenue as affected" : "marked revenue as not affected");
      }
      return applied();
    case "update": {
      if (draft.state === "cancelled")
        return refused("This incident was cancelled.", "Use `/note <text>` to add to the record.");
      const nextDueAt = command.nextMs !== void 0 ? at + command.nextMs : void 0;
      draft.updates.push({
        at,
        by: actor,
        text: command.text,
        commentId: base.commentId,
        ...nextDueAt !== void 0 ? { nextDueAt } : {}
      });
      log2(
        "update",
        `status update: ${command.text}${nextDueAt !== void 0 ? ` (next by ${formatTime(nextDueAt, config.business_hours.timezone)})` : ""}`
      );
      if (nextDueAt === void 0 && !inactive)
        return {
          ...applied(),
          nudge: "Noted. Next time, end the update with when the next one comes, so stakeholders know when to look again: `next 30m` or `next at 15:00`. Until an update promises a time, the board counts the severity's usual cadence."
        };
      return applied();
    }
    case "mitigate": {
      if (inactive)
        return refused(
          `This incident is already ${draft.state}.`,
          "Use `/note <text>` to add to the record."
        );
      draft.workaround = { at, by: actor, text: command.text, commentId: base.commentId };
      if (draft.state !== "mitigated") enterState(draft, "mitigated", at);
      log2("workaround", `workaround in place: ${command.text}`);
      return applied();
    }
    case "resolve": {
      if (draft.state === "cancelled") {
        return refused(
          "This incident was cancelled as a false alarm.",
          "If it was real after all, set the `incident:acknowledged` label first, then `/resolve`."
        );
      }
      draft.resolution = { at, by: actor, text: command.text, commentId: base.commentId };
      if (draft.state !== "resolved" && draft.state !== "postmortem") enterState(draft, "resolved", at);
      log2("resolution", `resolved: ${command.text}`);
      return applied();
    }
    case "announce": {
      const known = Object.keys(config.channels);
      if (known.length === 0)
        return refused(
          "There is no channel to send the stakeholder notice to.",
          "Define one under `channels:` in `.github/expedite.yml` (see docs/channels.md)."
        );
      const pagers = command.channels.filter((c) => config.channels[c]?.type === "pagerduty");
      if (pagers.length > 0)
        return refused(
          `${pagers.map((c) => `\`${c}\``).join(", ")} is a pager: it takes alerts, not the stakeholder notice.`,
          "Name a chat, e-mail or webhook channel, or type `/announce` alone."
        );
      const unknown = command.channels.filter((c) => !known.includes(c));
      if (unknown.length > 0)
        return refused(
          `No channel named ${unknown.map((c) => `\`${c}\``).join(", ")}.`,
          `Channels here: ${known.map((c) => `\`${c}\``).join(", ")}. Or type \`/announce\` alone for the usual ones.`
        );
      (draft.announcements ??= []).push({
        at,
        by: actor,
        commentId: base.commentId,
        channels: command.channels
      });
      log2(
        "note",
        `asked for the stakeholder notice to be sent${command.channels.length > 0 ? ` to ${command.channels.join(", ")}` : ""}`
      );
      return applied();
    }
    case "note":
      draft.notes.push({ at, by: actor, text: command.text, commentId: base.commentId });
      log2("note", command.text);
      return applied();
    case "deviation":
      draft.deviations.push({ at, by: actor, text: command.text, commentId: base.commentId });
      log2("deviation", `process deviation: ${command.text}`);
      return applied();
    case "started":
      if (command.at > draft.declaredAt) {
        return refused(
          "The start you gave is after the incident was declared.",
          "Give the moment the problem began, e.g. `/started 14:05` or `/started 2h ago`."
        );
      }
      draft.startedAt = command.at;
      delete draft.unreadStart;
      log2("started", `backdated the start to ${formatTime(command.at, config.business_hours.timezone)}`);
      return applied();
    case "cancel":
      if (draft.state === "resolved" || draft.state === "postmortem") {
        return refused(
          "This incident is already resolved; there is nothing to cancel.",
          "Use `/note <text>` to add to the record."
        );
      }
      draft.cancelReason = { at, by: actor, text: command.text, commentId: base.commentId };
      if (draft.state !== "cancelled") enterState(draft, "cancelled", at);
      log2("cancel", `cancelled: ${command.text}`);
      return applied();
  }
}

// src/core/projection/judgeLine.ts
var FREEZE_VERBS = /* @__PURE__ */ new Set(["freeze", "unfreeze", "freeze-exception"]);
function judgeLine(draft, line, comment, config, permissions) {
  const base = {
    commentId: comment.id,
    line: line.line,
    actor: comment.author,
    at: comment.createdAt,
    source: line.source
  };
  const role = permissions.get(comment.author.toLowerCase());
  const edited2 = comment.updatedAt - comment.createdAt >= 1e3;
  const permission = edited2 && permits(role, "maintain") ? "write" : role;
  const verb = line.ok ? line.command.verb : line.verb;
  if (verb === "help") {
    if (line.ok) return { ...base, verb, result: "help" };
  } else {
    const needed = FREEZE_VERBS.has(verb) ? config.commands.freeze_permission : config.commands.permission;
    if (!permits(permission, needed) && !(line.ok && FREEZE_VERBS.has(verb))) {
      return {
        ...base,
        verb,
        result: "refused",
        permission: true,
        reason: edited2 && permits(role, needed) ? `\`/${verb}\` needs the **${needed}** role, and this comment was edited after it was posted; GitHub does not say who edited it, and anyone with write access can, so an edited comment counts with at most **write**.` : `\`/${verb}\` needs the **${needed}** role on this repository or higher, and you have **${permission ?? "none"}**.`,
        usage: edited2 && permits(role, needed) ? "Post the command again in a new comment." : "Ask a maintainer to run it, or to grant you that role. Anyone can still comment without a command."
      };
    }
  }
  if (!line.ok) {
    return { ...base, verb: line.verb, result: "refused", reason: line.error, usage: line.usage };
  }
  return applyCommand(draft, line.command, base, config, (login) => permissions.get(login.toLowerCase()));
}

// src/core/projection/incidentFreezeSteps.ts
var FREEZE_DECIDING_VERBS = /* @__PURE__ */ new Set(["sev", "resolve", "cancel"]);
function incidentFreezeSteps(config, names, isBot, labeledAtStart) {
  const steps = [];
  const incidentLabel = names.incident.toLowerCase();
  const heldLabel = config.labels.freeze_held.toLowerCase();
  let open = true;
  let labeled = labeledAtStart;
  let was = { freezing: false, fields: "" };
  const fields = (draft) => `${open}/${labeled}/${draft.state}/${draft.severity}`;
  const freezing = (draft) => labeled && freezesMerges({ open, state: draft.state, severity: draft.severity, freezeHeld: false }, config);
  return {
    steps,
    before(draft, event) {
      was = { freezing: freezing(draft), fields: fields(draft) };
      if (event.type === "closed") open = false;
      if (event.type === "reopened") open = true;
      if ((event.type === "labeled" || event.type === "unlabeled") && event.label.toLowerCase() === incidentLabel)
        labeled = event.type === "labeled";
    },
    after(draft, event, decided = false) {
      const now = freezing(draft);
      const moved = now !== was.freezing || fields(draft) !== was.fields;
      const base = { at: event.at, actor: event.actor, freezingAfter: now };
      switch (event.type) {
        case "labeled":
        case "unlabeled": {
          const hand = !isBot(event.actor);
          if (event.type === "unlabeled" && event.label.toLowerCase() === heldLabel) {
            steps.push({
              ...base,
              change: `removed the ${event.label} label`,
              byHand: hand,
              releasesHold: true
            });
            return;
          }
          if (!moved) return;
          const verb = event.type === "labeled" ? "added" : "removed";
          steps.push({ ...base, change: labelChange(event.label, verb, names), byHand: hand });
          return;
        }
        case "closed":
        case "reopened":
          steps.push({ ...base, change: `${event.type} the issue`, byHand: !isBot(event.actor) });
          return;
        case "commented":
          if (moved || decided) steps.push({ ...base, change: "ran a command", byHand: false });
          return;
        default:
          return;
      }
    }
  };
}
function labelChange(label, verb, names) {
  const severity2 = names.severityOf(label);
  if (severity2 !== void 0 && verb === "added") return `set severity ${severity2} by label`;
  const state = names.stateOf(label);
  if (state !== void 0 && verb === "added") return `set the state to ${state} by label`;
  return `${verb} the ${label} label`;
}

// src/core/freeze/freezeHold.ts
function freezeHoldOf(steps, initiallyFreezing, roles, needed) {
  return freezeHistory(steps, initiallyFreezing, roles, needed, 0).hold;
}
function freezeHistory(steps, initiallyFreezing, roles, needed, from) {
  let freezing = initiallyFreezing;
  let hold;
  const periods = initiallyFreezing ? [{ startedAt: from }] : [];
  const apply = (step, allowed, role) => {
    if (step.releasesHold) {
      if (hold && allowed) hold = void 0;
      return;
    }
    if (step.freezingAfter) {
      freezing = true;
      hold = void 0;
      return;
    }
    if (!freezing) {
      if (hold && allowed) hold = void 0;
      return;
    }
    freezing = false;
    if (!allowed) hold = { by: step.actor, at: step.at, change: step.change, role, needed };
  };
  for (const step of steps) {
    const role = roles.get(step.actor.toLowerCase()) ?? "none";
    apply(step, !step.byHand || permits(role, needed), role);
    const inForce = freezing || hold !== void 0;
    const last = periods.at(-1);
    const running = last !== void 0 && last.endedAt === void 0;
    const at = Math.max(step.at, from);
    if (inForce && !running) periods.push({ startedAt: at });
    else if (!inForce && last && running) {
      if (at <= last.startedAt) periods.pop();
      else last.endedAt = at;
    }
  }
  return { ...hold ? { hold } : {}, periods };
}
function holdActors(steps, initiallyFreezing) {
  const actors = /* @__PURE__ */ new Set();
  let freezing = initiallyFreezing;
  let mayHold = false;
  for (const step of steps) {
    if (step.releasesHold) {
      if (mayHold && step.byHand) actors.add(step.actor.toLowerCase());
      continue;
    }
    if (step.freezingAfter) {
      freezing = true;
      mayHold = false;
      continue;
    }
    if (freezing) {
      freezing = false;
      mayHold = step.byHand;
      if (step.byHand) actors.add(step.actor.toLowerCase());
    } else if (mayHold && step.byHand) {
      actors.add(step.actor.toLowerCase());
    }
  }
  return [...actors];
}

// src/core/projection/projectIncident.ts
function projectIncident(issue, events, config, ctx) {
  const zone = config.business_hours.timezone;
  const form = parseIssueForm(issue.body, { now: issue.createdAt, timeZone: zone });
  const names = labelNames(config);
  const sorted = [...events].sort((a, b) => a.at - b.at || a.seq - b.seq);
  const isBot = (login) => ctx.trustedBots.has(login.toLowerCase());
  const declaredEvent = sorted.find((e) => e.type === "labeled" && e.label === names.incident);
  const declaredAt = declaredEvent?.at ?? issue.createdAt;
  const draft = emptyIncident({
    number: issue.number,
    title: issue.title,
    url: issue.url,
    open: issue.state === "open",
    severity: form.severity ?? config.severity.default,
    severitySet: form.severity !== void 0,
    revenue: form.revenue === "yes" || form.revenue === "unknown" && config.escalation.unknown_revenue === "revenue",
    ...form.revenue === "unknown" && config.escalation.unknown_revenue === "revenue" ? { revenueAssumed: true } : {},
    declaredAt,
    declaredBy: declaredEvent?.actor ?? issue.author,
    startedAt: form.startedAt !== void 0 && form.startedAt <= declaredAt ? form.startedAt : declaredAt,
    form
  });
  const startProblem = form.startedProblem ?? (form.startedAt !== void 0 && form.startedAt > declaredAt ? "That is after the incident was declared." : void 0);
  if (startProblem !== void 0 && form.startedText !== void 0)
    draft.unreadStart = { text: form.startedText, reason: startProblem };
  const timeline = draft.timeline;
  timeline.push({ at: declaredAt, kind: "declared", actor: draft.declaredBy, text: "declared the incident" });
  if (form.startedAt !== void 0 && form.startedAt < declaredAt) {
    timeline.push({ at: form.startedAt, kind: "started", text: "problem began (from the report)" });
  }
  const outcomes = [];
  const commandComments2 = [];
  const humanComments = /* @__PURE__ */ new Map();
  const referenced = /* @__PURE__ */ new Set();
  let stateSetBy;
  let reopenedAt;
  const roles = config.roles.extra;
  const freezeSteps = incidentFreezeSteps(config, names, isBot, declaredEvent === void 0);
  const frozeAtStart = declaredEvent === void 0 && freezesMerges({ open: true, state: draft.state, severity: draft.severity }, config);
  for (const event of sorted) {
    freezeSteps.before(draft, event);
    const judged = outcomes.length;
    applyEvent(event);
    const decided = outcomes.slice(judged).some((o) => o.result === "applied" && FREEZE_DECIDING_VERBS.has(o.verb));
    freezeSteps.after(draft, event, decided);
  }
  function applyEvent(event) {
    switch (event.type) {
      case "labeled":
      case "unlabeled":
        if (isBot(event.actor)) break;
        if (event.type === "labeled" && names.stateOf(event.label) !== void 0) stateSetBy = event.actor;
        applyLabelEvent(draft, event, config, names);
        break;
      case "assigned":
        if (isBot(event.actor)) break;
        assignedByHand(draft, event.assignee);
        if (leaderAt(draft, config, event.at) === void 0) {
          draft.lead = event.assignee;
          timeline.push({
            at: event.at,
            kind: "role",
            actor: event.actor,
            text: `assigned ${event.assignee}, who leads`
          });
        } else {
          timeline.push({
            at: event.at,
            kind: "assignment",
            actor: event.actor,
            text: `assigned ${event.assignee}`
          });
        }
        break;
      case "unassigned":
        if (isBot(event.actor)) break;
        unassignedByHand(draft, config, event.assignee, event.at);
        timeline.push({
          at: event.at,
          kind: "assignment",
          actor: event.actor,
          text: `unassigned ${event.assignee}`
        });
        break;
      case "closed":
        if (isBot(event.actor)) break;
        timeline.push({ at: event.at, kind: "closed", actor: event.actor, text: "closed the issue" });
        break;
      case "reopened":
        if (!isBot(event.actor)) reopenedAt = event.at;
        timeline.push({ at: event.at, kind: "reopened", actor: event.actor, text: "reopened the issue" });
        break;
      case "renamed":
        break;
      case "cross-referenced":
        break;
      case "commented": {
        const comment = event.comment;
        if (isBot(comment.author)) {
          if (comment.updatedAt - comment.createdAt < 1e3)
            recordBotNotice(draft, config, comment.id, comment.body, comment.createdAt);
          break;
        }
        humanComments.set(comment.id, { updatedAt: comment.updatedAt });
        referenced.add(comment.author.toLowerCase());
        const parsed = parseCommands(comment.body, { at: comment.createdAt, timeZone: zone, roles });
        if (parsed.length === 0) break;
        commandComments2.push({
          id: comment.id,
          author: comment.author,
          createdAt: comment.createdAt,
          updatedAt: comment.updatedAt,
          verbs: parsed.map((line) => line.ok ? line.command.verb : line.verb)
        });
        for (const line of parsed) {
          for (const person2 of namedPeople(line, comment.author)) referenced.add(person2.toLowerCase());
          outcomes.push(judgeLine(draft, line, comment, config, ctx.permissions));
        }
        break;
      }
    }
  }
  const projectedAt = ctx.now ?? sorted.at(-1)?.at ?? issue.createdAt;
  const ledger = nextLedger(
    ctx.ledger ?? emptyLedger(),
    commandComments2,
    humanComments,
    { referenced, fetched: ctx.fetched ?? ctx.permissions },
    projectedAt
  );
  for (const change of ledger.changes) timeline.push(changeEntry(change, zone));
  for (const pr of linkedPullRequests(sorted)) {
    draft.pullRequests.push(pr);
    timeline.push({
      at: pr.at,
      kind: "pull-request",
      text: `${pr.revert ? "revert " : ""}pull request #${pr.number} referenced this incident: ${pr.title}`,
      url: pr.url
    });
    if (pr.mergedAt !== void 0) {
      timeline.push({
        at: pr.mergedAt,
        kind: "pull-request",
        text: `pull request #${pr.number} merged`,
        url: pr.url
      });
    }
  }
  if (issue.state === "closed") draft.closedAt = issue.closedAt ?? draft.closedAt;
  let leadFromRoster = false;
  const roster = rosterLead(draft, config);
  if (roster !== void 0 && (draft.lead === void 0 || draft.replacedLeads?.includes(roster.login))) {
    timeline.push({
      at: roster.from,
      kind: "role",
      text: `${roster.login} leads as the on-call engineer${roster.period ? ` (${roster.period})` : ""}`
    });
    if (draft.lead === void 0) {
      draft.lead = roster.login;
      leadFromRoster = true;
    }
  }
  const covered = /* @__PURE__ */ new Map();
  for (const step of stepsCoveredBy(draft, config)) {
    const entry = covered.get(step.commentId) ?? { at: step.postedAt, keys: [] };
    entry.keys.push(step.key);
    covered.set(step.commentId, entry);
  }
  draft.timeline = draft.timeline.filter((entry) => entry.kind !== "escalation");
  for (const { at, keys } of covered.values())
    draft.timeline.push({ at, kind: "escalation", text: escalatedText(keys, draft, config) });
  const initiallyFreezing = false;
  const hold = freezeHoldOf(
    freezeSteps.steps,
    initiallyFreezing,
    ctx.permissions,
    config.commands.permission
  );
  draft.freezePeriods = freezeHistory(
    freezeSteps.steps,
    frozeAtStart,
    ctx.permissions,
    config.commands.permission,
    declaredAt
  ).periods;
  if (hold) {
    draft.freezeHeld = true;
    draft.freezeHold = hold;
    timeline.push({
      at: hold.at,
      kind: "freeze-held",
      actor: hold.by,
      text: `${hold.change}, which would have lifted this incident's code freeze; it holds (that takes the ${hold.needed} role)`
    });
  }
  const rolesMissing = holdActors(freezeSteps.steps, initiallyFreezing).filter(
    (login) => !ctx.permissions.has(login)
  );
  const heldLabel = config.labels.freeze_held.toLowerCase();
  const takenOff = holdLabelTakenOff(events, heldLabel, isBot);
  const holdRecordsMayRemain = hold === void 0 && (issue.labels.some((l) => l.toLowerCase() === heldLabel) || takenOff !== void 0 && toSeconds(takenOff) > ledger.holdLabelOff);
  if (hold === void 0 && takenOff !== void 0)
    ledger.holdLabelOff = Math.max(ledger.holdLabelOff, toSeconds(takenOff));
  if (ctx.findings) applyFindings(draft, ctx.findings, projectedAt);
  draft.deliveries = [...deliveriesFrom(botCommentsFrom(events, ctx.trustedBots)).values()];
  draft.gaps = findGaps(draft, config);
  draft.timeline.sort((a, b) => a.at - b.at);
  return {
    incident: draft,
    outcomes,
    leadFromRoster,
    ledger,
    rolesMissing,
    holdRecordsMayRemain,
    ...stateSetBy !== void 0 ? { stateSetBy } : {},
    ...reopenedAt !== void 0 ? { reopenedAt } : {}
  };
}
function changeEntry(change, zone) {
  const verbs = (list2) => list2.length > 0 ? list2.map((v) => `/${v}`).join(", ") : "no command";
  const posted = formatTime(change.postedAt, zone);
  const text = change.kind === "deleted" ? `their command comment of ${posted} (${verbs(change.before)}) was deleted` : change.before.length > 0 ? `their command comment of ${posted} was edited: it said ${verbs(change.before)}, it now says ${verbs(change.after)}` : `their comment of ${posted} was edited after it was posted; it now says ${verbs(change.after)}`;
  return { at: change.at, kind: "edited", actor: change.author, text };
}
function recordBotNotice(draft, config, commentId, body, at) {
  const marker = parseMarker(body);
  if (marker?.kind === "exception-audit") {
    const granted = marker.data.granted === "yes";
    draft.freezeExceptions.push({
      at,
      by: marker.data.by ?? "",
      pullRequest: Number(marker.data.pr),
      sha: marker.data.sha ?? "",
      reason: marker.data.reason ?? "",
      granted,
      ...marker.data.deploy === "yes" ? { deploy: true } : {}
    });
    const subject = marker.data.deploy === "yes" ? `deploying ${(marker.data.sha ?? "").slice(0, 7)} (#${marker.data.pr})` : `pull request #${marker.data.pr}`;
    draft.timeline.push({
      at,
      kind: "freeze-exception",
      actor: marker.data.by ?? "",
      text: `freeze exception ${granted ? "granted" : "requested"} for ${subject}: ${marker.data.reason ?? ""}`
    });
    return;
  }
  if (marker?.kind === "alert-evidence") {
    const resolved = marker.data.status === "resolved";
    const what = /\*\*What fired:\*\* (.*)/.exec(body)?.[1] ?? "the alert";
    draft.timeline.push({
      at,
      kind: "alert",
      text: `${resolved ? "alert resolved" : "alert fired again"}: ${what}`
    });
    return;
  }
  if (!marker || marker.kind !== "notice") return;
  const kind = marker.data.type;
  if (kind !== "escalation" && kind !== "ack-breach" && kind !== "reminder") return;
  recordNotice(
    draft,
    config,
    kind,
    (marker.data.keys ?? "").split(",").filter((k) => k !== ""),
    at,
    commentId
  );
}

// src/core/plan/rolesToLookUp.ts
function rolesToLookUp(comments, ledger, config) {
  const trustAuthors = permits("write", config.commands.permission);
  const fresh2 = /* @__PURE__ */ new Set();
  const cached = /* @__PURE__ */ new Set();
  for (const { comment, lines } of comments) {
    const seen = toSeconds(comment.updatedAt) <= ledger.seen;
    const author = comment.author.toLowerCase();
    const named = lines.flatMap((line) => namedPeople(line, comment.author)).map((l) => l.toLowerCase());
    for (const login of [author, ...named]) {
      const remembered = ledger.permissions.has(login);
      if (!seen || !remembered || login === author && !trustAuthors) fresh2.add(login);
      else cached.add(login);
    }
  }
  const known = /* @__PURE__ */ new Map();
  for (const login of cached) {
    if (fresh2.has(login)) continue;
    const remembered = ledger.permissions.get(login) ?? "none";
    known.set(login, permits(remembered, "write") ? "write" : remembered);
  }
  return { known, lookUp: [...fresh2] };
}

// src/github/permissionOf.ts
async function permissionOf(gh, login, cache) {
  const key = login.toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  let permission = "none";
  try {
    const { data } = await gh.octokit.request(
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
      {
        owner: gh.owner,
        repo: gh.repo,
        username: login
      }
    );
    const role = data.role_name ?? data.permission;
    permission = PERMISSION_ORDER.includes(role) ? role : legacy(data.permission);
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  cache.set(key, permission);
  return permission;
}
function legacy(permission) {
  return permission === "admin" ? "admin" : permission === "write" ? "write" : permission === "read" ? "read" : "none";
}

// src/reconcile/projectWithRoles.ts
async function projectWithRoles(gh, input) {
  const { config, issue, events, botComments, now, permissions, findings } = input;
  const ledger = readLedger(latestByIdentity(botComments).get("board"));
  const { known, lookUp } = rolesToLookUp(commandComments(events, gh.trustedBots, config), ledger, config);
  const fetched = /* @__PURE__ */ new Map();
  for (const login of lookUp) fetched.set(login, await permissionOf(gh, login, permissions));
  const project = () => projectIncident(issue, events, config, {
    trustedBots: gh.trustedBots,
    permissions: new Map([...known, ...fetched]),
    fetched,
    ledger,
    now,
    ...findings ? { findings } : {}
  });
  const first = project();
  if (first.rolesMissing.length === 0) return first;
  for (const login of first.rolesMissing) fetched.set(login, await permissionOf(gh, login, permissions));
  return project();
}

// src/core/postmortem/postmortemPath.ts
import { DateTime as DateTime10 } from "luxon";

// src/core/postmortem/slugify.ts
var MAX_SLUG = 50;
var INCIDENT_PREFIX = /^\s*\[\s*incident\s*\]\s*[:\-–—]?\s*/i;
function slugify(title) {
  const words = stripIncidentPrefix(title).normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter((word) => word !== "");
  let slug2 = "";
  for (const word of words) {
    const next = slug2 === "" ? word : `${slug2}-${word}`;
    if (next.length > MAX_SLUG) {
      if (slug2 === "") slug2 = word.slice(0, MAX_SLUG);
      break;
    }
    slug2 = next;
  }
  return slug2 === "" ? "incident" : slug2;
}
function stripIncidentPrefix(title) {
  return title.replace(INCIDENT_PREFIX, "");
}

// src/core/postmortem/postmortemPath.ts
function postmortemPath(incident, config) {
  if (incident.postmortem?.path) return incident.postmortem.path;
  const date = DateTime10.fromMillis(incident.startedAt, { zone: config.business_hours.timezone });
  return config.postmortem.path.replaceAll("{date}", date.isValid ? date.toFormat("yyyy-MM-dd") : "undated").replaceAll("{number}", String(incident.number)).replaceAll("{slug}", slugify(incident.title));
}
function postmortemBranch(incident, config) {
  return config.postmortem.branch.replaceAll("{number}", String(incident.number));
}

// src/core/postmortem/renderPostmortem.ts
import Mustache3 from "mustache";

// src/core/postmortem/actionItems.ts
var ACTION_ITEMS_HEADING = "Action items";
var HEADING2 = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
var FENCE2 = /^ {0,3}(`{3,}|~{3,})/;
var CHECKBOX = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\](?:[ \t]+(.*))?$/;
var LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
function parseActionItems(markdown, heading = ACTION_ITEMS_HEADING) {
  const lines = markdown.split(/\r?\n/);
  const wanted = normaliseHeading(heading);
  const items2 = [];
  let sectionLevel;
  let done = false;
  let fence;
  let inComment = false;
  let current;
  let currentIndent = 0;
  for (let index = 0; index < lines.length && !done; index++) {
    const raw = lines[index] ?? "";
    if (fence !== void 0) {
      if (raw.trimStart().startsWith(fence) && raw.trim().replace(/[`~]/g, "") === "") fence = void 0;
      continue;
    }
    const { text: line, inComment: stillInComment } = stripComments(raw, inComment);
    const wasInComment = inComment;
    inComment = stillInComment;
    if (wasInComment && line.trim() === "") continue;
    const fenceMatch = FENCE2.exec(line);
    if (fenceMatch) {
      fence = (fenceMatch[1] ?? "```").slice(0, 3);
      current = void 0;
      continue;
    }
    const headingMatch = HEADING2.exec(line);
    if (headingMatch) {
      const level = (headingMatch[1] ?? "").length;
      if (sectionLevel === void 0) {
        if (normaliseHeading(headingMatch[2] ?? "") === wanted) sectionLevel = level;
      } else if (level <= sectionLevel) {
        done = true;
      }
      current = void 0;
      continue;
    }
    if (sectionLevel === void 0) continue;
    const box = CHECKBOX.exec(line);
    if (box) {
      const text = (box[3] ?? "").trim();
      current = void 0;
      if (text === "") continue;
      current = { text, checked: box[2] !== " ", line: index + 1 };
      currentIndent = indentWidth(box[1] ?? "");
      items2.push(current);
      continue;
    }
    if (line.trim() === "" || LIST_ITEM.test(line)) {
      current = void 0;
      continue;
    }
    if (current && (indentWidth(/^[ \t]*/.exec(line)?.[0] ?? "") > currentIndent || !/^\s/.test(line))) {
      current.text = `${current.text} ${line.trim()}`;
    }
  }
  return items2;
}
function normaliseHeading(text) {
  return text.replace(/[*_`]/g, "").replace(/[:.]\s*$/, "").replace(/\s+/g, " ").trim().toLowerCase();
}
function indentWidth(whitespace) {
  return whitespace.replace(/\t/g, "    ").length;
}
function stripComments(line, inComment) {
  let rest = line;
  let out = "";
  let open = inComment;
  while (rest !== "") {
    if (open) {
      const end = rest.indexOf("-->");
      if (end === -1) return { text: out, inComment: true };
      rest = rest.slice(end + 3);
      open = false;
    } else {
      const start = rest.indexOf("<!--");
      if (start === -1) return { text: out + rest, inComment: false };
      out += rest.slice(0, start);
      rest = rest.slice(start + 4);
      open = true;
    }
  }
  return { text: out, inComment: open };
}

// src/core/postmortem/phaseChart.ts
import { DateTime as DateTime11 } from "luxon";
var DATE_FORMAT = "yyyy-MM-dd HH:mm:ss";
var MERMAID_DATE_FORMAT = "YYYY-MM-DD HH:mm:ss";
var DAY_MS = 864e5;
function phaseChart(incident, zone) {
  const phases = knownPhases(incident);
  const stamp2 = (at) => DateTime11.fromMillis(at, { zone }).toFormat(DATE_FORMAT);
  const first = phases[0];
  const last = phases[phases.length - 1];
  const span = first && last ? last.at - first.at : 0;
  const lines = [
    "```mermaid",
    "gantt",
    `    title ${mermaidLabel(`Incident ${incident.number} phases, times in ${zone}`)}`,
    `    dateFormat ${MERMAID_DATE_FORMAT}`,
    // Long incidents need the day on the axis; short ones read better with the time alone.
    `    axisFormat ${span >= DAY_MS ? "%m-%d %H:%M" : "%H:%M"}`,
    // The chart is about the incident, not about the day someone happens to read it.
    "    todayMarker off"
  ];
  if (phases.length >= 2) {
    lines.push("    section Phases");
    for (let i = 1; i < phases.length; i++) {
      const from = phases[i - 1];
      const to = phases[i];
      lines.push(
        `    ${mermaidLabel(`${from.label} to ${to.label.toLowerCase()}`)} :done, ${from.id}_${to.id}, ${stamp2(from.at)}, ${stamp2(to.at)}`
      );
    }
  }
  if (phases.length > 0) {
    lines.push("    section Milestones");
    for (const phase of phases) {
      lines.push(`    ${mermaidLabel(phase.label)} :milestone, ${phase.id}, ${stamp2(phase.at)}, 0d`);
    }
  }
  lines.push("```");
  return lines.join("\n");
}
function knownPhases(incident) {
  const candidates = [
    // Only shown apart from the declaration when someone said the problem began earlier.
    {
      id: "began",
      label: "Problem began",
      at: incident.startedAt < incident.declaredAt ? incident.startedAt : void 0
    },
    { id: "declared", label: "Declared", at: incident.declaredAt },
    { id: "acknowledged", label: "Acknowledged", at: incident.acknowledgedAt },
    { id: "mitigated", label: "Mitigated", at: incident.mitigatedAt },
    { id: "resolved", label: "Resolved", at: incident.resolvedAt }
  ];
  const phases = [];
  let floor = -Infinity;
  for (const { id, label, at } of candidates) {
    if (at === void 0 || Number.isNaN(new Date(at).getTime())) continue;
    const clamped = Math.max(at, floor);
    floor = clamped;
    phases.push({ id, label, at: clamped });
  }
  return phases;
}
function mermaidLabel(text) {
  return text.replace(/[\r\n]+/g, " ").replace(/:/g, " -").replace(/#/g, "no. ").replace(/;/g, ",").replace(/%%/g, "%").replace(/\s+/g, " ").trim();
}

// src/core/postmortem/safeUrl.ts
function safeUrl(url) {
  if (url === void 0 || !/^https?:\/\/[^\s]+$/i.test(url)) return void 0;
  return url.replace(
    /[()<>"'`\\[\]]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
}

// src/core/postmortem/followupKey.ts
import { createHash } from "node:crypto";
var ENTITIES = {
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&amp;": "&"
};
function decodeEntities(text) {
  return text.replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity);
}
function normaliseItemText(text) {
  return decodeEntities(text.normalize("NFKC")).replace(/\u2060/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}
function followupKey(text) {
  return createHash("sha256").update(normaliseItemText(text)).digest("hex").slice(0, 12);
}

// src/core/postmortem/seedActionItems.ts
var SLOW_DETECTION_MS = 15 * 6e4;
function seedActionItems(incident, ctx) {
  const items2 = [];
  const quote = (text) => `\u201C${neutralizeInline(text, 200)}\u201D`;
  for (const deviation of incident.deviations) {
    items2.push(`Pay back the shortcut taken: ${quote(deviation.text)}`);
  }
  for (const pr of incident.pullRequests) {
    if (pr.revert) {
      items2.push(
        `Investigate what the revert in #${pr.number} (${quote(pr.title)}) undid and why it broke, and add a check that would have caught it`
      );
    } else if (pr.state === "open") {
      items2.push(`Land or close #${pr.number} (${quote(pr.title)}), still open when this was written`);
    }
  }
  const excepted = new Set(incident.freezeExceptions.filter((e) => e.granted).map((e) => e.pullRequest));
  for (const pr of excepted) {
    items2.push(`Give #${pr}, merged under a freeze exception, the full review it skipped`);
  }
  if (ctx.ackDeadline && !ctx.ackDeadline.met) {
    const late = incident.acknowledgedAt !== void 0 && incident.acknowledgedAt > ctx.ackDeadline.dueAt ? `the acknowledgement came ${formatDuration(incident.acknowledgedAt - ctx.ackDeadline.dueAt)} after the deadline` : "the incident was not acknowledged in time";
    items2.push(`Review on-call alerting and the rota: ${late}`);
  } else if (!ctx.ackDeadline && incident.notices.some((n) => n.kind === "ack-breach")) {
    items2.push("Review on-call alerting and the rota: the acknowledgement deadline was missed");
  }
  if (incident.declaredAt - incident.startedAt >= SLOW_DETECTION_MS) {
    items2.push(
      `Find out why it took ${formatDuration(incident.declaredAt - incident.startedAt)} to notice the problem, and alert on it sooner`
    );
  }
  if (incident.updates.length === 0) {
    items2.push("Agree how and when status updates go out: none were recorded during this incident");
  }
  for (const gap of incident.gaps) {
    switch (gap.kind) {
      case "resolved-without-resolution":
        items2.push("Write down what actually resolved the incident: no resolution was journaled");
        break;
      case "mitigated-without-workaround":
        items2.push("Write down the workaround that was used: none was journaled");
        break;
      case "no-lead":
        items2.push("Make sure someone takes the lead early: this incident ran without one for a while");
        break;
      case "comms-is-lead":
        items2.push("Find a communicator independent of the lead for next time: one person did both");
        break;
    }
  }
  const seen = /* @__PURE__ */ new Set();
  return items2.filter((item) => {
    const key = followupKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// src/core/postmortem/postmortemView.ts
var NOT_RECORDED2 = "_not recorded_";
var KIND_WORDS = {
  declared: "declared",
  state: "state",
  severity: "severity",
  impact: "impact",
  role: "role",
  update: "update",
  note: "note",
  deviation: "deviation",
  workaround: "workaround",
  resolution: "resolution",
  started: "start time",
  cancel: "cancelled",
  label: "label",
  assignment: "assignment",
  "pull-request": "pull request",
  escalation: "escalation",
  breach: "deadline missed",
  reminder: "reminder",
  "freeze-exception": "freeze exception",
  alert: "alert",
  postmortem: "post-mortem",
  closed: "closed",
  reopened: "reopened",
  edited: "command edited",
  "freeze-held": "freeze held"
};
function postmortemView(incident, config, ctx) {
  const zone = config.business_hours.timezone;
  const time2 = (at) => at === void 0 ? NOT_RECORDED2 : neutralize(formatTime(at, zone));
  const who = (login) => login ? person(login) : NOT_RECORDED2;
  const inline = (text, max = 300) => text !== void 0 && text.trim() !== "" ? neutralizeInline(text, max) : NOT_RECORDED2;
  const block = (text) => text !== void 0 && text.trim() !== "" ? neutralizeBlock(text) : NOT_RECORDED2;
  const between = (from, to) => from === void 0 || to === void 0 ? NOT_RECORDED2 : formatDuration(to - from);
  const repoUrl = safeUrl(ctx.repoUrl.replace(/\/+$/, ""));
  const pullUrl = (number, url) => safeUrl(url) ?? (repoUrl ? `${repoUrl}/pull/${number}` : void 0);
  const issueUrl = (number) => repoUrl ? `${repoUrl}/issues/${number}` : void 0;
  const link = (text, url) => url ? `[${text}](${url})` : text;
  const withSource = (text, url) => url ? `${text} ([source](${url}))` : text;
  const { form } = incident;
  const title = stripIncidentPrefix(incident.title).trim();
  const ended = incident.resolvedAt ?? incident.cancelledAt;
  const impact = [
    { label: "Applications impacted", value: inline(form.applications) },
    { label: "Business / customer impact", value: inline(form.businessImpact, 1e3) },
    { label: "Revenue affected", value: revenueWords(incident, config) },
    { label: "Started", value: time2(incident.startedAt) },
    ...form.startedText?.trim() ? [{ label: "Start as reported on the form", value: inline(form.startedText) }] : [],
    {
      label: "Ended",
      value: ended !== void 0 ? time2(ended) : `${NOT_RECORDED2} (still open when this was written)`
    },
    { label: "Total duration", value: between(incident.startedAt, ended) }
  ];
  const detection = [
    { label: "Declared by", value: who(incident.declaredBy) },
    { label: "Declared at", value: time2(incident.declaredAt) },
    { label: "Problem began", value: `${time2(incident.startedAt)}; ${startSource(incident)}` },
    { label: "Severity on the form", value: form.severity ? severityName(form.severity) : NOT_RECORDED2 }
  ];
  const durations = [
    {
      label: "Time to declare (problem began \u2192 declared)",
      value: startReported(incident) ? between(incident.startedAt, incident.declaredAt) : `${NOT_RECORDED2} (no earlier start was reported)`
    },
    {
      label: "Time to acknowledge (declared \u2192 acknowledged)",
      value: between(incident.declaredAt, incident.acknowledgedAt)
    },
    { label: "Acknowledgement deadline", value: ackWords(incident, ctx, time2) },
    {
      label: "Time to mitigate (problem began \u2192 workaround)",
      value: between(incident.startedAt, incident.mitigatedAt)
    },
    {
      label: "Time to resolve (problem began \u2192 resolved)",
      value: between(incident.startedAt, incident.resolvedAt)
    },
    {
      label: "Declared \u2192 resolved",
      value: between(incident.declaredAt, incident.resolvedAt)
    }
  ];
  const escalations = ctx.escalations ? ctx.escalations.map((step) => ({
    time: time2(step.at),
    step: inline(stepWords(step.key, config), 200),
    notify: step.notify.length > 0 ? step.notify.map(person).join(", ") : NOT_RECORDED2,
    note: step.note?.trim() ? neutralizeInline(step.note, 300) : "\u2014"
  })) : incident.notices.filter((notice) => notice.kind === "escalation").map((notice) => ({
    time: time2(notice.at),
    step: inline(notice.keys.map((key) => stepWords(key, config)).join("; "), 300),
    notify: NOT_RECORDED2,
    note: "\u2014"
  }));
  const roles = [
    { label: "Lead", value: who(incident.lead) },
    { label: "Communicator", value: who(incident.comms) },
    { label: "Acknowledged by", value: who(incident.acknowledgedBy) },
    ...Object.entries(incident.roles).filter(([, logins]) => logins.length > 0).sort(([a], [b]) => a.localeCompare(b)).map(([role, logins]) => ({
      label: capitalise(inline(role, 60)),
      value: logins.map(person).join(", ")
    }))
  ];
  const journal = (entry) => entry && entry.text.trim() !== "" ? { quote: neutralizeBlock(entry.text), by: who(entry.by), time: time2(entry.at) } : void 0;
  const timeline = [...incident.timeline].sort((a, b) => a.at - b.at).map((entry) => ({
    time: time2(entry.at),
    kind: KIND_WORDS[entry.kind] ?? inline(entry.kind, 40),
    actor: entry.actor ? person(entry.actor) : "Expedite",
    // "Fold nothing": the whole text, only made table-safe.
    text: withSource(inline(entry.text, 2e3), safeUrl(entry.url))
  }));
  const pullRequests = [...incident.pullRequests].sort((a, b) => a.at - b.at).map((pr) => ({
    link: link(`#${pr.number}`, pullUrl(pr.number, pr.url)),
    title: inline(pr.title, 200),
    // A revert is said beside the state rather than in a column of its own that is mostly empty.
    state: (pr.state === "merged" ? "merged" : pr.state === "open" ? "open" : "closed without merging") + (pr.revert ? " (\u26A0\uFE0F a revert)" : ""),
    merged: pr.mergedAt !== void 0 ? time2(pr.mergedAt) : pr.state === "merged" ? NOT_RECORDED2 : "\u2014"
  }));
  const freezeExceptions = [...incident.freezeExceptions].sort((a, b) => a.at - b.at).map((exception) => ({
    pr: exception.deploy ? `deploy (${link(`#${exception.pullRequest}`, issueUrl(exception.pullRequest))})` : link(`#${exception.pullRequest}`, pullUrl(exception.pullRequest)),
    by: who(exception.by),
    time: time2(exception.at),
    sha: exception.sha.trim() ? link(shortSha2(exception.sha), shaUrl(repoUrl, exception.sha)) : NOT_RECORDED2,
    reason: inline(exception.reason, 500),
    outcome: exception.granted ? "granted" : "refused"
  }));
  const seeded = seedActionItems(incident, ctx);
  const count2 = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const promised = incident.updates.filter((u) => u.nextDueAt !== void 0).length;
  const reminders = incident.notices.filter((n) => n.kind === "reminder").length;
  const process2 = [
    `Acknowledgement: ${ackWords(incident, ctx, time2)}.`,
    incident.updates.length === 0 ? "Status updates: none was posted." : `Status updates: ${count2(incident.updates.length, "update")} posted, ${promised} saying when the next would come; ${count2(reminders, "reminder")} that one was due.`,
    `Escalation: ${escalations.length === 0 ? "no step fired" : `${count2(escalations.length, "step")} fired`}.`,
    `Shortcuts recorded with \`/deviation\`: ${incident.deviations.length}.`,
    ...incident.gaps.length > 0 ? [`States the record did not back up: ${incident.gaps.length} (listed under the timeline).`] : []
  ];
  return {
    marker: renderMarker("postmortem", { incident: incident.number }),
    number: incident.number,
    title: title === "" ? `Incident ${incident.number}` : neutralizeInline(title, 200),
    incidentLink: link(`#${incident.number}`, safeUrl(incident.url)),
    generatedAt: time2(ctx.now),
    zone: neutralize(zone),
    severity: `${severityName(incident.severity)}${incident.severitySet ? "" : " (default; nobody set one)"}`,
    state: STATE_TITLES[incident.state] ?? inline(incident.state, 40),
    summary: block(form.summary),
    impact,
    detection,
    evidence: block(form.evidence),
    reproduce: block(form.reproduce),
    timeline,
    timelineEmpty: timeline.length === 0 ? NOT_RECORDED2 : "",
    durations,
    escalations,
    escalationsEmpty: escalations.length === 0 ? "No escalation step fired." : "",
    roles,
    workaround: journal(incident.workaround),
    workaroundMissing: journal(incident.workaround) ? "" : NOT_RECORDED2,
    resolution: journal(incident.resolution),
    resolutionMissing: journal(incident.resolution) ? "" : NOT_RECORDED2,
    cancelReason: journal(incident.cancelReason),
    updates: [...incident.updates].sort((a, b) => a.at - b.at).map((update) => ({
      time: time2(update.at),
      by: who(update.by),
      text: inline(update.text, 2e3),
      next: update.nextDueAt !== void 0 ? time2(update.nextDueAt) : ""
    })),
    updatesEmpty: incident.updates.length === 0 ? `${NOT_RECORDED2}: no status update was posted.` : "",
    deviations: [...incident.deviations].sort((a, b) => a.at - b.at).map((deviation) => ({
      time: time2(deviation.at),
      by: who(deviation.by),
      quote: block(deviation.text)
    })),
    deviationsEmpty: incident.deviations.length === 0 ? "None recorded with `/deviation`." : "",
    freezeExceptions,
    freezeExceptionsEmpty: freezeExceptions.length === 0 ? "None requested during this incident." : "",
    pullRequests,
    pullRequestsEmpty: pullRequests.length === 0 ? `${NOT_RECORDED2}: no pull request was linked to the incident.` : "",
    gaps: incident.gaps.map((gap) => ({ time: time2(gap.since), message: inline(gap.message, 500) })),
    phaseChart: phaseChart(incident, zone),
    process: process2,
    actionItemsHeading: ACTION_ITEMS_HEADING,
    actionItems: seeded.map((text) => ({ text })),
    actionItemsEmpty: seeded.length === 0 ? "_Nothing was derived automatically; add what the review decides._" : "",
    followupLabel: neutralizeInline(config.labels.followup, 100)
  };
}
function person(login) {
  return neutralizeInline(login.startsWith("@") ? login : `@${login}`, 100);
}
function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function revenueWords(incident, config) {
  if (incident.revenue) return "Yes";
  switch (incident.form.revenue) {
    case "yes":
      return `Yes on the form, though the ${neutralizeInline(config.labels.revenue, 100)} label is not set`;
    case "unknown":
      return "Unknown (as answered on the form)";
    case "no":
      return "No";
    default:
      return `No (${NOT_RECORDED2} on the form)`;
  }
}
function startSource(incident) {
  if (incident.timeline.some((entry) => entry.kind === "started" && entry.actor !== void 0))
    return "set with `/started`";
  if (incident.unreadStart)
    return "the form's answer could not be read as a time, so this is the declaration time";
  if (incident.form.startedAt !== void 0) return "from the form";
  return "no earlier start was reported, so this is the declaration time";
}
function startReported(incident) {
  return incident.startedAt !== incident.declaredAt || incident.form.startedAt !== void 0 || incident.timeline.some((entry) => entry.kind === "started");
}
function ackWords(incident, ctx, time2) {
  if (ctx.ackDeadline) {
    const due = time2(ctx.ackDeadline.dueAt);
    if (ctx.ackDeadline.met) return `Met (due by ${due})`;
    return incident.acknowledgedAt !== void 0 && incident.acknowledgedAt > ctx.ackDeadline.dueAt ? `**Missed** by ${formatDuration(incident.acknowledgedAt - ctx.ackDeadline.dueAt)} (due by ${due})` : `**Missed** (due by ${due}${incident.acknowledgedAt === void 0 ? "; never acknowledged" : ""})`;
  }
  const breach = incident.notices.find((notice) => notice.kind === "ack-breach");
  if (breach) return `**Missed** (a breach notice was posted at ${time2(breach.at)})`;
  return NOT_RECORDED2;
}
function shortSha2(sha) {
  return /^[0-9a-f]{7,40}$/i.test(sha) ? `\`${sha.slice(0, 7)}\`` : neutralizeInline(sha, 40);
}
function shaUrl(repoUrl, sha) {
  return repoUrl && /^[0-9a-f]{7,40}$/i.test(sha) ? `${repoUrl}/commit/${sha}` : void 0;
}

// src/core/postmortem/renderPostmortem.ts
function renderPostmortem(template, incident, config, ctx) {
  const rendered = Mustache3.render(template, postmortemView(incident, config, ctx));
  return `${rendered.replace(/\n{3,}/g, "\n\n").trim()}
`;
}

// src/core/postmortem/postmortemDocument.ts
function postmortemDocument(template, incident, config, now, repoUrl) {
  const ack = acknowledgeDeadline(acknowledgeFrom(incident, config), config);
  return renderPostmortem(template, incident, config, {
    now,
    repoUrl,
    ackDeadline: {
      dueAt: ack.dueAt,
      met: incident.acknowledgedAt !== void 0 && incident.acknowledgedAt <= ack.dueAt
    },
    escalations: stepsCoveredBy(incident, config).map((s) => ({
      key: s.key,
      at: s.postedAt,
      notify: resolveHandles(s.notify, incident, config, s.dueAt),
      ...s.note !== void 0 ? { note: s.note } : {}
    }))
  });
}

// src/core/postmortem/meetingDeadline.ts
import { DateTime as DateTime12 } from "luxon";
function meetingDeadline(incident, config, now) {
  const within2 = config.postmortem.meeting_within[`${incident.severity}`];
  const zone = config.business_hours.timezone;
  const due = DateTime12.fromMillis((incident.resolvedAt ?? now) + durationMs(within2), { zone });
  const opens = businessCalendar(config.business_hours).nextBusinessStart(due.startOf("day").toMillis());
  return { by: DateTime12.fromMillis(opens, { zone }).setLocale("en").toFormat("ccc d LLL yyyy"), within: within2 };
}

// src/core/postmortem/postmortemPullBody.ts
function postmortemPullBody(template, incident, config, now) {
  const meeting = meetingDeadline(incident, config, now);
  return renderTemplate(template, {
    number: incident.number,
    path: postmortemPath(incident, config),
    branch: postmortemBranch(incident, config),
    severity: incident.severity,
    meetingBy: meeting.by,
    meetingWithin: meeting.within
  });
}

// src/core/postmortem/postmortemReviewers.ts
function postmortemReviewers(incident, config) {
  const { postmortem } = config;
  const roles = postmortem.reviewer_roles ?? (config.roles.extra.includes("product-owner") ? ["product-owner"] : []);
  return [
    ...postmortem.request_roles ? [incident.lead, incident.comms] : [],
    ...roles.flatMap((role) => incident.roles[role] ?? []),
    ...postmortem.reviewers
  ].filter((handle2) => handle2 !== void 0);
}

// src/github/repoInfo.ts
async function repoInfo(gh) {
  const key = `${gh.owner}/${gh.repo}`.toLowerCase();
  const hit = gh.caches.repoFacts.get(key);
  if (hit) return hit;
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}", { owner: gh.owner, repo: gh.repo });
  const info = { defaultBranch: data.default_branch, htmlUrl: data.html_url };
  gh.caches.repoFacts.set(key, info);
  return info;
}
function primeRepoInfo(caches, fullName, info) {
  if (info.defaultBranch && info.htmlUrl)
    caches.repoFacts.set(fullName.toLowerCase(), {
      defaultBranch: info.defaultBranch,
      htmlUrl: info.htmlUrl
    });
}

// src/reconcile/postmortem/ensurePostmortem.ts
async function ensurePostmortem(gh, config, templates, incident, now) {
  const branch = postmortemBranch(incident, config);
  const pulls = await pullsForBranch(gh, branch);
  const existing = pulls.find((p) => p.state === "open") ?? pulls.find((p) => p.merged) ?? pulls[0];
  const path = postmortemPath(incident, config);
  if (existing) return { link: linkOf(existing, path), writes: 0 };
  let writes = 0;
  const { defaultBranch, htmlUrl } = await repoInfo(gh);
  const baseSha = await branchSha(gh, defaultBranch);
  if (baseSha === void 0)
    throw new Error(`default branch ${defaultBranch} has no commits; cannot open the post-mortem`);
  if (await ensureBranch(gh, branch, baseSha) === "created") writes++;
  else if (pulls.length > 0) {
    await resetBranch(gh, branch, baseSha);
    writes++;
  }
  const document = postmortemDocument(templates.postmortem, incident, config, now, htmlUrl);
  const created = await createFileOnce(gh, {
    path,
    branch,
    content: document,
    message: `Post-mortem draft for incident #${incident.number}`
  });
  if (created === "created") writes++;
  const title = `Post-mortem: ${neutralizeInline(stripIncidentPrefix(incident.title), 120)} (#${incident.number})`;
  const body = postmortemPullBody(templates["postmortem-pr"], incident, config, now);
  const pr = await createPullOnce(gh, { head: branch, base: defaultBranch, title, body });
  writes++;
  await ensureRepoLabels(gh, config, [config.labels.postmortem]);
  await writeLabels(gh, pr.number, [config.labels.postmortem], []);
  writes++;
  const handles = postmortemReviewers(incident, config).filter(
    (h) => !gh.trustedBots.has(h.replace(/^@/, "").toLowerCase())
  );
  const users = [...new Set(handles.filter((h) => !h.includes("/")).map((h) => h.replace(/^@/, "")))];
  const teams = [...new Set(handles.filter((h) => h.includes("/")).map((h) => h.split("/")[1] ?? ""))].filter(
    (t) => t !== ""
  );
  await requestReviewers(gh, pr.number, users, teams);
  if (users.length + teams.length > 0) writes++;
  gh.log.info({ incident: incident.number, pull: pr.number }, "post-mortem pull request opened");
  return { link: linkOf(pr, path), writes };
}
function linkOf(pr, path) {
  return {
    number: pr.number,
    url: pr.url,
    state: pr.merged ? "merged" : pr.state,
    path,
    openedAt: pr.createdAt,
    ...pr.mergedAt !== void 0 ? { mergedAt: pr.mergedAt } : {}
  };
}

// src/core/postmortem/followupIssue.ts
import Mustache4 from "mustache";

// src/core/postmortem/followupTitle.ts
var MAX_TITLE_TEXT = 100;
function followupTitle(text, incidentNumber, prefix = "") {
  const chars = Array.from(text);
  const clipped = chars.length > MAX_TITLE_TEXT ? `${chars.slice(0, MAX_TITLE_TEXT - 1).join("").trimEnd()}\u2026` : text;
  return `${prefix}${defuseMentions(clipped)} (incident #${incidentNumber})`;
}

// src/core/postmortem/followupIssue.ts
function renderFollowupIssue(template, item, ctx) {
  const { incident } = ctx;
  const marker = renderMarker("followup", { incident: incident.number, item: followupKey(item.text) });
  const plain = decodeEntities(item.text).replace(/\s+/g, " ").trim();
  const view = {
    marker,
    number: incident.number,
    incidentTitle: neutralizeInline(stripIncidentPrefix(incident.title), 200),
    incidentUrl: safeUrl(incident.url) ?? "",
    postmortemPr: ctx.postmortemPr,
    postmortemUrl: safeUrl(ctx.postmortemUrl) ?? "",
    itemInline: neutralizeInline(plain, 1e3),
    itemQuote: neutralizeBlock(plain, 4e3)
  };
  const rendered = Mustache4.render(template, view).trim();
  const withoutMarker = rendered.split(marker).join("").trim();
  return {
    title: followupTitle(plain || "Follow-up action", incident.number),
    body: `${marker}
${withoutMarker}
`
  };
}

// src/reconcile/postmortem/openFollowups.ts
async function openFollowups(gh, config, incidentNumber, wanted) {
  const label = config.labels.followup;
  const existing = await markedIssues(gh, label);
  const followups = existing.filter((i) => i.identity.startsWith(`followup:incident=${incidentNumber}&`)).map((i) => ({ number: i.number, url: i.url, title: i.title }));
  const known = new Set(existing.map((i) => i.identity));
  let writes = 0;
  for (const issue of wanted) {
    const marker = parseMarker(issue.body);
    if (!marker) continue;
    const identity = markerIdentity(marker);
    if (known.has(identity)) continue;
    await ensureRepoLabels(gh, config, [label]);
    const created = await createIssueOnce(gh, {
      ...issue,
      labels: [label],
      find: byMarker(gh, label, identity)
    });
    writes++;
    known.add(identity);
    followups.push({ number: created.number, url: created.url, title: issue.title });
  }
  return { followups: followups.sort((a, b) => a.number - b.number), writes };
}

// src/reconcile/postmortem/ensureFollowups.ts
async function ensureFollowups(gh, config, templates, incident, pm) {
  if (pm.state !== "merged") return { followups: [], writes: 0 };
  const { defaultBranch } = await repoInfo(gh);
  const file = await readFile(gh, pm.path, defaultBranch);
  const items2 = file ? parseActionItems(file.text).filter((i) => !i.checked) : [];
  const wanted = items2.map(
    (item) => renderFollowupIssue(templates["followup-issue"], item, {
      incident,
      postmortemUrl: pm.url,
      postmortemPr: pm.number
    })
  );
  return openFollowups(gh, config, incident.number, wanted);
}

// src/reconcile/postmortem/explainPostmortemFailure.ts
function explainPostmortemFailure(error) {
  const status = statusOf(error);
  const cause = status === 403 ? 'GitHub refused (403): the token may not create branches or pull requests. In Action mode, allow "GitHub Actions to create and approve pull requests" in the repository settings, or use an App token.' : status === 404 ? "GitHub answered 404: the token cannot see the default branch or the repository's contents." : `GitHub answered ${status ?? "with an error"}: ${error.message ?? String(error)}.`;
  return `The post-mortem pull request could not be opened yet. ${cause} Expedite tries again on every reconcile.`;
}

// src/core/postmortem/deviationFollowup.ts
import Mustache5 from "mustache";
function deviationsDue(incident, config) {
  return incident.deviations.length > 0 && incident.state === "resolved" && incident.resolution !== void 0 && !needsPostmortem(incident, config);
}
function renderDeviationFollowup(template, deviation, incident) {
  const plain = deviation.text.replace(/\s+/g, " ").trim();
  const marker = renderMarker("followup", { incident: incident.number, item: followupKey(plain) });
  const rendered = Mustache5.render(template, {
    marker,
    number: incident.number,
    incidentTitle: neutralizeInline(stripIncidentPrefix(incident.title), 200),
    incidentUrl: safeUrl(incident.url) ?? "",
    by: displayName(deviation.by) ?? "someone",
    itemQuote: neutralizeBlock(plain, 4e3)
  }).trim();
  return {
    title: followupTitle(plain || "Shortcut to pay back", incident.number, "Pay back: "),
    body: `${marker}
${rendered.split(marker).join("").trim()}
`
  };
}

// src/reconcile/postmortem/ensureDeviationFollowups.ts
async function ensureDeviationFollowups(gh, config, templates, incident) {
  if (!deviationsDue(incident, config)) return { writes: 0 };
  const wanted = incident.deviations.map(
    (deviation) => renderDeviationFollowup(templates["followup-deviation"], deviation, incident)
  );
  return openFollowups(gh, config, incident.number, wanted);
}

// src/reconcile/postmortem/findPostmortem.ts
async function findPostmortem(gh, config, templates, incident, now) {
  if (postmortemDue(incident, config)) {
    let opened;
    try {
      opened = await ensurePostmortem(gh, config, templates, incident, now);
    } catch (error) {
      gh.log.error({ err: error, issue: incident.number }, "could not open the post-mortem pull request");
      return { findings: { postmortemError: explainPostmortemFailure(error) }, writes: 0 };
    }
    const { link, writes } = opened;
    if (link.state !== "merged") return { findings: { postmortem: link }, writes };
    try {
      const followups = await ensureFollowups(gh, config, templates, incident, link);
      return {
        findings: { postmortem: link, followups: followups.followups },
        writes: writes + followups.writes
      };
    } catch (error) {
      gh.log.error(
        { err: error, issue: incident.number },
        "could not open the post-mortem's follow-up issues"
      );
      return { findings: { postmortem: link, postmortemError: explainPostmortemFailure(error) }, writes };
    }
  }
  try {
    const { followups, writes } = await ensureDeviationFollowups(gh, config, templates, incident);
    return followups === void 0 ? { writes } : { findings: { followups }, writes };
  } catch (error) {
    gh.log.error(
      { err: error, issue: incident.number },
      "could not open the follow-up issues for its shortcuts"
    );
    return { writes: 0 };
  }
}

// src/core/freeze/freezeIssue.ts
import { createHash as createHash2 } from "node:crypto";
var MARKER2 = /<!--\s*expedite:freeze\s+(\{.*?\})\s*-->/gs;
var MAX_BRANCHES = 50;
function isBotFreezeIssue(author, body, trustedBots) {
  return trustedBots.has(author.toLowerCase()) && body.startsWith("<!-- expedite:freeze ");
}
function freezeMarker(payload) {
  const fields = { v: 1, ...payload };
  return `<!-- expedite:freeze ${markerJson({ ...fields, sum: digest(fields) })} -->`;
}
function renderFreezeIssue(input) {
  const requestedBy = input.requestedBy.replace(/^@/, "");
  const marker = freezeMarker({
    until: input.until,
    branches: input.branches,
    requestedBy,
    reason: input.reason
  });
  const scope = input.branches.length === 0 ? "the branches the freeze configuration covers (the default branch unless configured otherwise)" : input.branches.map((branch) => codeSpan(branch)).join(", ");
  const requested = input.requestedIn ? ` in ${neutralizeInline(input.requestedIn, 200)}` : "";
  const reason = input.reason.trim() === "" ? "> (no reason given)" : neutralizeBlock(input.reason, 2e3);
  const body = [
    marker,
    `**Merges are frozen** into ${scope} until **${formatTime(input.until, input.zone)}**.`,
    "",
    reason,
    "",
    `Requested by ${handleText(requestedBy)}${requested}.`,
    "",
    "- While this issue is open, the freeze check fails on pull requests into these branches.",
    `- To lift the freeze early, close this issue or comment ${codeSpan("/unfreeze")}.`,
    `- To merge one pull request anyway, comment ${codeSpan("/freeze-exception <reason>")} on it and ask the on-call engineer or an approver to grant it.`,
    "",
    "Edits to this text do not change the freeze; to change the end or the branches, close this issue and start a new freeze."
  ].join("\n");
  const title = `Code freeze until ${formatFreezeTime(input.until, input.zone)}: ${input.reason}`;
  return { title: plainInline(title, 200), body };
}
function parseFreezeIssue(issue, botLogin) {
  const trusted = (typeof botLogin === "string" ? [botLogin] : botLogin).map(
    (login) => login.replace(/^@/, "").toLowerCase()
  );
  if (!trusted.includes(issue.user.toLowerCase()) || issue.body === null) return void 0;
  const markers = [...issue.body.matchAll(MARKER2)];
  const [only] = markers;
  if (markers.length !== 1 || !only?.[1]) return void 0;
  const payload = readPayload(only[1]);
  if (!payload) return void 0;
  const openedAt = Date.parse(issue.created_at);
  if (Number.isNaN(openedAt)) return void 0;
  const parsed = {
    number: issue.number,
    url: issue.html_url,
    reason: payload.reason,
    branches: payload.branches,
    openedBy: payload.requestedBy,
    openedAt
  };
  if (payload.until !== void 0) parsed.until = payload.until;
  if (payload.heldFor !== void 0) parsed.heldFor = payload.heldFor;
  if (issue.state === "closed") {
    const closedAt = issue.closed_at === null ? NaN : Date.parse(issue.closed_at);
    parsed.closedAt = Number.isNaN(closedAt) ? openedAt : closedAt;
  }
  return parsed;
}
function readPayload(json) {
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    return void 0;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return void 0;
  const record = value;
  const { v, until, branches, requestedBy, reason, heldFor, sum } = record;
  if (v !== 1 || typeof requestedBy !== "string" || requestedBy === "" || typeof reason !== "string")
    return void 0;
  if (until !== void 0 && (typeof until !== "number" || !Number.isFinite(until))) return void 0;
  if (!Array.isArray(branches) || branches.length > MAX_BRANCHES || !branches.every((branch) => typeof branch === "string" && branch !== "")) {
    return void 0;
  }
  if (heldFor !== void 0 && (typeof heldFor !== "number" || !Number.isInteger(heldFor) || heldFor < 1))
    return void 0;
  const known = /* @__PURE__ */ new Set(["v", "until", "branches", "requestedBy", "reason", "heldFor", "sum"]);
  if (Object.keys(record).some((key) => !known.has(key))) return void 0;
  const fields = {
    v,
    ...until !== void 0 && { until },
    branches,
    requestedBy,
    reason,
    ...heldFor !== void 0 && { heldFor }
  };
  if (typeof sum !== "string" || sum !== digest(fields)) return void 0;
  return { ...fields, sum };
}
function digest(fields) {
  const canonical = JSON.stringify([
    fields.v,
    fields.until ?? null,
    fields.branches,
    fields.requestedBy,
    fields.reason,
    // Only hold records carry it, so the digests of earlier freeze issues stay as they were.
    ...fields.heldFor !== void 0 ? [fields.heldFor] : []
  ]);
  return createHash2("sha256").update(canonical).digest("hex").slice(0, 16);
}
function markerJson(payload) {
  return JSON.stringify(payload).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
}

// src/core/freeze/holdNotice.ts
function holdNotice(hold, config, kind) {
  const label = `\`${config.labels.freeze_held}\``;
  const what = kind === "record" ? `\`${hold.by}\` ${hold.change}, which would have lifted the code freeze this issue keeps` : `\`${hold.by}\` ${hold.change}, which would have lifted this code freeze`;
  const first = `\u{1F9CA} **Merges stay frozen.** ${what}, but that takes the **${hold.needed}** role on this repository and they have **${hold.role}**.`;
  const rest = kind === "record" ? `It was put back. Someone with the ${hold.needed} role can lift the freeze: close this issue or comment \`/unfreeze\` here.` : `Nothing was reverted: a "Code freeze held" issue keeps the freeze in force, and the ${label} label marks this one. Someone with the ${hold.needed} role can lift it: ${kind === "freeze" ? "comment `/unfreeze` here" : "resolve or cancel it by command"}, close the "Code freeze held" issue, or take the ${label} label off this one.`;
  return `${first}

${rest}`;
}

// src/core/freeze/holdRecord.ts
function renderHoldRecord(input) {
  const { origin, hold, config } = input;
  const marker = freezeMarker({
    ...input.until !== void 0 ? { until: input.until } : {},
    branches: input.branches,
    requestedBy: hold.by,
    reason: `the freeze of #${origin} holds: ${hold.by} ${hold.change} without the ${hold.needed} role it takes`,
    heldFor: origin
  });
  const body = [
    marker,
    `This issue keeps the code freeze of #${origin} in force.`,
    "",
    holdNotice(hold, config, input.kind),
    "",
    `Closing this issue or commenting \`/unfreeze\` here lifts the freeze too, for someone with the ${hold.needed} role. Closed or unlabelled by anyone else, this record is put back: it is Expedite's, not a responder's decision.`
  ].join("\n");
  return { title: `Code freeze held: #${origin}`, body };
}

// src/reconcile/freeze/freezeInputs.ts
async function freezeInputs(gh, config, openIncidents) {
  const { defaultBranch, htmlUrl } = await repoInfo(gh);
  const frozen = await listIssues(gh, { labels: config.labels.freeze, state: "open" });
  const freezeIssues = frozen.filter((issue) => isFreezeIssue(toIssueSnapshot(issue), gh.trustedBots)).map((issue) => toFreezeIssue(issue, gh.trustedBots));
  const open = openIncidents ?? await listIssues(gh, { labels: config.labels.incident, state: "open" });
  const incidents = open.filter((issue) => !issue.pull_request).map((issue) => labelIncident(issue, config));
  return { defaultBranch, htmlUrl, freezeIssues, incidents };
}
function isFreezeIssue(issue, trustedBots) {
  return !issue.isPullRequest && isBotFreezeIssue(issue.author, issue.body, trustedBots);
}
function toFreezeIssue(issue, trustedBots) {
  const author = issue.user?.login ?? "";
  const parsed = parseFreezeIssue(
    {
      number: issue.number,
      html_url: issue.html_url,
      body: issue.body ?? null,
      user: author,
      created_at: issue.created_at,
      closed_at: issue.closed_at,
      state: issue.state
    },
    [...trustedBots]
  );
  return parsed ?? {
    number: issue.number,
    url: issue.html_url,
    reason: "the freeze details of this issue were edited; frozen until it is closed",
    branches: [],
    openedBy: author,
    openedAt: Date.parse(issue.created_at)
  };
}
function labelIncident(issue, config) {
  const labels = issue.labels.map((l) => typeof l === "string" ? l : l.name ?? "");
  const reading = freezeReading(labels, config);
  return emptyIncident({
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    declaredAt: Date.parse(issue.created_at),
    open: issue.state === "open",
    state: reading.state ?? "declared",
    severity: reading.severity ?? config.severity.default,
    severitySet: true,
    revenue: readLabels(labels, labelNames(config)).revenue
  });
}

// src/reconcile/freeze/holdRecords.ts
async function openRecords(gh, config, origin) {
  const open = await listIssues(gh, { labels: config.labels.freeze, state: "open" });
  return open.filter((issue) => isFreezeIssue(toIssueSnapshot(issue), gh.trustedBots)).filter((issue) => toFreezeIssue(issue, gh.trustedBots).heldFor === origin).map((issue) => issue.number).sort((a, b) => a - b);
}
async function ensureHoldRecord(gh, config, input) {
  const find = async () => {
    const [first] = await openRecords(gh, config, input.origin);
    return first === void 0 ? void 0 : { number: first, url: "" };
  };
  const existing = await find();
  if (existing) return existing.number;
  const rendered = renderHoldRecord({ ...input, config });
  await ensureRepoLabels(gh, config, [config.labels.freeze, config.labels.freeze_held]);
  return (await createIssueOnce(gh, { ...rendered, labels: [config.labels.freeze], find })).number;
}
async function closeHoldRecords(gh, config, origin) {
  const records = await openRecords(gh, config, origin);
  for (const record of records) await closeIssue(gh, record, "completed");
  return records.length;
}

// src/core/channels/nextMessageDeadline.ts
function nextMessageDeadline(incident, config, now) {
  const ahead = [];
  for (const delivery of incident.deliveries ?? []) {
    if (delivery.attempt >= MAX_ATTEMPTS) continue;
    for (const [name, outcome] of Object.entries(delivery.channels)) {
      if (outcome.state === "failed") ahead.push(outcome.retryAt);
      if (outcome.state === "sending" && config.channels[name]?.type === "pagerduty")
        ahead.push(delivery.claimedAt + CLAIM_STALE_MS);
    }
  }
  const notice = stakeholderClock(incident, config);
  if (notice && incident.open && notice.sentAt === void 0 && !notice.requested) ahead.push(notice.dueAt);
  const future = ahead.filter((at) => at > now);
  return future.length > 0 ? Math.min(...future) : void 0;
}

// src/reconcile/reconcileIncident.ts
async function reconcileIncident(gh, settings, number, run) {
  const { config, templates } = settings;
  const { now, hint } = run;
  const permissions = run.permissions ?? /* @__PURE__ */ new Map();
  const freezeLabel = config.labels.freeze.toLowerCase();
  if (hint && (hint.isPullRequest || !isIncident(hint, config))) {
    if (hint.isPullRequest) return { number, skipped: "pull-request", writes: 0 };
    return {
      number,
      skipped: "not-an-incident",
      writes: 0,
      freezeRelevant: hint.labels.some((l) => l.toLowerCase() === freezeLabel)
    };
  }
  const events = await readTimeline(gh, number);
  const issue = hint ? currentIssue(hint, events) : await readIssue(gh, number);
  if (issue.isPullRequest) return { number, skipped: "pull-request", writes: 0 };
  if (!isIncident(issue, config)) {
    return {
      number,
      skipped: "not-an-incident",
      writes: 0,
      freezeRelevant: issue.labels.some((l) => l.toLowerCase() === freezeLabel)
    };
  }
  const botComments = botCommentsFrom(events, gh.trustedBots);
  const input = { config, issue, events, botComments, now, permissions };
  const first = await projectWithRoles(gh, input);
  const found = await findPostmortem(gh, config, templates, first.incident, now);
  const projection = found.findings ? await projectWithRoles(gh, { ...input, findings: found.findings }) : first;
  let writes = found.writes;
  const owed = gh.onIncident ? planNotices(projection.incident, config, now) : [];
  const plan = planIncident({
    issue,
    projection,
    config,
    now,
    botComments,
    templates,
    templateProblems: settings.templateProblems,
    ...settings.refused ? { refused: settings.refused } : {}
  });
  const plusOnes = new Map(
    events.flatMap((e) => e.type === "commented" ? [[e.comment.id, e.comment.plusOnes]] : [])
  );
  const deliveries = new Map((projection.incident.deliveries ?? []).map((d) => [d.message, d]));
  const messages = gh.outbox ? planMessages({
    incident: plan.incident,
    config,
    templates,
    now,
    repository: `${gh.owner}/${gh.repo}`,
    deliveries
  }) : [];
  writes += await holdRecord(gh, config, issue, projection);
  writes += await applyIncidentPlan(gh, config, issue, plan, plusOnes, async () => {
    if (!gh.outbox || messages.length === 0) return void 0;
    const sent = await deliverMessages(gh, config, number, messages, now, gh.outbox);
    if (sent.records.length === 0) return { writes: sent.writes };
    const byMessage = new Map(deliveries);
    for (const record of sent.records) byMessage.set(record.message, record);
    const delivered = { ...plan.incident, deliveries: [...byMessage.values()] };
    return {
      writes: sent.writes,
      board: boardWrite(botComments, renderBoard(templates.board, delivered, config, now, projection.ledger))
    };
  });
  const nextDeadlineAt = gh.onIncident ? earliest2(
    nextDeadline(plan.incident, config, now),
    gh.outbox ? nextMessageDeadline(plan.incident, config, now) : void 0
  ) : void 0;
  gh.onIncident?.({
    repo: { owner: gh.owner, repo: gh.repo },
    number,
    now,
    notices: owed.map((n) => ({ kind: n.kind, dueAt: n.dueAt })),
    ...nextDeadlineAt !== void 0 ? { nextDeadlineAt } : {}
  });
  const freezeRelevant = isFreezing(issue, config) !== isFreezing(plan.incident, config);
  return { number, incident: plan.incident, plan, writes, freezeRelevant };
}
async function holdRecord(gh, config, issue, projection) {
  const hold = projection.incident.freezeHold;
  const labelled = issue.labels.some((l) => l.toLowerCase() === config.labels.freeze_held.toLowerCase());
  if (hold !== void 0 && !labelled) {
    await ensureHoldRecord(gh, config, { origin: issue.number, hold, kind: "incident", branches: [] });
    return 1;
  }
  return projection.holdRecordsMayRemain ? closeHoldRecords(gh, config, issue.number) : 0;
}
function earliest2(a, b) {
  return a === void 0 ? b : b === void 0 ? a : Math.min(a, b);
}
function boardWrite(botComments, body) {
  const found = latestByIdentity(botComments).get("board");
  if (found === void 0) return { identity: "board", body };
  return found.body === body ? null : { identity: "board", body, id: found.id };
}
async function applyIncidentPlan(gh, config, issue, plan, plusOnes, beforeBoard) {
  let writes = 0;
  for (const commentId of plan.react) {
    if (await ensureReaction(gh, commentId, plusOnes.get(commentId) ?? 0)) writes++;
  }
  if (plan.labels.add.length > 0 || plan.labels.remove.length > 0) {
    await ensureRepoLabels(gh, config, plan.labels.add);
    await writeLabels(gh, issue.number, plan.labels.add, plan.labels.remove);
    writes += (plan.labels.add.length > 0 ? 1 : 0) + plan.labels.remove.length;
  }
  if (plan.assign.length > 0) {
    await addAssignees(gh, issue.number, plan.assign);
    writes++;
  }
  if (plan.unassign.length > 0) {
    await removeAssignees(gh, issue.number, plan.unassign);
    writes++;
  }
  const ordered = [...plan.comments].sort((a, b) => rank(a.identity) - rank(b.identity));
  let board = ordered.find((c) => c.identity === "board");
  const write = async (comment) => {
    if (comment.id === void 0) await createCommentOnce(gh, issue.number, comment.identity, comment.body);
    else await updateComment(gh, comment.id, comment.body);
    writes++;
  };
  for (const comment of ordered) if (comment !== board) await write(comment);
  const sent = await beforeBoard?.();
  if (sent) {
    writes += sent.writes;
    if (sent.board !== void 0) board = sent.board ?? void 0;
  }
  if (board) await write(board);
  for (const id of plan.deleteComments) {
    await deleteComment(gh, id);
    writes++;
  }
  if (plan.close) {
    await closeIssue(gh, issue.number, plan.close);
    writes++;
  }
  if (writes > 0) gh.log.info({ issue: issue.number, writes }, "incident reconciled");
  return writes;
}
function rank(identity) {
  return identity === "board" ? 2 : identity === "checklist" ? 1 : 0;
}

// src/core/plan/describePlan.ts
function excerpt(body, max = 120) {
  const line = body.replace(/<!--[\s\S]*?-->/g, "").split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
  const flat = line.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}
function describeCheck(name, sha, output) {
  return `would set check run ${name} on ${sha.slice(0, 7)} to ${output.conclusion}: ${excerpt(output.title)}`;
}
function describePullPlan(plan) {
  const n = plan.number;
  return [
    ...plan.replies.map((r) => `would post a reply on #${n}: ${excerpt(r.body)}`),
    ...plan.audits.map((a) => `would record on #${a.issue} (unless already there): ${excerpt(a.body)}`),
    ...plan.deleteComments.map((id) => `would delete comment ${id} on #${n}, a duplicate answer`),
    ...plan.ensureLabels.map((l) => `would create the label ${l} if the repository lacks it`),
    ...plan.check ? [describeCheck(plan.check.name, plan.check.sha, plan.check.output)] : [],
    ...plan.news.map((o) => `would tell channels once (${o.event}) from #${n}: ${o.message}`)
  ];
}
function plannedWrites(plan) {
  return describePullPlan(plan).length - plan.ensureLabels.length;
}
function describeIncidentPlan(number, plan) {
  const list2 = (names) => names.join(", ");
  return [
    ...plan.labels.add.length > 0 ? [`would add label(s) ${list2(plan.labels.add)} to #${number}`] : [],
    ...plan.labels.remove.length > 0 ? [`would remove label(s) ${list2(plan.labels.remove)} from #${number}`] : [],
    ...plan.assign.length > 0 ? [`would assign ${list2(plan.assign.map((a) => `@${a}`))} to #${number}`] : [],
    ...plan.unassign.length > 0 ? [`would unassign ${list2(plan.unassign.map((a) => `@${a}`))} from #${number}`] : [],
    ...plan.react.map((id) => `would react \u{1F44D} to comment ${id} on #${number}`),
    ...plan.comments.map(
      (c) => c.id === void 0 ? `would post a comment (${c.identity}) on #${number}: ${excerpt(c.body)}` : `would rewrite comment ${c.id} (${c.identity}) on #${number}: ${excerpt(c.body)}`
    ),
    ...plan.deleteComments.map((id) => `would delete comment ${id} on #${number}, a duplicate`),
    ...plan.close ? [`would close #${number} as ${plan.close.replace("_", " ")}`] : []
  ];
}
function describeFreezeCommandsPlan(plan) {
  const n = plan.number;
  const lines = plan.steps.flatMap((step) => {
    switch (step.kind) {
      case "reply":
        return [`would post a reply on #${n}: ${excerpt(step.body)}`];
      case "freeze":
        return [
          `would open a code-freeze issue (unless one for this command exists): ${excerpt(step.issue.title)}`,
          `would post a reply on #${n}: \u{1F9CA} Code freeze started, naming that issue`
        ];
      case "unfreeze":
        return [
          ...step.close.flatMap((c) => [
            `would close #${c.number}`,
            ...c.heldFor !== void 0 ? [`would take the hold label off #${c.heldFor}`] : []
          ]),
          `would post a reply on #${n}: ${excerpt(step.body)}`
        ];
    }
  });
  return plan.changed ? [...lines, "would then re-check every open pull request against the freezes"] : lines;
}
function plannedCommandWrites(plan) {
  return plan.steps.reduce(
    (n, step) => n + (step.kind === "reply" ? 1 : step.kind === "freeze" ? 2 : step.close.length + 1),
    0
  );
}

// src/reconcile/tellIncidentPlan.ts
function tellIncidentPlan(gh, outcome) {
  if (gh.dryRun && outcome.plan) gh.dryRun.record(describeIncidentPlan(outcome.number, outcome.plan));
}

// src/core/freeze/handChange.ts
function handChangeMovedFreeze(change, config) {
  const { label, issue, stateChanged } = change;
  if (issue === void 0) return false;
  if (label !== void 0) {
    const name = label.name.toLowerCase();
    if (name === config.labels.freeze.toLowerCase() || name === config.labels.freeze_held.toLowerCase())
      return true;
    if (!decidesFreeze(name, config)) return false;
    const before = label.added ? issue.labels.filter((l) => l.toLowerCase() !== name) : [...issue.labels, label.name];
    return isFreezing({ ...issue, labels: before }, config) || isFreezing(issue, config);
  }
  if (stateChanged !== void 0) {
    const before = { ...issue, state: stateChanged === "reopened" ? "closed" : "open" };
    return isFreezing(before, config) || isFreezing(issue, config);
  }
  return false;
}
function mayHoldFreeze(change, config, trustedBots) {
  const { issue, label, stateChanged } = change;
  if (issue === void 0) return false;
  const has = (name) => issue.labels.some((l) => l.toLowerCase() === name.toLowerCase());
  if (has(config.labels.freeze_held)) return true;
  if (!issue.isPullRequest && isBotFreezeIssue(issue.author, issue.body, trustedBots))
    return label !== void 0 || stateChanged !== void 0;
  return label !== void 0 && !label.added && label.name.toLowerCase() === config.labels.incident.toLowerCase();
}
function decidesFreeze(name, config) {
  const names = labelNames(config);
  return name === config.labels.incident.toLowerCase() || names.severityOf(name) !== void 0 || names.stateOf(name) !== void 0;
}

// src/reconcile/inLane.ts
function laneKey(gh, object) {
  const id = typeof object === "number" ? `#${object}` : `@${object}`;
  return `${gh.owner}/${gh.repo}${id}`.toLowerCase();
}
function inLane(gh, object, job) {
  return gh.lanes ? gh.lanes.run(laneKey(gh, object), job) : job();
}

// src/reconcile/sweepRepository.ts
var DAY_MS2 = 24 * 36e5;
var RECENTLY_CLOSED_MS = 3 * DAY_MS2;
async function sweepRepository(gh, settings, now, { full = false } = {}) {
  const { config } = settings;
  const permissions = /* @__PURE__ */ new Map();
  const open = await listIssues(gh, { labels: config.labels.incident, state: "open" });
  const closed = full ? await listIssues(gh, {
    labels: config.labels.incident,
    state: "closed",
    // Rounded down to the day, so the URL stays the same all day and GitHub can answer 304.
    since: Math.floor((now - RECENTLY_CLOSED_MS) / DAY_MS2) * DAY_MS2
  }) : [];
  if (full && gh.ensureLabels === false && (open.length > 0 || closed.length > 0))
    await ensureRepoLabels(gh, config, incidentLabelNames(config), { force: true });
  const outcome = { incidents: 0, writes: 0, failures: [], open, freezeChanged: false };
  for (const issue of [...open, ...closed]) {
    if (issue.pull_request) continue;
    if (issue.state === "open") outcome.incidents++;
    try {
      const result = await inLane(
        gh,
        issue.number,
        () => reconcileIncident(gh, settings, issue.number, { now, permissions, hint: toIssueSnapshot(issue) })
      );
      tellIncidentPlan(gh, result);
      outcome.writes += result.writes;
      if (result.freezeRelevant) outcome.freezeChanged = true;
    } catch (error) {
      gh.log.error(
        { err: error, issue: issue.number },
        "reconcile failed during sweep; the next sweep retries"
      );
      outcome.failures.push({ target: `#${issue.number}`, error: error.message });
    }
  }
  return outcome;
}

// src/github/upsertMarkedComment.ts
async function upsertMarkedComment(gh, number, identity, body) {
  const mine = await findMarkedComment(gh, number, identity);
  if (mine === void 0) {
    await createCommentOnce(gh, number, identity, body);
    return true;
  }
  if (mine.body === body) return false;
  await updateComment(gh, mine.id, body);
  return true;
}

// src/reconcile/reportConfigProblems.ts
async function reportConfigProblems(gh, number, path, problems) {
  const issue = await readIssue(gh, number);
  if (issue.isPullRequest) return false;
  if (!issue.labels.some((l) => /incident/i.test(l))) return false;
  const body = `${renderMarker("config-error")}
### \u26A0\uFE0F Expedite is paused on this repository

${formatProblems(path, problems)}`;
  return upsertMarkedComment(gh, number, "config-error", body);
}

// src/core/channels/heard.ts
function freezesHeard(config) {
  return hears(config, config.deploys.channels, FREEZE_EVENTS);
}
function releasesHeard(config) {
  return hears(config, config.releases.channels, RELEASE_EVENTS);
}
function hears(config, named, events) {
  return named.some((name) => config.channels[name] !== void 0) || Object.values(config.channels).some((channel) => channel.events.some((e) => events.includes(e)));
}

// src/core/channels/grantOccasion.ts
function grantOccasion(config, request, at, grant) {
  return {
    message: `exception-granted:${request}`,
    event: "exception-granted",
    at,
    channels: config.deploys.channels,
    subject: { type: "grant", grant }
  };
}

// src/core/freeze/approverHandles.ts
function approverHandles(config, now) {
  const onCall = onCallAt(config.oncall, config.business_hours.timezone, now, config.business_hours.holidays);
  const handles = [onCall.primary, onCall.secondary, ...config.freeze.approvers].filter(
    (h) => h !== void 0
  );
  return [...new Set(handles.map((h) => h.startsWith("@") ? h : `@${h}`))];
}

// src/core/freeze/checkRun.ts
function clampSummary(summary) {
  return summary.length > 65e3 ? summary.slice(0, 65e3) + "\n\u2026" : summary;
}
function checkWrites(runs, output) {
  const summary = clampSummary(output.summary);
  const current = (run) => run.status === "completed" && run.conclusion === output.conclusion && run.title === output.title && run.summary === summary && (run.externalId ?? "") === (output.externalId ?? "");
  return {
    create: runs.length === 0,
    rewrite: runs.filter((run) => !current(run)).map((run) => run.id)
  };
}

// src/core/freeze/exceptionRequest.ts
function edited(comment) {
  return comment.updatedAt > comment.at;
}
function askedException(comment, config, trustedBots) {
  if (trustedBots.has(comment.author.toLowerCase())) return void 0;
  const asks = parseCommands(comment.body, {
    at: comment.at,
    timeZone: config.business_hours.timezone,
    roles: config.roles.extra
  }).filter((l) => l.ok && l.command.verb === "freeze-exception");
  const [first] = asks;
  if (!first?.ok || first.command.verb !== "freeze-exception") return void 0;
  return { line: first.line, reason: first.command.reason, lines: asks.length };
}

// src/core/freeze/freezeVerdict.ts
var MAX_ROWS = 50;
function freezeVerdict(input) {
  const { now, config, pr } = input;
  const zone = config.business_hours.timezone;
  const base = branchName(pr.base);
  const freezes = activeFreezes({
    now,
    config,
    defaultBranch: input.defaultBranch,
    base: pr.base,
    freezeIssues: input.freezeIssues,
    incidents: input.incidents
  });
  if (freezes.length === 0) {
    return {
      conclusion: "success",
      title: plainInline(`No code freeze on ${base}`, 120),
      summary: `No code freeze applies to ${codeSpan(base)} right now, so this pull request may merge.`,
      freezes
    };
  }
  if (onlyIgnoredPaths(pr.files, config.freeze.ignore_paths)) {
    const count2 = pr.files?.length ?? 0;
    return {
      conclusion: "success",
      title: "Passes the freeze: only ignored paths changed",
      summary: [
        `${codeSpan(base)} is frozen, but all ${count2} changed file${count2 === 1 ? "" : "s"} match ${codeSpan("freeze.ignore_paths")}, so merging cannot touch what the freeze protects.`,
        "",
        freezeTable(freezes, /* @__PURE__ */ new Map(), zone, now)
      ].join("\n"),
      freezes
    };
  }
  const passes = /* @__PURE__ */ new Map();
  const hotfixFor = fixedIncidents(pr, freezes, config);
  for (const freeze of freezes) {
    if (freeze.kind === "incident" && freeze.incident !== void 0 && hotfixFor.has(freeze.incident)) {
      passes.set(freeze, { by: "hotfix" });
    }
  }
  const grant = latestGrant(pr, config);
  if (grant) {
    for (const freeze of freezes) {
      if (!passes.has(freeze) && grant.at >= freeze.startedAt) passes.set(freeze, { by: "exception", grant });
    }
  }
  const usedGrant = [...passes.values()].some((pass) => pass.by === "exception") ? grant : void 0;
  const hotfixed = freezes.find((freeze) => passes.get(freeze)?.by === "hotfix")?.incident;
  const extras = {
    ...usedGrant && { exception: usedGrant },
    ...hotfixed !== void 0 && { hotfixFor: hotfixed }
  };
  const blocking = freezes.filter((freeze) => !passes.has(freeze));
  const perCommit = config.freeze.exception_per_commit;
  if (blocking.length === 0) {
    const reasons = [];
    if (hotfixed !== void 0) reasons.push(`hotfix for #${hotfixed}`);
    if (usedGrant) {
      const login = usedGrant.by.replace(/^@/, "");
      reasons.push(`exception granted by ${login}` + (perCommit ? ` for ${shortSha(usedGrant.sha)}` : ""));
    }
    const title = reasons.join("; ");
    const lines = [
      `${codeSpan(base)} is frozen, and this pull request is let through every freeze in force:`,
      "",
      freezeTable(freezes, passes, zone, now)
    ];
    if (usedGrant) {
      lines.push("", grantLine(usedGrant, zone, now));
      lines.push(
        "",
        perCommit ? `The exception covers commit ${codeSpan(shortSha(usedGrant.sha))} only: while the freeze lasts, a new push needs a new grant.` : "The exception covers this pull request across pushes, for the freezes in force when it was granted."
      );
    }
    return {
      conclusion: "success",
      title: plainInline(title.charAt(0).toUpperCase() + title.slice(1), 120),
      summary: lines.join("\n"),
      freezes,
      ...extras
    };
  }
  return {
    conclusion: "failure",
    title: failureTitle(blocking, zone, now),
    summary: failureSummary({ ...input, base, freezes, passes, blocking, grant, zone }),
    freezes,
    ...extras
  };
}
function fixedIncidents(pr, freezes, config) {
  const fixLabel = config.labels.incident_fix.toLowerCase();
  const labelled = pr.labels.some((label) => label.toLowerCase() === fixLabel);
  const fixes = /* @__PURE__ */ new Set();
  for (const freeze of freezes) {
    if (freeze.kind !== "incident" || freeze.incident === void 0) continue;
    if (labelled || pr.referencedIncidents.includes(freeze.incident)) fixes.add(freeze.incident);
  }
  return fixes;
}
function latestGrant(pr, config) {
  let latest;
  for (const record of pr.exceptions) {
    if (!record.granted || record.pullRequest !== pr.number) continue;
    if (config.freeze.exception_per_commit && record.sha !== pr.headSha) continue;
    if (!latest || record.at > latest.at) latest = record;
  }
  return latest;
}
function failureTitle(blocking, zone, now) {
  const [first] = blocking;
  if (!first) return "Code freeze";
  const more = blocking.length > 1 ? ` (+${blocking.length - 1} more)` : "";
  return `Code freeze: ${plainInline(first.name)} ${untilText(first, zone, now)}${more}`;
}
function failureSummary(input) {
  const { now, config, pr, base, freezes, passes, blocking, grant, zone } = input;
  const perCommit = config.freeze.exception_per_commit;
  const count2 = blocking.length === 1 ? "a code freeze" : `${blocking.length} code freezes`;
  const lines = [
    `**Merging into ${codeSpan(base)} is held back by ${count2}.**`,
    "",
    freezeTable(freezes, passes, zone, now)
  ];
  const status = exceptionStatus(pr, config, grant, blocking, zone, now);
  if (status.length > 0) lines.push("", ...status);
  const approvers = uniqueHandles(input.approvers ?? config.freeze.approvers);
  lines.push(
    "",
    "### How to merge anyway",
    "",
    `1. Comment ${codeSpan("/freeze-exception <reason>")} on this pull request, saying why it cannot wait.`,
    `2. Have it granted by the on-call engineer` + (approvers.length > 0 ? ` or another approver: ${approvers.map(handleText).join(", ")}.` : ".") + " Asking is not enough: the check turns green once an approver grants it.",
    perCommit ? `3. A grant covers one commit (now ${codeSpan(shortSha(pr.headSha))}): after a new push, ask again.` : "3. A grant covers this pull request across pushes, for the freezes in force when it is given."
  );
  const incidents = blocking.filter((freeze) => freeze.kind === "incident" && freeze.incident !== void 0);
  if (incidents.length > 0 && pr.untrustedFixLabel) {
    lines.push(
      "",
      `The ${codeSpan(config.labels.incident_fix)} label was added by ${handleText(pr.untrustedFixLabel.by)}, who lacks the ${codeSpan(config.commands.freeze_permission)} permission it takes to let a pull request through an incident's freeze, so it does not count. Someone with that permission can add it again.`
    );
  }
  if (incidents.length > 0) {
    const numbers = incidents.map((freeze) => `#${freeze.incident}`).join(", ");
    lines.push(
      "",
      `If this pull request is the fix for ${numbers}, reference the incident in its description (for example ${codeSpan(`Fixes ${numbers.split(", ")[0]}`)}) or add the ${codeSpan(config.labels.incident_fix)} label: the fix passes that incident's freeze (other freezes still apply).`
    );
  }
  const manual = blocking.filter((freeze) => freeze.kind === "manual" && freeze.issue !== void 0);
  if (manual.length > 0) {
    lines.push(
      "",
      `A manual freeze ends when its issue (${manual.map((freeze) => `#${freeze.issue}`).join(", ")}) is closed or someone with the right permission comments ${codeSpan("/unfreeze")} on it.`
    );
  }
  return lines.join("\n");
}
function exceptionStatus(pr, config, grant, blocking, zone, now) {
  const lines = [];
  const mine = pr.exceptions.filter((record) => record.pullRequest === pr.number);
  if (grant) {
    const later = blocking.map((freeze) => neutralizeInline(freeze.name, 100)).join(", ");
    const verb = blocking.length === 1 ? "began later and needs" : "began later and need";
    lines.push(
      `${grantLine(grant, zone, now)} It covers the freezes in force at that moment; ${later} ${verb} a new grant.`
    );
  } else if (config.freeze.exception_per_commit) {
    const stale = latestOf(mine.filter((record) => record.granted && record.sha !== pr.headSha));
    if (stale) {
      lines.push(
        `${handleText(stale.by)} granted an exception for commit ${codeSpan(shortSha(stale.sha))}, but the head is now ${codeSpan(shortSha(pr.headSha))}; a grant covers one commit, so it needs granting again.`
      );
    }
  }
  const voided = latestOf(mine.filter((record) => record.editedAt !== void 0));
  if (voided?.editedAt !== void 0 && (!grant || voided.at > grant.at)) {
    lines.push(
      `${handleText(voided.by)}'s grant no longer counts: its comment was edited (${formatFreezeTime(voided.editedAt, zone, now)}), and anyone with write access can edit a comment. To grant, ${handleText(voided.by)} comments ${codeSpan("/freeze-exception <reason>")} anew.`
    );
  }
  const pending = latestOf(
    mine.filter(
      (record) => !record.granted && record.editedAt === void 0 && (!config.freeze.exception_per_commit || record.sha === pr.headSha) && (!grant || record.at > grant.at)
    )
  );
  if (pending) {
    lines.push(
      `${handleText(pending.by)} asked for an exception (${formatFreezeTime(pending.at, zone, now)}): \u201C${neutralizeInline(pending.reason, 200)}\u201D. It is waiting for an approver.`
    );
  }
  return lines;
}
function grantLine(grant, zone, now) {
  const reason = grant.reason.trim() === "" ? "" : `: \u201C${neutralizeInline(grant.reason, 200)}\u201D`;
  return `Exception granted by ${handleText(grant.by)} for commit ${codeSpan(shortSha(grant.sha))} (${formatFreezeTime(grant.at, zone, now)})${reason}.`;
}
function freezeTable(freezes, passes, zone, now) {
  const rows = freezes.slice(0, MAX_ROWS).map((freeze) => {
    const label = neutralizeInline(freeze.name, 120).replace(/[[\]]/g, "\\$&");
    const named = freeze.link ? `[${label}](${freeze.link})` : label;
    const reason = freeze.reason ? ` \u2014 ${neutralizeInline(freeze.reason, 120)}` : "";
    const ends = endText(freeze, zone, now);
    const pass = passes.get(freeze);
    const effect = pass === void 0 ? "**blocks**" : pass.by === "hotfix" ? "passed: this is the incident's fix" : `passed: exception by ${handleText(pass.grant.by)}`;
    return `| ${named} (${FREEZE_KIND_WORDS[freeze.kind]})${reason} | ${formatFreezeTime(freeze.startedAt, zone, now)} | ${ends} | ${effect} |`;
  });
  const hidden = freezes.length - rows.length;
  return [
    "| Freeze | Since | Until | This pull request |",
    "| --- | --- | --- | --- |",
    ...rows,
    ...hidden > 0 ? [`| \u2026and ${hidden} more | | | |`] : []
  ].join("\n");
}
function latestOf(records) {
  return records.reduce(
    (latest, record) => !latest || record.at > latest.at ? record : latest,
    void 0
  );
}
function uniqueHandles(handles) {
  const seen = /* @__PURE__ */ new Set();
  return handles.filter((handle2) => {
    const key = handle2.replace(/^@/, "").toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// src/core/freeze/planPull.ts
function approvalKey(login, at) {
  return `${login.toLowerCase()}@${at}`;
}
function planPull(read2, config, now) {
  const { pr } = read2;
  const input = {
    now,
    config,
    defaultBranch: read2.defaultBranch,
    freezeIssues: [...read2.freezeIssues],
    incidents: [...read2.incidents]
  };
  const freezes = activeFreezes({ ...input, base: pr.baseRef });
  const needs = { comments: false, files: false, fixLabelAdder: false, approvals: [], heads: [] };
  const fixLabel = config.labels.incident_fix.toLowerCase();
  const fixLabelled = freezes.some((f) => f.kind === "incident") && pr.labels.some((l) => l.toLowerCase() === fixLabel);
  const grants = new Set(read2.runs.flatMap((run) => parseGrants(run.externalId)));
  const facts = {
    number: pr.number,
    base: pr.baseRef,
    headSha: pr.headSha,
    title: pr.title,
    body: pr.body,
    labels: pr.labels,
    exceptions: [],
    referencedIncidents: pr.references.filter((n) => read2.incidents.some((i) => i.number === n))
  };
  let answers = { replies: [], audits: [], grants: [], posted: [] };
  let deleteComments = [];
  let files;
  if (freezes.length > 0) {
    needs.comments = read2.comments === void 0;
    needs.files = config.freeze.ignore_paths.length > 0 && read2.files === void 0;
    needs.fixLabelAdder = fixLabelled && read2.fixLabelAdder === void 0;
    if (needs.comments || needs.files || needs.fixLabelAdder) return { needs };
    const comments = read2.comments ?? [];
    const approver = (login, at) => {
      const known = read2.approvals?.get(approvalKey(login, at));
      if (known === void 0 && !needs.approvals.some((a) => a.login === login && a.at === at))
        needs.approvals.push({ login, at });
      return known ?? false;
    };
    const headAt2 = (at) => {
      if (!read2.heads?.has(at)) needs.heads.push(at);
      return read2.heads?.get(at);
    };
    answers = answerRequests(read2, config, comments, now, { approver, headAt: headAt2 });
    for (const grant of answers.grants) grants.add(grant);
    facts.exceptions = exceptionsFrom(read2, config, [...comments, ...answers.posted], grants, approver);
    deleteComments = duplicateRecords(comments, read2.trustedBots);
    files = read2.files;
    if (fixLabelled && !read2.fixLabelAdder?.permitted) {
      facts.labels = pr.labels.filter((l) => l.toLowerCase() !== fixLabel);
      facts.untrustedFixLabel = { by: read2.fixLabelAdder?.by ?? "ghost" };
    }
    if (needs.approvals.length > 0 || needs.heads.length > 0) return { needs };
  }
  const verdict = freezeVerdict({
    ...input,
    pr: { ...facts, ...files ? { files: [...files] } : {} },
    approvers: approverHandles(config, now)
  });
  const externalId = grants.size > 0 ? `grants:${[...grants].sort().join(",")}` : void 0;
  const output = {
    conclusion: verdict.conclusion,
    title: verdict.title,
    summary: verdict.summary,
    ...externalId ? { externalId } : {}
  };
  const { create: create2, rewrite } = checkWrites(read2.runs, output);
  const news = freezes.length > 0 && freezesHeard(config) ? facts.exceptions.filter((e) => e.granted && e.request !== void 0).map(
    (e) => grantOccasion(config, e.request, e.at, {
      to: "merge",
      by: e.by,
      reason: e.reason,
      sha: e.sha,
      branch: pr.baseRef,
      number: pr.number,
      url: pr.url,
      freezes: freezes.filter((f) => f.startedAt <= e.at).map((f) => f.name)
    })
  ) : [];
  return {
    plan: {
      number: pr.number,
      verdict,
      replies: answers.replies,
      audits: answers.audits,
      deleteComments,
      // An incident's freeze tells the author to add the incident-fix label if this is the fix: it must
      // exist by then (GitHub's label picker cannot create one).
      ensureLabels: verdict.conclusion === "failure" && freezes.some((f) => f.kind === "incident") ? [config.labels.incident_fix] : [],
      ...create2 || rewrite.length > 0 ? { check: { name: config.freeze.check_name, sha: pr.headSha, output, detailsUrl: pr.url } } : {},
      news
    }
  };
}
function parseGrants(externalId) {
  if (!externalId?.startsWith("grants:")) return [];
  return externalId.slice("grants:".length).split(",").filter((g) => /^\d+\.\d+$/.test(g));
}
function answerRequests(read2, config, comments, now, ask) {
  const { pr, trustedBots } = read2;
  const answers = { replies: [], audits: [], grants: [], posted: [] };
  const records = comments.filter((c) => trustedBots.has(c.author.toLowerCase())).map((c) => parseMarker(c.body)).filter((m) => m?.kind === "exception");
  const answered = new Set(records.map((m) => String(m?.data.comment)));
  let paged = records.some((m) => m?.data.granted === "no" && m.data.sha === pr.headSha);
  const knownSince = Math.min(...read2.runs.map((run) => run.startedAt || Infinity));
  const zone = config.business_hours.timezone;
  const freezes = activeFreezes({
    now,
    config,
    defaultBranch: read2.defaultBranch,
    freezeIssues: [...read2.freezeIssues],
    incidents: [...read2.incidents],
    base: pr.baseRef
  });
  const approvers = approverHandles(config, now);
  for (const comment of comments) {
    if (answered.has(String(comment.id))) continue;
    const asked = askedException(comment, config, trustedBots);
    if (!asked) continue;
    const { reason, line } = asked;
    const approver = ask.approver(comment.author, comment.at);
    const fresh2 = approver && !edited(comment);
    const repeated = paged;
    const saw = fresh2 ? ask.headAt(comment.at) ?? (knownSince <= comment.at ? pr.headSha : void 0) : void 0;
    const granted = fresh2 && saw === pr.headSha;
    if (granted) answers.grants.push(`${comment.id}.${line}`);
    const sha = pr.headSha.slice(0, 7);
    const who = neutralize(comment.author);
    const extraLines = asked.lines > 1 ? ` (${asked.lines - 1} more \`/freeze-exception\` line(s) in the same comment are the same request.)` : "";
    let text;
    if (granted) {
      text = `\u2705 Freeze exception **granted** by ${who} for \`${sha}\`: ${neutralizeInline(reason, 300)}.${config.freeze.exception_per_commit ? " A new push needs a new grant." : ""}${extraLines}`;
    } else {
      const why = fresh2 ? saw !== void 0 ? `This grant is for \`${saw.slice(0, 7)}\`, the head when ${who} commented; the head is now \`${sha}\`, pushed since, so it is not covered. To let \`${sha}\` through, ${who} comments \`/freeze-exception <reason>\` anew.` : `${who} is an approver, but Expedite cannot tell which commit they were looking at (the branch's pushes are not visible to it). To grant \`${sha}\`, comment \`/freeze-exception <reason>\` anew.` : approver ? `${who}'s comment was edited after it was written, so it counts only as a request: edits can be made by anyone with write access. To grant, comment \`/freeze-exception <reason>\` anew.` : paged ? "The approvers were already asked about this commit; an approver can grant it by commenting `/freeze-exception <reason>` here." : `${approvers.length > 0 ? approvers.join(" ") : "No approver is configured (set `oncall` or `freeze.approvers`);"} an approver can grant it by commenting \`/freeze-exception <reason>\` here.`;
      const head = fresh2 ? `\u270B Freeze exception from ${who} **not granted** for \`${sha}\`` : `\u{1F4DD} Freeze exception **requested** by @${who} for \`${sha}\``;
      text = `${head}: ${neutralizeInline(reason, 300)}.${extraLines}

${why}`;
      if (!approver) paged = true;
    }
    const data = {
      comment: comment.id,
      line,
      sha: saw ?? pr.headSha,
      by: comment.author,
      granted: granted ? "yes" : "no",
      reason: reason.slice(0, 300)
    };
    const body = `${renderMarker("exception", data)}
${text}`;
    answers.replies.push({ identity: `exception:${comment.id}:${line}`, body });
    answers.posted.push({
      id: -1 - answers.posted.length,
      author: read2.botLogin,
      body,
      at: now,
      updatedAt: now
    });
    for (const freeze of granted || !repeated ? freezes : []) {
      const target = freeze.issue ?? freeze.incident;
      if (target === void 0) continue;
      const audit = `${renderMarker("exception-audit", { comment: comment.id, line, pr: pr.number, sha: pr.headSha, by: comment.author, granted: granted ? "yes" : "no", reason: reason.slice(0, 300) })}
Freeze exception ${granted ? "granted" : "requested"} by ${who} at ${formatTime(comment.at, zone)} for pull request #${pr.number} (\`${sha}\`): ${neutralizeInline(reason, 300)}`;
      answers.audits.push({ issue: target, identity: `exception-audit:${comment.id}:${line}`, body: audit });
    }
  }
  return answers;
}
function exceptionsFrom(read2, config, comments, grants, approver) {
  const { pr, trustedBots } = read2;
  const byId = new Map(comments.map((c) => [c.id, c]));
  const zone = config.business_hours.timezone;
  const records = [];
  const seen = /* @__PURE__ */ new Set();
  const recordFor = (commentId, line, fromRun, marker) => {
    const key = `${commentId}.${line}`;
    if (seen.has(key)) return;
    const source = byId.get(commentId);
    if (!source || trustedBots.has(source.author.toLowerCase())) return;
    const parsed = parseCommands(source.body, {
      at: source.at,
      timeZone: zone,
      roles: config.roles.extra
    }).find((l) => l.line === line);
    const asks = parsed?.ok && parsed.command.verb === "freeze-exception" ? parsed.command : void 0;
    const wasGranted = fromRun || marker?.granted === "yes";
    if (!asks && !(wasGranted && edited(source))) return;
    seen.add(key);
    const approved = fromRun || !config.freeze.exception_per_commit && approver(source.author, source.at);
    const voided = (approved || wasGranted) && edited(source);
    records.push({
      pullRequest: pr.number,
      sha: fromRun ? pr.headSha : marker?.sha ?? pr.headSha,
      by: source.author,
      // When the person asked, not when the bot answered: a grant covers only freezes already running then.
      at: source.at,
      reason: asks?.reason ?? marker?.reason ?? "",
      granted: approved && !voided,
      ...voided && { editedAt: source.updatedAt },
      request: `${commentId}.${line}`
    });
  };
  for (const grant of grants) {
    const [commentId, line] = grant.split(".").map(Number);
    if (commentId !== void 0 && line !== void 0) recordFor(commentId, line, true);
  }
  for (const comment of comments) {
    if (!trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker?.kind !== "exception") continue;
    recordFor(Number(marker.data.comment), Number(marker.data.line), false, marker.data);
  }
  return records;
}
function duplicateRecords(comments, trustedBots) {
  const seen = /* @__PURE__ */ new Set();
  const duplicates = [];
  for (const comment of [...comments].sort((a, b) => a.id - b.id)) {
    if (!trustedBots.has(comment.author.toLowerCase())) continue;
    const marker = parseMarker(comment.body);
    if (marker?.kind !== "exception") continue;
    const identity = markerIdentity(marker);
    if (seen.has(identity)) duplicates.push(comment.id);
    else seen.add(identity);
  }
  return duplicates;
}

// src/core/text/visibleText.ts
import { Parser as Parser2 } from "commonmark";
var INVISIBLE2 = /[\u200B-\u200D\u2060\uFEFF]/g;
function visibleText(markdown) {
  const parts = [];
  const walker = new Parser2().parse(markdown).walker();
  for (let step = walker.next(); step !== null; step = walker.next()) {
    const { node, entering } = step;
    if (node.type === "text") parts.push(node.literal ?? "");
    else if (node.type === "softbreak" || node.type === "linebreak") parts.push("\n");
    else if (!entering && node.isContainer && node.type !== "emph" && node.type !== "strong" && node.type !== "link")
      parts.push("\n");
    else if (node.type === "code" || node.type === "code_block" || node.type === "html_inline" || node.type === "html_block")
      parts.push(" ");
  }
  return parts.join("").replace(INVISIBLE2, "");
}

// src/github/checkRuns.ts
async function writeCheck(gh, name, sha, output, detailsUrl, known) {
  const runs = known ? known.runs : await ourRuns(gh, name, sha);
  const summary = clampSummary(output.summary);
  const { create: create2, rewrite } = checkWrites(runs, output);
  if (!create2 && rewrite.length === 0) return false;
  const body = {
    status: "completed",
    conclusion: output.conclusion,
    completed_at: (/* @__PURE__ */ new Date()).toISOString(),
    output: { title: output.title, summary },
    ...output.externalId !== void 0 ? { external_id: output.externalId } : {},
    ...detailsUrl ? { details_url: detailsUrl } : {}
  };
  if (!create2) {
    for (const id of rewrite) {
      await gh.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
        owner: gh.owner,
        repo: gh.repo,
        check_run_id: id,
        ...body
      });
    }
  } else {
    try {
      await gh.octokit.request("POST /repos/{owner}/{repo}/check-runs", {
        owner: gh.owner,
        repo: gh.repo,
        name,
        head_sha: sha,
        ...body,
        request: { retries: 0 }
      });
    } catch (error) {
      const status = statusOf(error);
      if (status !== void 0 && status < 500) throw error;
      const [landed] = await ourRuns(gh, name, sha);
      const target = landed ? { check_run_id: landed.id } : void 0;
      if (target) {
        await gh.octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          owner: gh.owner,
          repo: gh.repo,
          ...target,
          ...body
        });
      } else {
        await gh.octokit.request("POST /repos/{owner}/{repo}/check-runs", {
          owner: gh.owner,
          repo: gh.repo,
          name,
          head_sha: sha,
          ...body
        });
      }
    }
  }
  return true;
}
async function ourRuns(gh, name, sha) {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    owner: gh.owner,
    repo: gh.repo,
    ref: sha,
    check_name: name,
    filter: "all",
    per_page: 100
  });
  const slug2 = gh.botLogin.replace(/\[bot\]$/, "").toLowerCase();
  return data.check_runs.filter((run) => (run.app?.slug ?? "").toLowerCase() === slug2).sort((a, b) => Number(b.id) - Number(a.id)).map((run) => ({
    id: Number(run.id),
    status: run.status,
    conclusion: run.conclusion,
    title: run.output.title,
    summary: run.output.summary,
    externalId: run.external_id ?? null,
    ...run.started_at ? { startedAt: Date.parse(run.started_at) } : {}
  }));
}

// src/github/headAt.ts
var ZERO_SHA = /^0+$/;
async function headAt(gh, pr, at) {
  const [owner, repo] = (pr.headRepo ?? `${gh.owner}/${gh.repo}`).split("/");
  try {
    const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/activity", {
      owner,
      repo,
      ref: `refs/heads/${pr.headRef}`,
      direction: "desc",
      per_page: 100
    });
    const seen = data.find((activity) => Date.parse(activity.timestamp) <= at);
    return seen && !ZERO_SHA.test(seen.after) ? seen.after : void 0;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404) return void 0;
    throw error;
  }
}

// src/reconcile/targetsOf.ts
function snapshotOf(issue) {
  if (typeof issue.title !== "string" || typeof issue.html_url !== "string" || !Array.isArray(issue.labels))
    return {};
  return { issue: toIssueSnapshot(issue) };
}
function pullOf(pr) {
  const raw = pr;
  const complete = typeof raw.html_url === "string" && typeof raw.state === "string" && "merged_at" in raw && typeof raw.head?.sha === "string" && typeof raw.head.ref === "string" && typeof raw.base?.ref === "string" && typeof raw.title === "string" && Array.isArray(raw.labels) && typeof raw.created_at === "string";
  return complete ? { pull: toPullSummary(raw) } : {};
}
var FREEZE_COMMAND = /^\s*\/((un)?freeze|help)(\s|$)/im;
var REFERENCE = /(?:^|[^\w/])#(\d{1,9})\b/g;
function targetKey(repo, target) {
  switch (target.kind) {
    case "issue":
    case "pull":
      return `${repo}#${target.number}${target.freezeCommand ? ":freeze" : ""}`;
    case "merge-group":
      return `${repo}@${target.headSha}`;
    case "releases":
      return `${repo}:releases`;
    case "deployment":
      return `${repo}@deploy:${target.callbackUrl}`;
    case "sweep":
      return `${repo}:sweep`;
  }
}
function targetsOf(eventName, payload, trustedBots, options = {}) {
  const sender = payload.sender?.login?.toLowerCase();
  if (sender !== void 0 && trustedBots.has(sender) && eventName !== "schedule" && eventName !== "workflow_dispatch")
    return [];
  switch (eventName) {
    case "issues":
    case "issue_comment": {
      const issue = payload.issue;
      if (!issue) return [];
      const freezeCommand = eventName === "issue_comment" && FREEZE_COMMAND.test(payload.comment?.body ?? "");
      const extra = freezeCommand ? { freezeCommand: true } : {};
      const label = eventName === "issues" && (payload.action === "labeled" || payload.action === "unlabeled") && typeof payload.label?.name === "string" ? { label: { name: payload.label.name, added: payload.action === "labeled" } } : {};
      const action = payload.action;
      const stateChanged = eventName === "issues" && (action === "closed" || action === "reopened") ? { stateChanged: action } : {};
      return issue.pull_request ? [{ kind: "pull", number: issue.number, ...extra }] : [
        {
          kind: "issue",
          number: issue.number,
          ...extra,
          ...snapshotOf(issue),
          ...label,
          ...stateChanged
        }
      ];
    }
    case "pull_request":
    case "pull_request_review":
    case "pull_request_target": {
      const pr = payload.pull_request;
      if (!pr) return [];
      const targets = [
        { kind: "pull", number: pr.number, ...options.pullsFromPayload ? pullOf(pr) : {} }
      ];
      if (eventName === "pull_request" && ["opened", "closed", "reopened", "edited"].includes(payload.action ?? "")) {
        for (const number of referencedNumbers(`${pr.title ?? ""}
${pr.body ?? ""}`)) {
          if (number !== pr.number) targets.push({ kind: "issue", number });
        }
      }
      return targets;
    }
    case "check_run":
    case "check_suite": {
      const suite = payload.check_run ?? payload.check_suite;
      if (payload.action !== "rerequested" || !suite) return [];
      return (suite.pull_requests ?? []).map((pr) => ({ kind: "pull", number: pr.number }));
    }
    case "merge_group": {
      const group = payload.merge_group;
      if (payload.action !== "checks_requested" || !group) return [];
      return [
        { kind: "merge-group", headSha: group.head_sha, headRef: group.head_ref, baseRef: group.base_ref }
      ];
    }
    case "deployment_protection_rule": {
      const { deployment, environment, deployment_callback_url: callbackUrl } = payload;
      if (payload.action !== "requested" || !deployment?.sha || !environment || !callbackUrl) return [];
      return [
        { kind: "deployment", callbackUrl, environment, ref: deployment.ref ?? "", sha: deployment.sha }
      ];
    }
    case "release":
    case "milestone":
      return [{ kind: "releases" }];
    case "schedule":
    case "workflow_dispatch":
      return [{ kind: "sweep" }];
    default:
      return [];
  }
}
function referencedNumbers(text) {
  const numbers = /* @__PURE__ */ new Set();
  for (const match of text.matchAll(REFERENCE)) numbers.add(Number(match[1]));
  return [...numbers].slice(0, 10);
}

// src/reconcile/deliverNews.ts
async function deliverNews(gh, config, templates, issue, comments, occasions, now) {
  if (!gh.outbox || occasions.length === 0) return 0;
  const records = botCommentsAmong(comments, gh.trustedBots).filter((c) => c.marker.kind === DELIVERY_KIND);
  let writes = 0;
  for (const id of duplicateBotComments(records)) {
    await deleteComment(gh, id);
    writes++;
  }
  const planned = planNews({
    occasions,
    config,
    templates,
    now,
    repository: `${gh.owner}/${gh.repo}`,
    number: issue.number,
    url: issue.url,
    deliveries: deliveriesFrom(records)
  });
  if (planned.length === 0) return writes;
  const sent = await deliverMessages(gh, config, issue.number, planned, now, gh.outbox);
  return writes + sent.writes;
}

// src/reconcile/freeze/fixLabelAdder.ts
async function fixLabelAdder(gh, config, number) {
  const name = config.labels.incident_fix.toLowerCase();
  const events = await readTimeline(gh, number);
  const added = events.filter((e) => e.type === "labeled" && e.label.toLowerCase() === name).sort((a, b) => a.at - b.at || a.seq - b.seq).at(-1);
  if (!added) return void 0;
  const permission = await permissionOf(gh, added.actor, /* @__PURE__ */ new Map());
  return { by: added.actor, permitted: permits(permission, config.commands.freeze_permission) };
}

// src/github/teamMembership.ts
async function teamMembership(gh, org, team, login) {
  try {
    const { data } = await gh.octokit.request("GET /orgs/{org}/teams/{team_slug}/memberships/{username}", {
      org,
      team_slug: team,
      username: login
    });
    return data.state === "active" ? "member" : "not-member";
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return "not-member";
    if (status === 403) return "forbidden";
    throw error;
  }
}

// src/reconcile/freeze/isApprover.ts
async function isApprover(gh, config, login, now) {
  const lower = login.toLowerCase();
  for (const handle2 of approverHandles(config, now)) {
    const name = handle2.slice(1);
    if (!name.includes("/")) {
      if (name.toLowerCase() === lower) return true;
      continue;
    }
    const [org, team] = name.split("/");
    const membership = await teamMembership(gh, org, team, login);
    if (membership === "member") return true;
    if (membership === "forbidden")
      gh.log.warn(
        { org, team },
        "cannot read team membership; grant freeze.approvers by login or give the App members: read"
      );
  }
  return false;
}

// src/reconcile/freeze/reconcilePull.ts
async function reconcilePull(gh, config, templates, inputs, pr, now) {
  const { read: read2, listed, plan } = await readAndPlan(gh, config, inputs, pr, now);
  if (gh.dryRun) {
    gh.dryRun.record(describePullPlan(plan));
    return { verdict: plan.verdict, writes: plannedWrites(plan) };
  }
  const writes = await applyPullPlan(gh, config, templates, plan, { pr, listed, runs: read2.runs }, now);
  return { verdict: plan.verdict, writes };
}
async function readAndPlan(gh, config, inputs, pr, now) {
  let read2 = {
    pr: {
      number: pr.number,
      url: pr.url,
      baseRef: pr.baseRef,
      headSha: pr.headSha,
      title: pr.title,
      body: pr.body,
      labels: pr.labels,
      // Only what a reader sees refers to an incident: not an HTML comment, not `#1` in code.
      references: referencedNumbers(`${visibleText(pr.title)}
${visibleText(pr.body)}`)
    },
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
    runs: await ourRuns(gh, config.freeze.check_name, pr.headSha),
    botLogin: gh.botLogin,
    trustedBots: gh.trustedBots
  };
  let listed = [];
  for (let round = 0; ; round++) {
    const { plan, needs } = planPull(read2, config, now);
    if (plan) return { read: read2, listed, plan };
    if (round === 5)
      throw new Error(`the freeze plan of #${pr.number} keeps asking for more: ${JSON.stringify(needs)}`);
    if (needs.comments) {
      listed = await listComments(gh, pr.number);
      read2 = {
        ...read2,
        comments: listed.map((c) => ({
          id: c.id,
          author: c.author,
          body: c.body,
          at: c.createdAt,
          updatedAt: c.updatedAt
        }))
      };
    }
    if (needs.files) read2 = { ...read2, files: await changedFiles(gh, pr.number) ?? null };
    if (needs.fixLabelAdder)
      read2 = { ...read2, fixLabelAdder: await fixLabelAdder(gh, config, pr.number) ?? null };
    if (needs.approvals.length > 0) {
      const approvals = new Map(read2.approvals);
      for (const { login, at } of needs.approvals)
        approvals.set(approvalKey(login, at), await isApprover(gh, config, login, at));
      read2 = { ...read2, approvals };
    }
    if (needs.heads.length > 0) {
      const heads = new Map(read2.heads);
      for (const at of needs.heads) heads.set(at, await headAt(gh, pr, at));
      read2 = { ...read2, heads };
    }
  }
}
async function applyPullPlan(gh, config, templates, plan, seen, now) {
  let writes = 0;
  for (const reply of plan.replies) {
    await createCommentOnce(gh, plan.number, reply.identity, reply.body);
    writes++;
  }
  for (const audit of plan.audits)
    if (await upsertMarkedComment(gh, audit.issue, audit.identity, audit.body)) writes++;
  for (const id of plan.deleteComments) {
    await deleteComment(gh, id);
    writes++;
  }
  if (plan.ensureLabels.length > 0) await ensureRepoLabels(gh, config, plan.ensureLabels, { force: true });
  if (plan.check) {
    const { name, sha, output, detailsUrl } = plan.check;
    if (await writeCheck(gh, name, sha, output, detailsUrl, { runs: seen.runs })) writes++;
  }
  writes += await deliverNews(gh, config, templates, seen.pr, seen.listed, plan.news, now);
  return writes;
}

// src/reconcile/freeze/sweepPulls.ts
async function sweepPulls(gh, settings, inputs, now) {
  const { config, templates } = settings;
  const pulls = await listOpenPulls(gh);
  let writes = 0;
  const failures = [];
  for (const raw of pulls) {
    try {
      const pull = toPullSummary(raw);
      writes += (await inLane(gh, raw.number, () => reconcilePull(gh, config, templates, inputs, pull, now))).writes;
    } catch (error) {
      gh.log.error({ err: error, pull: raw.number }, "freeze check failed; the next sweep retries");
      failures.push(`#${raw.number}: ${error.message}`);
    }
  }
  return { pulls: pulls.length, writes, failures };
}

// src/core/plan/pullRequestHelp.ts
function pullRequestHelp(author) {
  return `@${neutralize(author)} on a pull request Expedite understands:

${helpText("pull-request")}`;
}

// src/core/freeze/planFreezeCommands.ts
function planFreezeCommands(read2, config, now) {
  const { number, where: where2, trustedBots } = read2;
  const answered = /* @__PURE__ */ new Set();
  for (const c of read2.comments) {
    if (!trustedBots.has(c.author.toLowerCase())) continue;
    const marker = parseMarker(c.body);
    if (marker?.kind === "freeze-reply" || marker?.kind === "reply")
      answered.add(`${marker.data.comment}:${marker.data.line}`);
  }
  const zone = config.business_hours.timezone;
  const steps = [];
  const missing = /* @__PURE__ */ new Set();
  let changed = false;
  for (const c of read2.comments) {
    const author = c.author;
    if (trustedBots.has(author.toLowerCase())) continue;
    for (const line of parseCommands(c.body, { at: c.at, timeZone: zone, roles: config.roles.extra })) {
      if (where2 === "pull-request" && line.ok && line.command.verb === "help" && !answered.has(`${c.id}:${line.line}`)) {
        steps.push({
          kind: "reply",
          identity: `reply:${c.id}:${line.line}`,
          body: `${renderMarker("reply", { comment: c.id, line: line.line })}
${pullRequestHelp(author)}`
        });
        continue;
      }
      const verb = line.ok ? line.command.verb : line.verb;
      if (verb !== "freeze" && verb !== "unfreeze") continue;
      if (answered.has(`${c.id}:${line.line}`)) continue;
      const identity = `freeze-reply:comment=${c.id}&line=${line.line}`;
      const marker = renderMarker("freeze-reply", { comment: c.id, line: line.line });
      const reply = (text) => ({
        kind: "reply",
        identity,
        body: `${marker}
${text}`
      });
      if (!line.ok) {
        if (where2 !== "incident")
          steps.push(
            reply(`@${neutralize(author)} I did not run \`/${verb}\`: ${line.error}

${line.usage}`)
          );
        continue;
      }
      const permission = read2.permissions?.get(author.toLowerCase());
      if (permission === void 0) {
        missing.add(author);
        continue;
      }
      if (!permits(permission, config.commands.freeze_permission)) {
        steps.push(
          reply(
            `@${neutralize(author)} \`/${line.command.verb}\` needs the **${config.commands.freeze_permission}** role on this repository, and you have **${permission}**. Ask a maintainer or the on-call engineer.`
          )
        );
        continue;
      }
      if (line.command.verb === "freeze") {
        if (line.command.until <= now) {
          steps.push(
            reply(
              `@${neutralize(author)} that freeze would already be over (${formatTime(line.command.until, zone)}). Give a later end, e.g. \`/freeze 2026-12-28 09:00 holiday closure\`.`
            )
          );
          continue;
        }
        const issue = renderFreezeIssue({
          until: line.command.until,
          reason: line.command.reason,
          branches: line.command.branches ?? [],
          requestedBy: author,
          zone,
          requestedIn: c.url
        });
        steps.push({ kind: "freeze", identity, marker, until: line.command.until, source: c.url, issue });
        changed = true;
      } else {
        const records = read2.freezeIssues.filter((f) => f.heldFor === number).map((f) => f.number);
        const targets = read2.freezeIssues.some((f) => f.number === number) ? [number] : records.length > 0 ? records : read2.freezeIssues.filter((f) => f.heldFor === void 0).map((f) => f.number);
        const close = targets.map((target) => {
          const heldFor = read2.freezeIssues.find((f) => f.number === target)?.heldFor;
          return { number: target, ...heldFor !== void 0 ? { heldFor } : {} };
        });
        const text = targets.length > 0 ? `\u{1F324}\uFE0F Freeze lifted: ${targets.map((t) => `#${t}`).join(", ")} closed.` : "There is no manual freeze open; scheduled freezes end on their own schedule.";
        steps.push({ kind: "unfreeze", identity, body: `${marker}
${text}`, close });
        changed ||= close.length > 0;
      }
    }
  }
  if (missing.size > 0) return { needs: { permissions: [...missing] } };
  return { plan: { number, steps, changed } };
}
function freezeStartedReply(step, issue, zone) {
  return `${step.marker}
\u{1F9CA} Code freeze started until **${formatTime(step.until, zone)}**: #${issue}. Close that issue or comment \`/unfreeze\` to lift it.`;
}

// src/reconcile/freeze/freezeCommands.ts
async function runFreezeCommands(gh, config, inputs, number, now, where2 = "issue") {
  const comments = await listComments(gh, number);
  const read2 = {
    number,
    where: where2,
    comments: comments.map((c) => ({
      id: c.id,
      author: c.author,
      body: c.body,
      at: c.createdAt,
      url: c.url
    })),
    freezeIssues: inputs.freezeIssues,
    trustedBots: gh.trustedBots
  };
  let planned = planFreezeCommands(read2, config, now);
  if (planned.needs) {
    const permissions = /* @__PURE__ */ new Map();
    for (const login of planned.needs.permissions) await permissionOf(gh, login, permissions);
    planned = planFreezeCommands({ ...read2, permissions }, config, now);
  }
  if (!planned.plan)
    throw new Error(`the freeze commands of #${number} still need ${JSON.stringify(planned.needs)}`);
  if (gh.dryRun) {
    gh.dryRun.record(describeFreezeCommandsPlan(planned.plan));
    return { writes: plannedCommandWrites(planned.plan), changed: false };
  }
  return applyFreezeCommands(gh, config, planned.plan);
}
async function applyFreezeCommands(gh, config, plan) {
  let writes = 0;
  for (const step of plan.steps) {
    switch (step.kind) {
      case "reply":
        await createCommentOnce(gh, plan.number, step.identity, step.body);
        writes++;
        break;
      case "freeze": {
        await ensureRepoLabels(gh, config, [config.labels.freeze]);
        const issue = await openFreezeIssueOnce(gh, config, step.issue, step.source);
        const body = freezeStartedReply(step, issue, config.business_hours.timezone);
        await createCommentOnce(gh, plan.number, step.identity, body);
        writes += 2;
        break;
      }
      case "unfreeze":
        for (const target of step.close) {
          await closeIssue(gh, target.number, "completed");
          if (target.heldFor !== void 0)
            await writeLabels(gh, target.heldFor, [], [config.labels.freeze_held]);
        }
        await createCommentOnce(gh, plan.number, step.identity, step.body);
        writes += step.close.length + 1;
        break;
    }
  }
  return { writes, changed: plan.changed };
}
async function openFreezeIssueOnce(gh, config, rendered, source) {
  const find = async () => {
    const issues = await listIssues(gh, { labels: config.labels.freeze, state: "all" });
    const found = issues.find(
      (i) => gh.trustedBots.has((i.user?.login ?? "").toLowerCase()) && (i.body ?? "").includes(source)
    );
    return found ? { number: found.number, url: found.html_url } : void 0;
  };
  const existing = await find();
  if (existing) return existing.number;
  return (await createIssueOnce(gh, { ...rendered, labels: [config.labels.freeze], find })).number;
}

// src/core/freeze/mergeGroupCheck.ts
function mergeGroupCheck(base, frozen, verdicts) {
  if (!frozen)
    return {
      conclusion: "success",
      title: "No code freeze applies",
      summary: `Nothing freezes \`${base}\` right now.`
    };
  const blocked = verdicts.filter((v) => v.verdict.conclusion === "failure");
  if (blocked.length === 0 && verdicts.length > 0)
    return {
      conclusion: "success",
      title: "Every pull request in this group may pass the freeze",
      summary: verdicts.map((v) => `- #${v.number}: ${v.verdict.title}`).join("\n")
    };
  return {
    conclusion: "failure",
    title: blocked[0]?.verdict.title ?? "Code freeze: this merge group cannot be checked against its pull requests",
    summary: blocked.length > 0 ? blocked.map((v) => `### #${v.number}

${v.verdict.summary}`).join("\n\n") : "The merge group's pull requests could not be identified from its branch name."
  };
}

// src/reconcile/freeze/reconcileMergeGroup.ts
var QUEUE_REF = /pr-(\d+)-[0-9a-f]+$/;
async function reconcileMergeGroup(gh, config, templates, target, now) {
  const inputs = await freezeInputs(gh, config);
  const base = target.baseRef.replace(/^refs\/heads\//, "");
  const frozen = activeFreezes({ ...inputs, now, config, base }).length > 0;
  const verdicts = [];
  if (frozen) {
    const numbers = [...target.headRef.matchAll(/pr-(\d+)-/g)].map((m) => Number(m[1]));
    const fromRef = QUEUE_REF.exec(target.headRef);
    if (numbers.length === 0 && fromRef) numbers.push(Number(fromRef[1]));
    for (const number of numbers) {
      const { verdict } = await inLane(
        gh,
        number,
        async () => reconcilePull(gh, config, templates, inputs, await readPull(gh, number), now)
      );
      verdicts.push({ number, verdict });
    }
  }
  const output = mergeGroupCheck(base, frozen, verdicts);
  const name = config.freeze.check_name;
  const runs = await ourRuns(gh, name, target.headSha);
  if (gh.dryRun) {
    const { create: create2, rewrite } = checkWrites(runs, output);
    const lines = create2 || rewrite.length > 0 ? [describeCheck(name, target.headSha, output)] : [];
    gh.dryRun.record(lines);
    return { writes: lines.length, conclusion: output.conclusion };
  }
  const wrote = await writeCheck(gh, name, target.headSha, output, void 0, { runs });
  return { writes: wrote ? 1 : 0, conclusion: output.conclusion };
}

// src/reconcile/freeze/reportConfigOnPull.ts
var CHECK = "expedite/freeze";
async function reportConfigOnPull(gh, target, path, problems) {
  let sha;
  if (target.kind === "pull") {
    const pr = await readPull(gh, target.number);
    if (pr.state !== "open") return false;
    sha = pr.headSha;
  } else if (target.kind === "merge-group") {
    sha = target.headSha;
  } else {
    return false;
  }
  return writeCheck(gh, CHECK, sha, {
    conclusion: "failure",
    title: `Expedite cannot read ${path}`,
    summary: formatProblems(path, problems)
  });
}

// src/reconcile/trackingIssue.ts
async function trackingIssue(gh, config, spec) {
  const find = async () => (await markedIssues(gh, spec.label, "all")).filter((i) => i.identity === spec.kind).sort((a, b) => a.number - b.number);
  const [existing] = await find();
  if (existing) return { number: existing.number, url: existing.url, created: false };
  await ensureRepoLabels(gh, config, [spec.label]);
  const created = await createIssueOnce(gh, {
    title: spec.title,
    body: `${renderMarker(spec.kind)}
${spec.text}`,
    labels: [spec.label],
    find: async () => (await find())[0]
  });
  const [oldest] = await find();
  if (oldest && oldest.number < created.number) {
    await closeIssue(gh, created.number, "not_planned", { body: `Duplicate of #${oldest.number}.` });
    return { number: oldest.number, url: oldest.url, created: true };
  }
  return { ...created, created: true };
}

// src/reconcile/freeze/freezeCalendar.ts
function freezeCalendar(gh, config) {
  return trackingIssue(gh, config, {
    label: config.labels.freeze,
    kind: "freeze-calendar",
    title: "Code freeze calendar",
    text: "Scheduled code freezes (windows, weekly freezes, office closures) are announced here ahead of time, and the messages sent beyond GitHub when each one starts and ends are recorded here. This issue is not itself a freeze: closing it lifts nothing."
  });
}

// src/reconcile/freeze/announceFreezes.ts
async function announceFreezes(gh, settings, inputs, now, sweep) {
  const { config, templates } = settings;
  const { lookbackMs, fullPass } = sweep;
  const upcoming = upcomingFreezes(config, now);
  if (upcoming.length === 0) return 0;
  const seenBefore = new Set(upcomingFreezes(config, now - lookbackMs).map((u) => u.key));
  const fresh2 = fullPass ? upcoming : upcoming.filter(
    (u) => !seenBefore.has(u.key) || u.startsAt - durationMs(config.freeze.announce_before) > now - lookbackMs
  );
  if (fresh2.length === 0) return 0;
  const zone = config.business_hours.timezone;
  const body = (freeze) => `${renderMarker("freeze-announce", { key: freeze.key })}
${renderTemplate(
    templates["freeze-announcement"],
    {
      name: neutralizeInline(freeze.name, 120),
      starts: formatTime(freeze.startsAt, zone),
      ends: formatTime(freeze.endsAt, zone),
      branches: config.freeze.branches.length > 0 ? config.freeze.branches.map((b) => `\`${b}\``).join(", ") : `\`${inputs.defaultBranch}\``
    }
  )}`;
  let writes = 0;
  if (config.freeze.announce_on === "issue") {
    const calendar = await freezeCalendar(gh, config);
    const tracker = calendar.number;
    if (calendar.created) writes++;
    for (const freeze of fresh2) {
      if (await upsertMarkedComment(
        gh,
        tracker,
        markerIdentity({ kind: "freeze-announce", data: { key: freeze.key } }),
        body(freeze)
      ))
        writes++;
    }
    return writes;
  }
  const pulls = await listOpenPulls(gh);
  for (const pull of pulls) {
    if (!freezeCoversBranch(pull.base.ref, config.freeze.branches, inputs.defaultBranch)) continue;
    for (const freeze of fresh2) {
      if (await upsertMarkedComment(
        gh,
        pull.number,
        markerIdentity({ kind: "freeze-announce", data: { key: freeze.key } }),
        body(freeze)
      ))
        writes++;
    }
  }
  return writes;
}

// src/reconcile/freeze/deliverFreezeMessages.ts
async function deliverFreezeMessages(gh, settings, inputs, now, scope) {
  const { config, templates } = settings;
  if (!gh.outbox || !freezesHeard(config)) return 0;
  const from = now - FRESH_FOR_MS;
  let writes = 0;
  const closed = (await listIssues(gh, { labels: config.labels.freeze, state: "closed", since: from })).filter((issue) => isFreezeIssue(toIssueSnapshot(issue), gh.trustedBots));
  const heldLabel = config.labels.freeze_held.toLowerCase();
  const labelled = new Set(
    closed.filter(
      (i) => i.labels.some((l) => (typeof l === "string" ? l : l.name ?? "").toLowerCase() === heldLabel)
    ).map((i) => i.number)
  );
  const issues = [
    ...inputs.freezeIssues,
    ...closed.map((issue) => toFreezeIssue(issue, gh.trustedBots)).filter((f) => f.closedAt !== void 0)
  ];
  for (const issue of issues) {
    if (issue.heldFor !== void 0) continue;
    const records = issues.filter((r) => r.heldFor === issue.number);
    const occasions = manualFreezeOccasions(issue, config, inputs.defaultBranch, now, {
      labelled: labelled.has(issue.number),
      records
    }).filter((o) => o.at >= from);
    if (occasions.length === 0) continue;
    writes += await inLane(
      gh,
      issue.number,
      async () => deliverNews(gh, config, templates, issue, await listComments(gh, issue.number), occasions, now)
    );
  }
  if (scope.calendar) {
    const occasions = scheduledFreezeOccasions(config, inputs.defaultBranch, from, now);
    if (occasions.length > 0) {
      const calendar = await freezeCalendar(gh, config);
      if (calendar.created) writes++;
      writes += await inLane(
        gh,
        calendar.number,
        async () => deliverNews(gh, config, templates, calendar, await listComments(gh, calendar.number), occasions, now)
      );
    }
  }
  return writes;
}

// src/github/reviewDeployment.ts
async function reviewDeployment(gh, runId, review) {
  try {
    await gh.octokit.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", {
      owner: gh.owner,
      repo: gh.repo,
      run_id: runId,
      environment_name: review.environment,
      ...review.state ? { state: review.state } : {},
      // GitHub keeps review comments short; the hold issue has the whole story.
      comment: review.comment.slice(0, 1e3)
    });
    return "reviewed";
  } catch (error) {
    if (statusOf(error) === 422) return "already-reviewed";
    throw error;
  }
}
function callbackRunId(gh, url) {
  const match = /\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/deployment_protection_rule\/?$/.exec(url);
  if (!match) return void 0;
  const [, owner, repo, run] = match;
  if (owner?.toLowerCase() !== gh.owner.toLowerCase() || repo?.toLowerCase() !== gh.repo.toLowerCase())
    return void 0;
  return Number(run);
}

// src/reconcile/deploys/holdIssues.ts
function holdIdentity(sha, branch) {
  return markerIdentity({ kind: "deploy-hold", data: { sha, branch } });
}
function toHold(issue) {
  const marker = parseMarker(issue.body);
  if (marker?.kind !== "deploy-hold" || !marker.data.sha || !marker.data.branch) return void 0;
  return {
    number: issue.number,
    url: issue.url,
    sha: marker.data.sha,
    branch: marker.data.branch,
    open: issue.state === "open"
  };
}
async function openHolds(gh, config) {
  const issues = await markedIssues(gh, config.labels.deploy_hold, "open");
  return issues.map(toHold).filter((h) => h !== void 0);
}
async function findHold(gh, config, sha, branch) {
  const identity = holdIdentity(sha, branch);
  const issues = await markedIssues(gh, config.labels.deploy_hold, "all");
  const found = issues.filter((i) => i.identity === identity).sort((a, b) => a.number - b.number)[0];
  return found ? toHold(found) : void 0;
}
async function ensureHold(gh, config, sha, branch, repoUrl) {
  const existing = await findHold(gh, config, sha, branch);
  if (existing) {
    if (!existing.open) {
      await reopenIssue(gh, existing.number);
    }
    return { ...existing, open: true };
  }
  const identity = holdIdentity(sha, branch);
  await ensureRepoLabels(gh, config, [config.labels.deploy_hold]);
  const created = await createIssueOnce(gh, {
    title: `Deploys of ${shortSha(sha)} (${branch}) held by a code freeze`,
    body: holdBody(sha, branch, repoUrl),
    labels: [config.labels.deploy_hold],
    find: async () => {
      const found = (await markedIssues(gh, config.labels.deploy_hold, "all")).find(
        (i) => i.identity === identity
      );
      return found ? { number: found.number, url: found.url } : void 0;
    }
  });
  const twins = (await markedIssues(gh, config.labels.deploy_hold, "all")).filter((i) => i.identity === identity && i.number !== created.number).sort((a, b) => a.number - b.number);
  const oldest = twins[0];
  if (oldest && oldest.number < created.number) {
    await closeIssue(gh, created.number, "not_planned", { body: `Duplicate of #${oldest.number}.` });
    return { number: oldest.number, url: oldest.url, sha, branch, open: oldest.state === "open" };
  }
  return { ...created, sha, branch, open: true };
}
async function readHold(gh, number) {
  const issue = await readIssue(gh, number);
  if (!gh.trustedBots.has(issue.author.toLowerCase())) return void 0;
  return toHold({
    number: issue.number,
    url: issue.url,
    title: issue.title,
    state: issue.state,
    identity: "",
    body: issue.body,
    createdAt: issue.createdAt
  });
}
function holdBody(sha, branch, repoUrl) {
  return [
    renderMarker("deploy-hold", { sha, branch }),
    `Deployments of commit [${codeSpan(shortSha(sha))}](${repoUrl}/commit/${sha}) from ${codeSpan(branch)} to gated environments are held by a code freeze. Each deployment that waits is listed in a comment below; Expedite approves it when the freeze ends and closes this issue once nothing waits.`,
    "",
    `**To deploy during the freeze**, the on-call engineer or a freeze approver comments ${codeSpan("/freeze-exception <reason>")} here. The exception covers this commit only, and it is recorded on the incident or freeze issue and in the post-mortem.`
  ].join("\n");
}

// src/core/deploys/isGatedEnvironment.ts
import picomatch2 from "picomatch";
function isGatedEnvironment(environment, config) {
  const globs = config.deploys.environments;
  return globs.length > 0 && picomatch2([...globs], { nocase: true, dot: true })(environment);
}

// src/core/deploys/deployBranch.ts
function deployBranch(ref, defaultBranch) {
  if (ref === "" || ref.startsWith("refs/tags/") || ref.startsWith("refs/pull/")) return defaultBranch;
  if (/^[0-9a-f]{40}$/i.test(ref)) return defaultBranch;
  return branchName(ref);
}

// src/core/deploys/deployVerdict.ts
function deployVerdict(input) {
  const { now, config, branch, sha } = input;
  const zone = config.business_hours.timezone;
  const freezes = activeFreezes({
    now,
    config,
    defaultBranch: input.defaultBranch,
    base: branch,
    freezeIssues: input.freezeIssues,
    incidents: input.incidents
  });
  const grant = input.grants.filter((g) => g.sha === sha).reduce((latest, g) => !latest || g.at > latest.at ? g : latest, void 0);
  const blocking = freezes.filter((freeze) => !grant || grant.at < freeze.startedAt);
  const commit = codeSpan(shortSha(sha));
  if (freezes.length === 0) {
    return {
      decision: "approve",
      branch,
      freezes,
      blocking,
      headline: plainInline(`No code freeze on ${branch}`, 120),
      details: `No code freeze applies to ${codeSpan(branch)}, so commit ${commit} may deploy.`
    };
  }
  const table = freezeTable2(freezes, blocking, zone, now);
  if (blocking.length === 0 && grant) {
    const reason = grant.reason.trim() === "" ? "" : `: \u201C${neutralizeInline(grant.reason, 200)}\u201D`;
    return {
      decision: "approve",
      branch,
      freezes,
      blocking,
      grant,
      headline: plainInline(`Freeze exception granted by ${grant.by} for ${shortSha(sha)}`, 120),
      details: [
        `${codeSpan(branch)} is frozen, and commit ${commit} deploys under an exception granted by ${handleText(grant.by)} (${formatFreezeTime(grant.at, zone, now)})${reason}.`,
        "",
        table
      ].join("\n")
    };
  }
  const [first] = blocking;
  const more = blocking.length > 1 ? ` (+${blocking.length - 1} more)` : "";
  const headline = first ? `Code freeze: ${plainInline(first.name)} until ${endText(first, zone, now)}${more}` : "Code freeze";
  const approvers = input.approvers.length > 0 ? input.approvers.map(handleText).join(", ") : "";
  const where2 = input.holdIssue ? ` on #${input.holdIssue.number}` : " on this commit's hold issue";
  const lines = [
    `**Deploying commit ${commit} of ${codeSpan(branch)} is held back by ${blocking.length === 1 ? "a code freeze" : `${blocking.length} code freezes`}.**`,
    "",
    table
  ];
  if (grant) {
    lines.push(
      "",
      `${handleText(grant.by)} granted an exception (${formatFreezeTime(grant.at, zone, now)}), but ${blocking.map((f) => neutralizeInline(f.name, 100)).join(", ")} began later and needs a new grant.`
    );
  }
  const voided = (input.voided ?? []).filter((v) => !grant || v.at > grant.at).reduce((latest, v) => !latest || v.at > latest.at ? v : latest, void 0);
  if (voided) {
    lines.push(
      "",
      `${handleText(voided.by)}'s grant no longer counts: its comment was edited (${formatFreezeTime(voided.editedAt, zone, now)}), and anyone with write access can edit a comment. To grant, ${handleText(voided.by)} comments ${codeSpan("/freeze-exception <reason>")} anew.`
    );
  }
  lines.push(
    "",
    "### How to deploy anyway",
    "",
    `The on-call engineer or an approver${approvers ? ` (${approvers})` : ""} comments ${codeSpan("/freeze-exception <reason>")}${where2}. The exception covers commit ${commit} only: a new commit needs a new one.`
  );
  return {
    decision: "hold",
    branch,
    freezes,
    blocking,
    ...grant ? { grant } : {},
    headline,
    details: lines.join("\n")
  };
}
function freezeTable2(freezes, blocking, zone, now) {
  const rows = freezes.slice(0, 50).map((freeze) => {
    const label = neutralizeInline(freeze.name, 120).replace(/[[\]]/g, "\\$&");
    const named = freeze.link ? `[${label}](${freeze.link})` : label;
    const reason = freeze.reason ? ` \u2014 ${neutralizeInline(freeze.reason, 120)}` : "";
    const effect = blocking.includes(freeze) ? "**holds**" : "passed: exception";
    return `| ${named} (${FREEZE_KIND_WORDS[freeze.kind]})${reason} | ${formatFreezeTime(freeze.startedAt, zone, now)} | ${endText(freeze, zone, now)} | ${effect} |`;
  });
  return ["| Freeze | Since | Until | This deployment |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

// src/reconcile/freeze/judgeExceptionRequest.ts
async function judgeExceptionRequest(gh, config, comment) {
  const asked = askedException(comment, config, gh.trustedBots);
  if (!asked) return void 0;
  const approver = await isApprover(gh, config, comment.author, comment.at);
  return { ...asked, comment, approver, grants: approver && !edited(comment) };
}

// src/reconcile/deploys/holdThread.ts
async function readHoldThread(gh, config, inputs, hold, now) {
  const comments = await listComments(gh, hold.number);
  const trusted = (login) => gh.trustedBots.has(login.toLowerCase());
  const answered = /* @__PURE__ */ new Set();
  const runs = [];
  for (const c of comments) {
    if (!trusted(c.author)) continue;
    const marker = parseMarker(c.body);
    if (marker?.kind === "exception") answered.add(`${marker.data.comment}:${marker.data.line}`);
    if (marker?.kind === "deploy-run") {
      const state = marker.data.state;
      runs.push({
        commentId: c.id,
        runId: Number(marker.data.run),
        environment: marker.data.env ?? "",
        state: state === "approved" || state === "rejected" ? state : "waiting"
      });
    }
  }
  const grants = [];
  const voided = [];
  let writes = 0;
  for (const c of comments) {
    const request = await judgeExceptionRequest(gh, config, {
      id: c.id,
      author: c.author,
      body: c.body,
      at: c.createdAt,
      updatedAt: c.updatedAt
    });
    if (!request) continue;
    const { line, reason } = request;
    if (request.grants)
      grants.push({ sha: hold.sha, by: c.author, at: c.createdAt, reason, request: `${c.id}.${line}` });
    else if (request.approver) voided.push({ by: c.author, at: c.createdAt, editedAt: c.updatedAt });
    const key = `${c.id}:${line}`;
    if (answered.has(key)) continue;
    answered.add(key);
    writes += await answerRequest(gh, config, inputs, hold, request, now);
  }
  return { grants, voided, runs, comments, writes };
}
async function deliverHoldGrants(gh, settings, inputs, hold, thread, now) {
  const { config, templates } = settings;
  if (!freezesHeard(config) || thread.grants.length === 0) return 0;
  const freezes = activeFreezes({ ...inputs, now, config, base: hold.branch });
  const occasions = thread.grants.map(
    (g) => grantOccasion(config, g.request, g.at, {
      to: "deploy",
      by: g.by,
      reason: g.reason,
      sha: hold.sha,
      branch: hold.branch,
      number: hold.number,
      url: hold.url,
      freezes: freezes.filter((f) => f.startedAt <= g.at).map((f) => f.name)
    })
  );
  return deliverNews(gh, config, templates, hold, thread.comments, occasions, now);
}
async function answerRequest(gh, config, inputs, hold, request, now) {
  const zone = config.business_hours.timezone;
  const sha = hold.sha.slice(0, 7);
  const author = request.comment.author;
  const who = neutralize(author);
  const reason = neutralizeInline(request.reason, 300);
  const approvers = approverHandles(config, now);
  const text = request.grants ? `\u2705 Freeze exception **granted** by ${who} for deploying \`${sha}\`: ${reason}. A new commit needs a new grant.` : `\u{1F4DD} Freeze exception **requested** by ${who} for deploying \`${sha}\`: ${reason}.

` + (request.approver ? `${who}'s comment was edited after it was written, so it counts only as a request: edits can be made by anyone with write access. To grant, comment \`/freeze-exception <reason>\` anew.` : approvers.length > 0 ? `${approvers.join(" ")}: an approver grants it by commenting \`/freeze-exception <reason>\` here.` : "No approver is configured (set `oncall` or `freeze.approvers`), so nobody can grant it yet.");
  const data = {
    comment: request.comment.id,
    line: request.line,
    sha: hold.sha,
    by: author,
    granted: request.grants ? "yes" : "no",
    reason: request.reason.slice(0, 300)
  };
  await createCommentOnce(
    gh,
    hold.number,
    `exception:${request.comment.id}:${request.line}`,
    `${renderMarker("exception", data)}
${text}`
  );
  let writes = 1;
  const freezes = activeFreezes({ ...inputs, now, config, base: hold.branch });
  for (const freeze of freezes) {
    const target = freeze.issue ?? freeze.incident;
    if (target === void 0) continue;
    const audit = `${renderMarker("exception-audit", { ...data, pr: hold.number, deploy: "yes" })}
Freeze exception ${request.grants ? "granted" : "requested"} by ${who} at ${formatTime(request.comment.at, zone)} for deploying \`${sha}\` from \`${neutralizeInline(hold.branch, 100)}\` (#${hold.number}): ${reason}`;
    if (await upsertMarkedComment(gh, target, `exception-audit:${request.comment.id}:${request.line}`, audit))
      writes++;
  }
  return writes;
}

// src/reconcile/deploys/judgeDeploy.ts
async function judgeDeploy(gh, config, deploy, now) {
  const inputs = await freezeInputs(gh, config);
  const branch = deployBranch(deploy.ref, inputs.defaultBranch);
  const base = {
    now,
    config,
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents
  };
  if (activeFreezes({ ...base, base: branch }).length === 0) {
    const verdict2 = deployVerdict({ ...base, branch, sha: deploy.sha, grants: [], approvers: [] });
    return { inputs, branch, verdict: verdict2 };
  }
  const hold = await ensureHold(gh, config, deploy.sha, branch, inputs.htmlUrl);
  const thread = await readHoldThread(gh, config, inputs, hold, now);
  const verdict = deployVerdict({
    ...base,
    branch,
    sha: deploy.sha,
    grants: thread.grants,
    voided: thread.voided,
    approvers: approverHandles(config, now),
    holdIssue: hold
  });
  return { inputs, branch, verdict, held: { hold, thread } };
}

// src/core/deploys/runComment.ts
function runComment(config, run, state, verdict, now) {
  const at = formatTime(now, config.business_hours.timezone);
  const where2 = `to ${codeSpan(run.environment)} (workflow run ${run.runId})`;
  const head = state === "waiting" ? `\u23F8\uFE0F Deployment ${where2} is waiting for the freeze to end (since ${at}).` : state === "rejected" ? `\u26D4 Deployment ${where2} was rejected at ${at}: ${verdict.headline}. Re-run it once an exception is granted or the freeze ends.` : `\u2705 Deployment ${where2} was approved at ${at}: ${verdict.grant ? verdict.headline : "no freeze holds it any more"}.`;
  return [
    renderMarker("deploy-run", { run: run.runId, env: run.environment, state }),
    head,
    "",
    verdict.details
  ].join("\n");
}
function reviewComment(verdict, holdUrl) {
  if (verdict.decision === "approve") return `Expedite: ${verdict.headline}.`;
  return `Expedite: ${verdict.headline}.${holdUrl ? ` To deploy anyway, an approver comments /freeze-exception <reason> on ${holdUrl} (this commit only).` : ""}`;
}

// src/reconcile/deploys/protectDeployment.ts
async function protectDeployment(gh, settings, request, now) {
  const { config } = settings;
  const { runId, environment } = request;
  if (!isGatedEnvironment(environment, config)) {
    await reviewDeployment(gh, runId, {
      environment,
      state: "approved",
      comment: `Expedite: ${codeSpan(environment)} is not a gated environment (deploys.environments), so freezes do not hold it.`
    });
    return { decision: "approved", writes: 1 };
  }
  const { inputs, branch, verdict, held } = await judgeDeploy(gh, config, request, now);
  if (held === void 0) {
    const earlier2 = await findHold(gh, config, request.sha, branch);
    const writes = earlier2?.open ? await settleRecord(gh, config, earlier2.number, request, verdict, now) : 0;
    await reviewDeployment(gh, runId, { environment, state: "approved", comment: reviewComment(verdict) });
    return { decision: "approved", writes: writes + 1 };
  }
  const { hold, thread } = held;
  const answer3 = await answerHeld(gh, config, request, hold, thread, verdict, now);
  const told = await deliverHoldGrants(gh, settings, inputs, hold, thread, now);
  return { decision: answer3.decision, writes: thread.writes + answer3.writes + told };
}
async function answerHeld(gh, config, request, hold, thread, verdict, now) {
  const { runId, environment } = request;
  const recorded = thread.runs.find((r) => r.runId === runId);
  if (recorded && recorded.state !== "waiting") return { decision: recorded.state, writes: 0 };
  if (verdict.decision === "approve") {
    await reviewDeployment(gh, runId, { environment, state: "approved", comment: reviewComment(verdict) });
    const body = runComment(config, request, "approved", verdict, now);
    if (recorded) await updateComment(gh, recorded.commentId, body);
    else await createCommentOnce(gh, hold.number, `deploy-run:${runId}`, body);
    return { decision: "approved", writes: 2 };
  }
  if (recorded) return { decision: "waiting", writes: 0 };
  const state = config.deploys.when_frozen === "reject" ? "rejected" : "waiting";
  await reviewDeployment(gh, runId, {
    environment,
    ...state === "rejected" ? { state } : {},
    comment: reviewComment(verdict, hold.url)
  });
  await createCommentOnce(
    gh,
    hold.number,
    `deploy-run:${runId}`,
    runComment(config, request, state, verdict, now)
  );
  return { decision: state, writes: 2 };
}
async function settleRecord(gh, config, holdNumber, request, verdict, now) {
  const comments = await listComments(gh, holdNumber);
  const mine = comments.find(
    (c) => gh.trustedBots.has(c.author.toLowerCase()) && c.body.startsWith(`<!-- expedite:deploy-run run=${request.runId} `)
  );
  if (!mine) return 0;
  await updateComment(gh, mine.id, runComment(config, request, "approved", verdict, now));
  return 1;
}

// src/reconcile/deploys/reconcileHold.ts
async function reconcileHold(gh, settings, inputs, hold, now) {
  const { config } = settings;
  const thread = await readHoldThread(gh, config, inputs, hold, now);
  const answered = await releaseRuns(gh, config, inputs, hold, thread, now);
  const told = await deliverHoldGrants(gh, settings, inputs, hold, thread, now);
  return { writes: thread.writes + answered.writes + told, approved: answered.approved };
}
async function releaseRuns(gh, config, inputs, hold, thread, now) {
  let writes = 0;
  const verdict = deployVerdict({
    now,
    config,
    defaultBranch: inputs.defaultBranch,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents,
    branch: hold.branch,
    sha: hold.sha,
    grants: thread.grants,
    voided: thread.voided,
    approvers: approverHandles(config, now),
    holdIssue: hold
  });
  if (verdict.decision !== "approve") return { writes, approved: 0 };
  let approved = 0;
  for (const run of thread.runs.filter((r) => r.state === "waiting")) {
    await reviewDeployment(gh, run.runId, {
      environment: run.environment,
      state: "approved",
      comment: reviewComment(verdict)
    });
    await updateComment(gh, run.commentId, runComment(config, run, "approved", verdict, now));
    approved++;
    writes += 2;
  }
  if (hold.open) {
    await closeIssue(gh, hold.number, "completed");
    writes++;
  }
  return { writes, approved };
}

// src/reconcile/deploys/deployTargets.ts
async function runDeployTarget(gh, settings, target, now) {
  const runId = callbackRunId(gh, target.callbackUrl);
  if (runId === void 0) {
    gh.log.warn(
      { url: target.callbackUrl },
      "deployment callback URL is not this repository's review endpoint"
    );
    return { target, writes: 0, note: "unrecognised callback URL" };
  }
  const result = await protectDeployment(gh, settings, { ...target, runId }, now);
  return { target, writes: result.writes, note: result.decision };
}
function isHoldIssue(target, config) {
  const label = config.labels.deploy_hold.toLowerCase();
  return target.issue?.labels.some((l) => l.toLowerCase() === label) ?? false;
}
async function runHoldTarget(gh, settings, target, now) {
  const { config } = settings;
  const hold = await readHold(gh, target.number);
  if (!hold) return void 0;
  const result = await reconcileHold(gh, settings, await freezeInputs(gh, config), hold, now);
  return { target, writes: result.writes, note: `${result.approved} deployment(s) approved` };
}

// src/reconcile/deploys/reconcileHolds.ts
async function reconcileHolds(gh, settings, inputs, now) {
  const { config } = settings;
  let writes = 0;
  for (const hold of await openHolds(gh, config)) {
    try {
      writes += (await reconcileHold(gh, settings, inputs, hold, now)).writes;
    } catch (error) {
      gh.log.error(
        { err: error, hold: hold.number },
        "deploy hold re-evaluation failed; the next sweep retries"
      );
    }
  }
  return writes;
}

// src/core/releases/planAnnouncements.ts
var EVENTS = {
  drafted: "release-drafted",
  milestone: "milestone-due",
  published: "release-published"
};
var RECENT_MS = 2 * 864e5;
var DRAFT_RECENT_MS = 30 * 864e5;
function planAnnouncements(input) {
  const { now, config } = input;
  const zone = config.business_hours.timezone;
  const freezesAt = (branch, at) => {
    const freezes = activeFreezes({
      now: at,
      config,
      defaultBranch: input.defaultBranch,
      base: branch,
      freezeIssues: input.freezeIssues,
      incidents: input.incidents
    });
    return freezes.length === 0 ? void 0 : freezes.map((f) => `${f.name} (until ${endText(f, zone, at)})`).join("; ");
  };
  const frozen = (freezes) => freezes === void 0 ? {} : { frozen: true, freezes: neutralizeInline(freezes, 400) };
  const excerpt2 = (text) => {
    const first = firstLine(text);
    return first === "" ? {} : { excerpt: neutralizeInline(first, 300) };
  };
  const out = [];
  const post = (kind, key, view, release) => {
    const data = { step: kind, key };
    const markdown = `${renderTemplate(input.template, view).trim()}
`;
    out.push({
      identity: markerIdentity({ kind: "release-announce", data }),
      body: `${renderMarker("release-announce", data)}
${markdown}`,
      occasion: {
        message: `${EVENTS[kind]}:${key}`,
        event: EVENTS[kind],
        at: now,
        channels: config.releases.channels,
        subject: { type: "release", release: { ...release, step: kind, markdown } }
      }
    });
  };
  for (const release of input.releases) {
    const branch = deployBranch(release.target, input.defaultBranch);
    const common2 = {
      name: neutralizeInline(release.name || release.tag, 120),
      tag: neutralizeInline(release.tag, 80),
      url: release.url,
      branch: neutralizeInline(branch, 100),
      ...excerpt2(release.body)
    };
    const facts = {
      name: release.name || release.tag,
      ...release.tag ? { tag: release.tag } : {},
      url: release.url,
      branch
    };
    if (release.draft) {
      const freezes = freezesAt(branch, now);
      if (now - release.createdAt <= DRAFT_RECENT_MS)
        post(
          "drafted",
          String(release.id),
          { drafted: true, ...common2, ...frozen(freezes) },
          {
            ...facts,
            detail: `A release is being prepared from ${branch}. ${firstLine(release.body)}`.trim(),
            ...freezes ? { freezes } : {}
          }
        );
    } else if (release.publishedAt !== void 0 && now - release.publishedAt <= RECENT_MS) {
      const freezes = freezesAt(branch, release.publishedAt);
      const when = formatTime(release.publishedAt, zone);
      post(
        "published",
        String(release.id),
        { published: true, ...common2, when, ...frozen(freezes) },
        {
          ...facts,
          detail: `Published ${when}. ${firstLine(release.body)}`.trim(),
          ...freezes ? { freezes } : {}
        }
      );
    }
  }
  const notice = durationMs(config.releases.milestone_notice);
  for (const milestone of input.milestones) {
    if (milestone.dueOn === void 0 || milestone.dueOn <= now || milestone.dueOn - now > notice) continue;
    const freezes = freezesAt(input.defaultBranch, milestone.dueOn);
    const due = formatTime(milestone.dueOn, zone);
    post(
      "milestone",
      `${milestone.number}@${milestone.dueOn}`,
      {
        milestone: true,
        name: neutralizeInline(milestone.title, 120),
        url: milestone.url,
        due,
        openIssues: milestone.openIssues,
        closedIssues: milestone.closedIssues,
        branch: neutralizeInline(input.defaultBranch, 100),
        ...frozen(freezes)
      },
      {
        name: milestone.title,
        url: milestone.url,
        branch: input.defaultBranch,
        detail: `Due ${due}: ${milestone.openIssues} open and ${milestone.closedIssues} closed issues.`,
        ...freezes ? { freezes } : {}
      }
    );
  }
  return out;
}
function firstLine(text) {
  return text.trim().split(/\r?\n/)[0]?.trim() ?? "";
}

// src/github/createCommentOnceAmongRacers.ts
async function createCommentOnceAmongRacers(gh, number, identity, body) {
  const mine = await listMarked(gh, number, identity);
  if (mine.length > 0) return false;
  const id = await createCommentOnce(gh, number, identity, body);
  const all = await listMarked(gh, number, identity);
  const keep = Math.min(...all.map((c) => c.id), id);
  if (keep !== id) {
    await deleteComment(gh, id);
    return false;
  }
  return true;
}
async function listMarked(gh, number, identity) {
  const comments = await gh.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: number,
    per_page: 100
  });
  return comments.filter((c) => gh.trustedBots.has((c.user?.login ?? "").toLowerCase())).filter((c) => {
    const marker = parseMarker(c.body ?? "");
    return marker !== void 0 && markerIdentity(marker) === identity;
  }).map((c) => ({ id: c.id }));
}

// src/github/releases.ts
async function readReleases(gh) {
  const { data } = await gh.octokit.request("GET /repos/{owner}/{repo}/releases", {
    owner: gh.owner,
    repo: gh.repo,
    per_page: 30
  });
  return data.map((r) => ({
    id: r.id,
    tag: r.tag_name,
    name: r.name ?? r.tag_name,
    url: r.html_url,
    body: r.body ?? "",
    draft: r.draft,
    target: r.target_commitish,
    createdAt: Date.parse(r.created_at),
    ...r.published_at ? { publishedAt: Date.parse(r.published_at) } : {}
  }));
}
async function readMilestones(gh) {
  const milestones = await gh.octokit.paginate("GET /repos/{owner}/{repo}/milestones", {
    owner: gh.owner,
    repo: gh.repo,
    state: "open",
    per_page: 100
  });
  return milestones.map((m) => ({
    number: m.number,
    title: m.title,
    url: m.html_url,
    ...m.due_on ? { dueOn: Date.parse(m.due_on) } : {},
    openIssues: m.open_issues,
    closedIssues: m.closed_issues
  }));
}

// src/reconcile/releases/announceReleases.ts
var TRACKER = "release-tracker";
async function announceReleases(gh, settings, now, known) {
  const { config, templates } = settings;
  if (!config.releases.announce) return 0;
  const [releases, milestones] = await Promise.all([readReleases(gh), readMilestones(gh)]);
  const inputs = known ?? await freezeInputs(gh, config);
  const planned = planAnnouncements({
    now,
    config,
    template: templates["release-announcement"],
    defaultBranch: inputs.defaultBranch,
    releases,
    milestones,
    freezeIssues: inputs.freezeIssues,
    incidents: inputs.incidents
  });
  if (planned.length === 0) return 0;
  let writes = 0;
  const tracker = await trackingIssue(gh, config, {
    label: config.labels.releases,
    kind: TRACKER,
    title: config.releases.tracking_issue_title,
    text: "Upcoming and published releases are announced here, one comment per step (drafted, milestone due, published), or, when channels carry the announcements, each one sent is recorded here. Subscribe to this issue to hear about them."
  });
  if (tracker.created) writes++;
  if (releasesHeard(config)) {
    if (!gh.outbox) return writes;
    const occasions = planned.map((a) => a.occasion);
    const sent = await inLane(
      gh,
      tracker.number,
      async () => deliverNews(gh, config, templates, tracker, await listComments(gh, tracker.number), occasions, now)
    );
    return writes + sent;
  }
  const posted = await postedIdentities(gh, tracker.number);
  for (const announcement of planned) {
    if (posted.has(announcement.identity)) continue;
    if (await createCommentOnceAmongRacers(gh, tracker.number, announcement.identity, announcement.body))
      writes++;
  }
  return writes;
}
async function postedIdentities(gh, number) {
  const found = /* @__PURE__ */ new Set();
  for (const c of await listComments(gh, number)) {
    if (!gh.trustedBots.has(c.author.toLowerCase())) continue;
    const marker = parseMarker(c.body);
    if (marker?.kind === "release-announce") found.add(markerIdentity(marker));
  }
  return found;
}

// src/core/freeze/freezeIssueSteps.ts
function freezeIssueSteps(events, config, isBot) {
  const freezeLabel = config.labels.freeze.toLowerCase();
  const heldLabel = config.labels.freeze_held.toLowerCase();
  const steps = [];
  let open = true;
  let labeled = true;
  const sorted = [...events].sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const event of sorted) {
    const base = { at: event.at, actor: event.actor, byHand: !isBot(event.actor) };
    if (event.type === "closed" || event.type === "reopened") {
      open = event.type === "reopened";
      steps.push({ ...base, change: `${event.type} the issue`, freezingAfter: open && labeled });
    } else if (event.type === "labeled" || event.type === "unlabeled") {
      const name = event.label.toLowerCase();
      const verb = event.type === "labeled" ? "added" : "removed";
      if (name === heldLabel && event.type === "unlabeled") {
        steps.push({
          ...base,
          change: `removed the ${event.label} label`,
          freezingAfter: false,
          releasesHold: true
        });
      } else if (name === freezeLabel) {
        labeled = event.type === "labeled";
        steps.push({ ...base, change: `${verb} the ${event.label} label`, freezingAfter: open && labeled });
      }
    }
  }
  return steps;
}

// src/reconcile/freeze/reconcileFreezeHold.ts
var FROZEN_FROM_THE_START = true;
async function reconcileFreezeHold(gh, config, hint, now, permissions) {
  const events = await readTimeline(gh, hint.number);
  const issue = currentIssue(hint, events);
  const botComments = botCommentsFrom(events, gh.trustedBots);
  const isBot = (login) => gh.trustedBots.has(login.toLowerCase());
  const freeze = isFreezeIssue(issue, gh.trustedBots) ? parseFreezeIssue(
    {
      number: issue.number,
      html_url: issue.url,
      body: issue.body,
      user: issue.author,
      created_at: new Date(issue.createdAt).toISOString(),
      closed_at: issue.closedAt === void 0 ? null : new Date(issue.closedAt).toISOString(),
      state: issue.state
    },
    [...gh.trustedBots]
  ) : void 0;
  if (freeze?.heldFor !== void 0)
    return reconcileRecord(gh, config, issue, events, freeze.heldFor, permissions);
  let hold;
  if (freeze) {
    const steps = freezeIssueSteps(events, config, isBot);
    hold = freezeHoldOf(
      steps,
      FROZEN_FROM_THE_START,
      await rolesOf(gh, holdActors(steps, FROZEN_FROM_THE_START), permissions),
      config.commands.freeze_permission
    );
    if (freeze.until !== void 0 && now >= freeze.until) hold = void 0;
  } else {
    const projection = await projectWithRoles(gh, { config, issue, events, botComments, now, permissions });
    hold = projection.incident.freezeHold;
  }
  const label = config.labels.freeze_held;
  const labelled = issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  let writes = 0;
  let closed = 0;
  if (hold !== void 0 && !labelled) {
    await ensureHoldRecord(gh, config, {
      origin: issue.number,
      hold,
      kind: freeze ? "freeze" : "incident",
      branches: freeze?.branches ?? [],
      ...freeze?.until !== void 0 ? { until: freeze.until } : {}
    });
    await writeLabels(gh, issue.number, [label], []);
    writes += 2;
  } else if (hold === void 0 && (labelled || holdLabelTakenOff(events, label, isBot) !== void 0)) {
    closed = await closeHoldRecords(gh, config, issue.number);
    writes += closed;
    if (labelled) {
      await writeLabels(gh, issue.number, [], [label]);
      writes++;
    }
  }
  if (hold !== void 0)
    writes += await noticeOnce(gh, config, issue.number, botComments, hold, freeze ? "freeze" : "incident");
  return { writes, changed: hold !== void 0 && !labelled || closed > 0 };
}
async function reconcileRecord(gh, config, record, events, origin, permissions) {
  const original = await readIssue(gh, origin);
  const isIncident2 = original.labels.some((l) => l.toLowerCase() === config.labels.incident.toLowerCase());
  const needed = isIncident2 ? config.commands.permission : config.commands.freeze_permission;
  const steps = freezeIssueSteps(events, config, (login) => gh.trustedBots.has(login.toLowerCase()));
  const hold = freezeHoldOf(
    steps,
    FROZEN_FROM_THE_START,
    await rolesOf(gh, holdActors(steps, FROZEN_FROM_THE_START), permissions),
    needed
  );
  const freezing = record.state === "open" && record.labels.some((l) => l.toLowerCase() === config.labels.freeze.toLowerCase());
  let writes = 0;
  if (hold !== void 0) {
    if (record.state !== "open") {
      await reopenIssue(gh, record.number);
      writes++;
    }
    if (!record.labels.some((l) => l.toLowerCase() === config.labels.freeze.toLowerCase())) {
      await writeLabels(gh, record.number, [config.labels.freeze], []);
      writes++;
    }
    writes += await noticeOnce(
      gh,
      config,
      record.number,
      botCommentsFrom(events, gh.trustedBots),
      hold,
      "record"
    );
    return { writes, changed: false };
  }
  if (freezing) return { writes, changed: false };
  if (record.state === "open") {
    await closeIssue(gh, record.number, "completed");
    writes++;
  }
  if (original.labels.some((l) => l.toLowerCase() === config.labels.freeze_held.toLowerCase())) {
    await writeLabels(gh, origin, [], [config.labels.freeze_held]);
    writes++;
  }
  return { writes, changed: writes > 0, ...isIncident2 ? { released: origin } : {} };
}
async function rolesOf(gh, logins, cache) {
  const roles = /* @__PURE__ */ new Map();
  for (const login of logins) roles.set(login, await permissionOf(gh, login, cache));
  return roles;
}
async function noticeOnce(gh, config, number, botComments, hold, kind) {
  const identity = markerIdentity({ kind: "freeze-hold", data: { at: String(hold.at) } });
  if (botComments.some((c) => c.identity === identity)) return 0;
  const body = `${renderMarker("freeze-hold", { at: hold.at })}
${holdNotice(hold, config, kind)}`;
  await createCommentOnce(gh, number, identity, body);
  return 1;
}

// src/reconcile/runTarget.ts
var HOT_HORIZON_MS = 2 * 36e5;
var FULL_PASS_MS = 30 * 6e4;
async function runTarget(gh, settings, target, now, permissions = /* @__PURE__ */ new Map()) {
  if (!settings.ok) {
    if (target.kind === "issue") {
      const wrote = await reportConfigProblems(gh, target.number, settings.path, settings.problems);
      return { target, writes: wrote ? 1 : 0, note: "configuration invalid" };
    }
    if (target.kind === "pull" || target.kind === "merge-group") {
      const wrote = await reportConfigOnPull(gh, target, settings.path, settings.problems);
      return { target, writes: wrote ? 1 : 0, note: "configuration invalid" };
    }
    return { target, writes: 0, note: "configuration invalid" };
  }
  const { config, templates } = settings;
  switch (target.kind) {
    case "issue":
      if (isHoldIssue(target, config)) {
        const held = await inLane(gh, target.number, () => runHoldTarget(gh, settings, target, now));
        if (held) return held;
      }
      return reconcileIssueTarget(gh, settings, target, now, permissions);
    case "pull": {
      const own = await inLane(gh, target.number, async () => {
        const pr = target.pull ?? await readPull(gh, target.number);
        let writes = 0;
        let inputs;
        if (target.freezeCommand) {
          inputs = await freezeInputs(gh, config);
          const result = await runFreezeCommands(gh, config, inputs, target.number, now, "pull-request");
          writes += result.writes;
          if (result.changed) return { writes, changed: true };
        }
        if (pr.state !== "open") return { writes, note: "closed" };
        const outcome = await reconcilePull(
          gh,
          config,
          templates,
          inputs ?? await freezeInputs(gh, config),
          pr,
          now
        );
        return { writes: writes + outcome.writes, note: outcome.verdict.conclusion };
      });
      if ("changed" in own) {
        const inputs = await freezeInputs(gh, config);
        let writes = own.writes + (await sweepPulls(gh, settings, inputs, now)).writes;
        writes += await deliverFreezeMessages(gh, settings, inputs, now, { calendar: false });
        return { target, writes };
      }
      return { target, writes: own.writes, note: own.note };
    }
    case "merge-group": {
      const outcome = await inLane(
        gh,
        target.headSha,
        () => reconcileMergeGroup(gh, config, templates, target, now)
      );
      return { target, writes: outcome.writes, note: outcome.conclusion };
    }
    case "deployment":
      return runDeployTarget(gh, settings, target, now);
    case "releases":
      return { target, writes: await announceReleases(gh, settings, now), note: "announcements" };
    case "sweep": {
      const lookback = target.since !== void 0 ? Math.max(0, now - target.since) : Math.max(2 * durationMs(config.schedule.interval), 10 * 6e4);
      const periodic = target.full === true || Math.floor(now / FULL_PASS_MS) !== Math.floor((now - lookback) / FULL_PASS_MS);
      const result = await sweepRepository(gh, settings, now, { full: periodic });
      const failures = [...result.failures.map((f) => `${f.target}: ${f.error}`)];
      let writes = result.writes;
      const inputs = await freezeInputs(gh, config, result.freezeChanged ? void 0 : result.open);
      const boundary = freezeBoundaries(config, inputs.freezeIssues, now - lookback, now).length > 0;
      let note = `${result.incidents} open incident(s)`;
      writes += await announceFreezes(gh, settings, inputs, now, {
        lookbackMs: lookback,
        fullPass: periodic
      });
      if (boundary || periodic || result.freezeChanged) {
        const pulls = await sweepPulls(gh, settings, inputs, now);
        writes += pulls.writes;
        failures.push(...pulls.failures);
        note += `, ${pulls.pulls} open pull request(s) re-checked`;
      }
      if (boundary || periodic)
        writes += await deliverFreezeMessages(gh, settings, inputs, now, { calendar: true });
      writes += await reconcileHolds(gh, settings, inputs, now);
      writes += await announceReleases(gh, settings, now, inputs);
      if (failures.length > 0)
        throw new Error(`sweep finished with ${failures.length} failure(s): ${failures.join("; ")}`);
      const hot = result.incidents > 0 || inputs.freezeIssues.length > 0 || freezeBoundaries(config, inputs.freezeIssues, now, now + HOT_HORIZON_MS).length > 0;
      return { target, writes, note, hot };
    }
  }
}
async function reconcileIssueTarget(gh, settings, target, now, permissions) {
  const { config } = settings;
  const {
    result,
    writes: own,
    commandsChanged,
    released
  } = await inLane(gh, target.number, async () => {
    const result2 = await reconcileIncident(gh, settings, target.number, {
      now,
      permissions,
      ...target.issue ? { hint: target.issue } : {}
    });
    tellIncidentPlan(gh, result2);
    let writes2 = result2.writes;
    let commandsChanged2 = false;
    let released2;
    if (result2.skipped === "not-an-incident" && target.issue && mayHoldFreeze(target, config, gh.trustedBots)) {
      const hold = await reconcileFreezeHold(gh, config, target.issue, now, permissions);
      writes2 += hold.writes;
      commandsChanged2 ||= hold.changed;
      released2 = hold.released;
    }
    if (target.freezeCommand) {
      const inputs = await freezeInputs(gh, config);
      const commands = await runFreezeCommands(
        gh,
        config,
        inputs,
        target.number,
        now,
        result2.skipped === void 0 ? "incident" : "issue"
      );
      writes2 += commands.writes;
      commandsChanged2 ||= commands.changed;
    }
    return { result: result2, writes: writes2, commandsChanged: commandsChanged2, released: released2 };
  });
  let writes = own;
  if (released !== void 0) {
    const origin = released;
    const followed = await inLane(
      gh,
      origin,
      () => reconcileIncident(gh, settings, origin, { now, permissions })
    );
    tellIncidentPlan(gh, followed);
    writes += followed.writes;
  }
  let freezesChanged = commandsChanged;
  if (result.freezeRelevant || handChangeMovedFreeze(target, config)) freezesChanged = true;
  if (freezesChanged) {
    const inputs = await freezeInputs(gh, config);
    writes += (await sweepPulls(gh, settings, inputs, now)).writes;
    const started = result.incident !== void 0 && isFreezing(result.incident, config) && !commandsChanged && released === void 0;
    if (!started && gh.approvesDeployments === true)
      writes += await reconcileHolds(gh, settings, inputs, now);
    if (commandsChanged || result.skipped === "not-an-incident" && result.freezeRelevant)
      writes += await deliverFreezeMessages(gh, settings, inputs, now, { calendar: false });
  }
  const incident = result.incident;
  const note = result.skipped?.replaceAll("-", " ") ?? (incident ? `${severityName(incident.severity)}, ${STATE_TITLES[incident.state]}` : "");
  return { target, writes, ...note !== "" ? { note } : {} };
}

// src/app/workQueue.ts
var WorkQueue = class {
  #chains = /* @__PURE__ */ new Map();
  #waiting = /* @__PURE__ */ new Map();
  #waitingSince = /* @__PURE__ */ new Map();
  #running = /* @__PURE__ */ new Set();
  #pending = 0;
  #idleWaiters = [];
  #onError;
  constructor(onError) {
    this.#onError = onError;
  }
  /** Runs `job` after any running job for the same key; joins a job for that key that has not started yet. */
  enqueue(key, job) {
    const waiting = this.#waiting.get(key);
    if (waiting) return waiting;
    this.#pending++;
    const previous = this.#chains.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      this.#waiting.delete(key);
      this.#waitingSince.delete(key);
      this.#running.add(key);
      try {
        await job();
      } catch (error) {
        this.#onError(key, error);
      } finally {
        this.#running.delete(key);
      }
    });
    this.#waiting.set(key, run);
    this.#waitingSince.set(key, Date.now());
    const tail = run.finally(() => {
      if (this.#chains.get(key) === tail) this.#chains.delete(key);
      this.#pending--;
      if (this.#pending === 0) for (const resolve2 of this.#idleWaiters.splice(0)) resolve2();
    });
    this.#chains.set(key, tail);
    return run;
  }
  get size() {
    return this.#pending;
  }
  /** How long the job that has waited longest to start has been waiting, in ms (0 when none waits). */
  oldestWaitingMs(now = Date.now()) {
    let oldest = now;
    for (const since of this.#waitingSince.values()) oldest = Math.min(oldest, since);
    return now - oldest;
  }
  /** Keys of jobs running now and of jobs waiting to start (what a shutdown would leave undone). */
  unfinished() {
    return { running: [...this.#running], waiting: [...this.#waitingSince.keys()] };
  }
  /** Resolves once nothing is queued or running. */
  idle() {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve2) => this.#idleWaiters.push(resolve2));
  }
};

// src/github/withEtagCache.ts
function withEtagCache(octokit, scope, store) {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const headers = options.headers ?? {};
    const key = `${String(options.url)} ${JSON.stringify(urlParams(options))} ${headers.accept ?? ""} ${JSON.stringify(options.mediaType ?? {})}`;
    const cached = await store.get(scope, key);
    if (cached) options.headers = { ...headers, "if-none-match": cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === "string") await store.set(scope, key, { etag, response });
      return response;
    } catch (error) {
      if (cached && error.status === 304) {
        await store.set(scope, key, cached);
        return cached.response;
      }
      throw error;
    }
  });
  return octokit;
}
function urlParams(options) {
  const { method: _m, url: _u, headers: _h, request: _r, mediaType: _t, baseUrl: _b, ...rest } = options;
  return rest;
}

// src/app/startScheduler.ts
function startScheduler(sweep, intervalMs, log2) {
  let running = false;
  let lastTick;
  let timer;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    lastTick = Date.now();
    if (!running) {
      running = true;
      try {
        await sweep();
      } catch (error) {
        log2()?.error({ err: error }, "scheduled reconcile failed; trying again next tick");
      } finally {
        running = false;
      }
    }
    if (!stopped)
      timer = setTimeout(() => void tick(), intervalMs + Math.floor(Math.random() * intervalMs * 0.1));
    timer?.unref();
  };
  timer = setTimeout(() => void tick(), Math.floor(Math.random() * Math.min(intervalMs, 1e4)));
  timer.unref();
  return {
    lastTick: () => lastTick,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    }
  };
}

// src/channels/channelSecrets.ts
function channelSecrets(env2, named = /* @__PURE__ */ new Map()) {
  const seen = /* @__PURE__ */ new Set();
  const remember = (value) => {
    if (value && value.length >= 6) seen.add(value);
    return value || void 0;
  };
  return {
    address: (channel) => remember(named.get(channel) ?? env2(channelVariable(channel))),
    signingSecret: (channel) => remember(named.get(`${channel}.secret`) ?? env2(channelVariable(channel, "_SECRET"))),
    redact: (text) => {
      let out = text;
      for (const value of seen) {
        out = out.split(value).join("[secret]");
        try {
          const url = new URL(value);
          if (url.pathname.length > 1) out = out.split(url.pathname).join("/[secret]");
          if (url.password) out = out.split(url.password).join("[secret]");
        } catch {
        }
      }
      return out;
    }
  };
}

// src/app/memoryLanes.ts
var MemoryLanes = class {
  #tails = /* @__PURE__ */ new Map();
  run(key, job) {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(job, job);
    const tail = result.then(
      () => void 0,
      () => void 0
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
  /** Keys with a job running or waiting (for tests and metrics). */
  get busy() {
    return this.#tails.size;
  }
};

// src/app/metrics.ts
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
async function read(source) {
  try {
    return await source();
  } catch {
    return void 0;
  }
}
var Metrics = class {
  registry = new Registry();
  jobDuration;
  reconciles;
  writes;
  rateLimitRemaining;
  deadlineLateness;
  recoveredDeliveries;
  jobsFailed;
  jobRetries;
  sweepsDeferred;
  constructor(sources) {
    const registers = [this.registry];
    if (sources.replica) this.registry.setDefaultLabels({ replica: sources.replica });
    collectDefaultMetrics({ register: this.registry, prefix: "expedite_process_" });
    new Gauge({
      name: "expedite_queue_depth",
      help: "Jobs queued or running",
      registers,
      async collect() {
        const depth = await read(sources.queueDepth);
        if (depth !== void 0) this.set(depth);
      }
    });
    new Gauge({
      name: "expedite_queue_oldest_waiting_seconds",
      help: "How long the oldest job not yet started has waited",
      registers,
      async collect() {
        const waited = await read(sources.oldestWaitingMs);
        if (waited !== void 0) this.set(waited / 1e3);
      }
    });
    this.jobDuration = new Histogram({
      name: "expedite_job_duration_seconds",
      help: "Time a job ran, by kind (issue, pull, merge-group, sweep, wake-up) and outcome",
      labelNames: ["kind", "outcome"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers
    });
    this.reconciles = new Counter({
      name: "expedite_reconciles_total",
      help: "Objects reconciled, by kind",
      labelNames: ["kind"],
      registers
    });
    this.writes = new Counter({
      name: "expedite_writes_total",
      help: "Writes made to GitHub by reconciles, by job kind",
      labelNames: ["kind"],
      registers
    });
    this.rateLimitRemaining = new Gauge({
      name: "expedite_rate_limit_remaining",
      help: "Requests left in the current rate-limit window, per installation (from GitHub's headers)",
      labelNames: ["installation"],
      registers
    });
    new Gauge({
      name: "expedite_last_complete_sweep_age_seconds",
      help: "Seconds since the last sweep of every repository of the installation finished",
      labelNames: ["installation"],
      registers,
      async collect() {
        const completions = await read(sources.lastCompleteSweep);
        if (!completions) return;
        this.reset();
        const now = Date.now();
        for (const [installation, at] of completions)
          this.set({ installation: String(installation) }, (now - at) / 1e3);
      }
    });
    this.deadlineLateness = new Histogram({
      name: "expedite_deadline_lateness_seconds",
      help: "How long after its due time an acknowledgement breach, escalation or reminder notice was posted",
      labelNames: ["kind"],
      buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers
    });
    this.recoveredDeliveries = new Counter({
      name: "expedite_redelivery_requests_total",
      help: "Failed webhook deliveries the App asked GitHub to redeliver, by outcome",
      labelNames: ["outcome"],
      registers
    });
    this.jobsFailed = new Counter({
      name: "expedite_jobs_failed_total",
      help: "Jobs that failed for good after every attempt (Redis mode; kept in the queue's failed set), by kind",
      labelNames: ["kind"],
      registers
    });
    this.jobRetries = new Counter({
      name: "expedite_job_retries_total",
      help: "Job attempts that failed and were retried with back-off (Redis mode), by kind",
      labelNames: ["kind"],
      registers
    });
    this.sweepsDeferred = new Counter({
      name: "expedite_sweeps_deferred_total",
      help: "Repository sweeps put off to keep the installation's quota reserve for webhook work",
      registers
    });
    const { queueStates, runningHere, redisUp } = sources;
    if (redisUp)
      new Gauge({
        name: "expedite_redis_up",
        help: "1 when this replica reaches Redis (REDIS_URL), 0 when not: webhooks are then answered 503",
        registers,
        async collect() {
          this.set(await read(redisUp) ? 1 : 0);
        }
      });
    if (queueStates)
      new Gauge({
        name: "expedite_queue_jobs",
        help: "Jobs in the shared Redis queue by state (waiting, prioritized, active, delayed, failed, completed)",
        labelNames: ["state"],
        registers,
        async collect() {
          for (const [state, count2] of Object.entries(await read(queueStates) ?? {}))
            this.set({ state }, count2);
        }
      });
    if (runningHere)
      new Gauge({
        name: "expedite_jobs_running",
        help: "Jobs this replica is running now",
        registers,
        async collect() {
          this.set(await runningHere());
        }
      });
  }
  observeLateness(kind, seconds2) {
    this.deadlineLateness.observe({ kind }, Math.max(0, seconds2));
  }
};

// src/app/observeRateLimit.ts
function observeRateLimit(octokit, report) {
  const read2 = (headers) => {
    const all = headers;
    const value = all?.["x-ratelimit-remaining"];
    if (all && value !== void 0 && Number.isFinite(Number(value))) report(Number(value), all);
  };
  octokit.hook.wrap("request", async (request, options) => {
    try {
      const response = await request(options);
      read2(response.headers);
      return response;
    } catch (error) {
      read2(error.response?.headers);
      throw error;
    }
  });
  return octokit;
}

// src/app/forEachLimited.ts
async function forEachLimited(items2, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items2.length) {
      const item = items2[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items2.length)) }, worker));
}

// src/app/wakeUps.ts
var MAX_DELAY_MS = 24 * 36e5;
var SLACK_MS = 1e3;
var WakeUps = class {
  #timers = /* @__PURE__ */ new Map();
  #clock;
  #fire;
  constructor(clock, fire) {
    this.#clock = clock;
    this.#fire = fire;
  }
  set(key, at, value) {
    const existing = this.#timers.get(key);
    if (existing && existing.at === at) return;
    if (existing) clearTimeout(existing.timer);
    this.#timers.delete(key);
    if (at === void 0) return;
    const delay = Math.min(Math.max(0, at - this.#clock()) + SLACK_MS, MAX_DELAY_MS);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.#fire(key, value);
    }, delay);
    timer.unref();
    this.#timers.set(key, { at, timer });
  }
  get size() {
    return this.#timers.size;
  }
  clear() {
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
};

// src/app/recoverDeliveries.ts
var MAX_ASKS = 5;
var FIRST_PAUSE_MS = 6e4;
function mayAsk(state, guid, now) {
  const asked = state.requested.get(guid);
  if (asked === void 0) return true;
  return asked.times < MAX_ASKS && now - asked.at >= FIRST_PAUSE_MS * 2 ** (asked.times - 1);
}
var ok = (code2) => code2 >= 200 && code2 < 300;
var earlier = (a, b) => Date.parse(a.delivered_at) - Date.parse(b.delivered_at) || a.id - b.id;
async function recoverDeliveries(appOctokit, state, now, limits, log2) {
  const attempts = [];
  let pages = 0;
  let reachedCheckpoint = false;
  for await (const response of appOctokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 })) {
    const page = response.data;
    for (const attempt of page) {
      if (Date.parse(attempt.delivered_at) < state.checkpoint) {
        reachedCheckpoint = true;
        break;
      }
      attempts.push(attempt);
    }
    if (reachedCheckpoint || ++pages >= limits.maxPages) break;
  }
  const byGuid = /* @__PURE__ */ new Map();
  for (const attempt of attempts) byGuid.set(attempt.guid, [...byGuid.get(attempt.guid) ?? [], attempt]);
  const failed = [...byGuid.values()].filter((all) => !all.some((a) => ok(a.status_code))).map((all) => all.reduce((a, b) => earlier(a, b) <= 0 ? a : b)).sort(earlier);
  const outcome = {
    scanned: attempts.length,
    failed: failed.length,
    redelivered: [],
    errors: 0
  };
  for (const attempt of failed) {
    if (!mayAsk(state, attempt.guid, now)) continue;
    if (outcome.redelivered.length >= limits.maxRedeliveries) break;
    try {
      await appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", {
        delivery_id: attempt.id
      });
      state.requested.set(attempt.guid, {
        at: now,
        times: (state.requested.get(attempt.guid)?.times ?? 0) + 1
      });
      outcome.redelivered.push(attempt.guid);
    } catch (error) {
      outcome.errors++;
      log2.warn({ err: error, delivery: attempt.guid }, "could not ask GitHub to redeliver a failed delivery");
    }
  }
  if (outcome.redelivered.length < limits.maxRedeliveries && pages < limits.maxPages)
    state.checkpoint = Math.max(state.checkpoint, now - 5 * 6e4);
  for (const [guid, asked] of state.requested)
    if (now - asked.at > 3 * 24 * 36e5) state.requested.delete(guid);
  if (outcome.redelivered.length > 0)
    log2.info(
      { redelivered: outcome.redelivered, failed: outcome.failed },
      `asked GitHub to redeliver ${outcome.redelivered.length} failed webhook deliveries`
    );
  return outcome;
}

// src/app/repoInventory.ts
var keyOf = (r) => `${r.owner}/${r.name}`.toLowerCase();
var RepoInventory = class {
  #entries = /* @__PURE__ */ new Map();
  /** The installation's repositories, or undefined when they must be listed (unknown or due a check). */
  repos(installationId, now, checkEveryMs) {
    const entry = this.#entries.get(installationId);
    if (!entry || now - entry.checkedAt >= checkEveryMs) return void 0;
    return [...entry.repos.values()];
  }
  /** The listing GitHub gave: replaces what was known. */
  replace(installationId, repos, now) {
    this.#entries.set(installationId, { repos: new Map(repos.map((r) => [keyOf(r), r])), checkedAt: now });
  }
  add(installationId, repos) {
    const entry = this.#entries.get(installationId);
    if (!entry) return;
    for (const repo of repos) entry.repos.set(keyOf(repo), repo);
  }
  remove(installationId, repos) {
    const entry = this.#entries.get(installationId);
    if (!entry) return;
    for (const repo of repos) entry.repos.delete(keyOf(repo));
  }
  forget(installationId) {
    this.#entries.delete(installationId);
  }
  /** Installations known from events or listings, and their sizes. */
  sizes() {
    return new Map([...this.#entries].map(([id, e]) => [id, e.repos.size]));
  }
};
function fromFullNames(repositories) {
  return (repositories ?? []).flatMap((r) => {
    const [owner, name] = (r.full_name ?? "").split("/");
    return owner && name ? [{ owner, name }] : [];
  });
}

// src/app/sweepLedger.ts
var pick = (map, keys) => new Map(keys.flatMap((k) => map.has(k) ? [[k, map.get(k)]] : []));
function memorySweepLedger() {
  const swept = /* @__PURE__ */ new Map();
  const touched = /* @__PURE__ */ new Map();
  const complete = /* @__PURE__ */ new Map();
  const inventory = new RepoInventory();
  return {
    records: async (keys) => pick(swept, keys),
    record: async (key, record) => void swept.set(key, record),
    activity: async (keys) => pick(touched, keys),
    touch: async (key, wall) => void touched.set(key, wall),
    completed: async (id, at) => void complete.set(id, at),
    completions: async () => complete,
    repos: async (id, now, every) => inventory.repos(id, now, every),
    replaceRepos: async (id, repos, now) => inventory.replace(id, repos, now),
    addRepos: async (id, repos) => inventory.add(id, repos),
    removeRepos: async (id, repos) => inventory.remove(id, repos),
    forgetInstallation: async (id) => inventory.forget(id)
  };
}
function redisSweepLedger(client, prefix) {
  const k = (name) => `${prefix}:${name}`;
  const fields = async (hash, keys) => {
    const values = keys.length > 0 ? await client.hmget(k(hash), ...keys) : [];
    return keys.flatMap((key, i) => values[i] ? [[key, values[i]]] : []);
  };
  const forget = async (id) => void await client.del(k(`inventory:${id}`));
  return {
    records: async (keys) => new Map((await fields("swept", keys)).map(([key, v]) => [key, JSON.parse(v)])),
    record: async (key, record) => void await client.hset(k("swept"), key, JSON.stringify(record)),
    activity: async (keys) => new Map((await fields("activity", keys)).map(([key, v]) => [key, Number(v)])),
    touch: async (key, wall) => void await client.hset(k("activity"), key, String(wall)),
    completed: async (id, at) => void await client.hset(k("complete"), String(id), String(at)),
    completions: async () => new Map(
      Object.entries(await client.hgetall(k("complete"))).map(([id, at]) => [Number(id), Number(at)])
    ),
    repos: async (id, now, every) => {
      const text = await client.get(k(`inventory:${id}`));
      if (!text) return void 0;
      const entry = JSON.parse(text);
      return now - entry.checkedAt >= every ? void 0 : entry.repos;
    },
    replaceRepos: async (id, repos, now) => void await client.set(k(`inventory:${id}`), JSON.stringify({ repos, checkedAt: now })),
    addRepos: (id) => forget(id),
    removeRepos: (id) => forget(id),
    forgetInstallation: forget
  };
}

// src/app/quotaGuard.ts
var PRIORITY = { webhook: 1, deadline: 2, sweep: 3 };
var QuotaGuard = class {
  reserve;
  #local = /* @__PURE__ */ new Map();
  #shared;
  constructor(reserve, shared) {
    this.reserve = reserve;
    this.#shared = shared ? { client: shared.client, key: `${shared.prefix}:quota` } : void 0;
  }
  observe(installationId, headers) {
    const remaining = Number(headers?.["x-ratelimit-remaining"]);
    const reset = Number(headers?.["x-ratelimit-reset"]);
    if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    const observation = { remaining, resetAt: reset * 1e3 };
    this.#local.set(installationId, observation);
    void this.#shared?.client.hset(this.#shared.key, String(installationId), JSON.stringify(observation)).catch(() => void 0);
  }
  /** Whether a sweep may spend this installation's quota now (true when nothing is known yet). */
  async allowsSweep(installationId, now = Date.now()) {
    let seen = this.#local.get(installationId);
    if (this.#shared) {
      const text = await this.#shared.client.hget(this.#shared.key, String(installationId));
      if (text) seen = JSON.parse(text);
    }
    return !seen || seen.resetAt <= now || seen.remaining >= this.reserve;
  }
};

// src/app/redisRecoveryState.ts
async function loadRecoveryState(client, prefix, firstCheckpoint) {
  const text = await client.get(`${prefix}:recovery`);
  if (!text) return { checkpoint: firstCheckpoint, requested: /* @__PURE__ */ new Map() };
  const saved = JSON.parse(text);
  return { checkpoint: saved.checkpoint, requested: new Map(saved.requested) };
}
async function saveRecoveryState(client, prefix, state) {
  await client.set(
    `${prefix}:recovery`,
    JSON.stringify({ checkpoint: state.checkpoint, requested: [...state.requested] })
  );
}

// src/app/redisJobs.ts
var latestKey = (redis, key) => `${redis.prefix}:latest:${key}`;
async function enqueueObject(redis, job, priority) {
  await redis.client.set(latestKey(redis, job.key), JSON.stringify(job.target), "EX", 86400);
  await redis.queue.add("object", job, { priority, dedup: job.key });
}
function redisJobHandlers(redis, metrics, work) {
  const process2 = async (name, job) => {
    const log2 = work.log();
    if (!log2) throw new Error("the App is not loaded yet");
    switch (name) {
      case "object": {
        const data = job.data;
        const newest = await redis.client.getdel(latestKey(redis, data.key));
        let target = data.target;
        if (newest) {
          target = JSON.parse(newest);
          await job.updateData({ ...data, target });
        }
        await work.run(data, target, log2.child({ delivery: data.delivery, job: job.id }));
        return true;
      }
      case "wake": {
        const data = job.data;
        const child = log2.child({ wakeUp: data.key, job: job.id });
        child.info({ at: data.at }, "deadline wake-up");
        await work.run(data, { kind: "issue", number: data.number }, child, "wake-up");
        return true;
      }
      case "sweep-repo": {
        const data = job.data;
        return work.sweepRepo(data.installationId, data.owner, data.repo);
      }
      case "tick":
        log2.info({ tick: job.id, replica: redis.replica }, "sweep tick");
        await work.sweepAll();
        return true;
      case "recover":
        await work.recoverAll();
        return true;
      default:
        throw new Error(`unknown job ${name}`);
    }
  };
  const failed = (job, error, final) => {
    const data = job?.data ?? {};
    const kind = job?.name ?? "unknown";
    const fields = { err: error, job: job?.id, kind, delivery: data.delivery, key: data.key };
    if (!final) {
      metrics.jobRetries.inc({ kind });
      work.log()?.warn(fields, "job failed; retrying with back-off");
      return;
    }
    metrics.jobsFailed.inc({ kind });
    work.log()?.error(fields, "job failed for good (kept in Redis's failed set); the sweep repairs what it left");
  };
  return { process: process2, failed };
}

// src/app/expediteApp.ts
var EVENTS2 = [
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "merge_group",
  "deployment_protection_rule.requested",
  "release",
  "milestone",
  "check_run.rerequested",
  "check_suite.rerequested"
];
var NOTICE_KINDS = { "ack-breach": "ack", escalation: "escalation", reminder: "reminder" };
function createExpediteApp(options = {}) {
  const clock = options.clock ?? systemClock;
  const env2 = options.env ?? process.env;
  const outbox = {
    secrets: channelSecrets((variable) => env2[variable]),
    timeoutMs: options.channelTimeoutMs ?? 1e4
  };
  let probot;
  let botLogin;
  const latest = /* @__PURE__ */ new Map();
  const redis = options.redis;
  const lanes = redis?.lanes ?? new MemoryLanes();
  const caches = runCaches(redis ? { etags: redis.etags, settings: redis.settings } : {});
  const queue = new WorkQueue((key, error) => {
    probot?.log.error({ err: error, key }, "reconcile failed; the scheduled reconcile will retry");
  });
  const ledger = redis?.ledger ?? memorySweepLedger();
  const quota = new QuotaGuard(
    options.quotaReserve ?? 500,
    redis ? { client: redis.client, prefix: redis.prefix } : void 0
  );
  const metrics = new Metrics({
    queueDepth: redis ? async () => {
      const counts = await redis.queue.counts();
      return counts.waiting + counts.prioritized + counts.active;
    } : () => queue.size,
    oldestWaitingMs: redis ? () => redis.queue.oldestWaitingMs() : () => queue.oldestWaitingMs(),
    lastCompleteSweep: () => ledger.completions(),
    ...redis ? {
      queueStates: () => redis.queue.counts(),
      runningHere: () => redis.queue.running,
      replica: redis.replica,
      redisUp: () => redis.queue.ping().then(() => true)
    } : {}
  });
  const wakeUpsOn = options.wakeUps ?? options.scheduleIntervalMs !== 0;
  const getBotLogin = (app2) => {
    botLogin ??= app2.auth().then((octokit) => octokit.request("GET /app")).then(({ data }) => `${data?.slug ?? "expedite"}[bot]`).catch((error) => {
      botLogin = void 0;
      throw error;
    });
    return botLogin;
  };
  const run = async (app2, installationId, owner, repo, target, log2, kind = target.kind) => {
    const started = performance.now();
    let outcome = "error";
    try {
      const client = await app2.auth(installationId);
      const observed = observeRateLimit(client, (remaining, headers) => {
        metrics.rateLimitRemaining.set({ installation: String(installationId) }, remaining);
        quota.observe(installationId, headers);
      });
      const octokit = withEtagCache(observed, `installation:${installationId}`, caches.etags);
      const login = await getBotLogin(app2);
      const base = {
        octokit,
        owner,
        repo,
        botLogin: login,
        trustedBots: trustedBotsFor(login),
        log: log2,
        caches,
        lanes,
        approvesDeployments: true,
        onIncident: (report) => onIncident(installationId, report),
        outbox
      };
      const now = clock();
      const settings = await cachedRepoSettings(base, now);
      const gh = settings.ok ? { ...base, trustedBots: trustedBotsFor(login, settings.config) } : base;
      const result = await runTarget(gh, settings, target, now);
      metrics.writes.inc({ kind }, result.writes);
      log2.debug({ target, writes: result.writes, note: result.note }, "reconciled");
      outcome = "ok";
      return result;
    } finally {
      metrics.jobDuration.observe({ kind, outcome }, (performance.now() - started) / 1e3);
    }
  };
  const wakeUps = new WakeUps(clock, (key, wake) => {
    const { installationId, owner, repo, number } = wake;
    const target = { kind: "issue", number };
    void queue.enqueue(targetKey(`${owner}/${repo}`, target), () => {
      const instance = probot;
      if (!instance) return Promise.resolve();
      const log2 = instance.log.child({ wakeUp: key });
      return run(instance, installationId, owner, repo, target, log2, "wake-up").then(
        () => void 0,
        (error) => {
          log2.error({ err: error }, "deadline reconcile failed; the scheduled reconcile will retry");
        }
      );
    });
  });
  const onIncident = (installationId, report) => {
    metrics.reconciles.inc({ kind: "incident" });
    const lateBy = (dueAt) => (report.now - dueAt) / 1e3;
    for (const notice of report.notices)
      metrics.observeLateness(NOTICE_KINDS[notice.kind], lateBy(notice.dueAt));
    if (!wakeUpsOn) return;
    const { owner, repo } = report.repo;
    const key = `${owner}/${repo}#${report.number}`.toLowerCase();
    const wake = { installationId, owner, repo, number: report.number };
    if (!redis) return wakeUps.set(key, report.nextDeadlineAt, wake);
    const at = report.nextDeadlineAt;
    if (at === void 0) return;
    void redis.queue.add(
      "wake",
      { ...wake, key, at },
      { priority: PRIORITY.deadline, jobId: `wake-${key}-${at}`, delayMs: at - clock() + 1e3 }
    ).catch(
      (error) => probot?.log.warn(
        { err: error, wakeUp: key },
        "could not schedule a deadline wake-up; the sweep covers it"
      )
    );
  };
  const app = (instance) => {
    probot = instance;
    instance.on("push", async (context) => {
      const touched = context.payload.commits.some(
        (c) => [...c.added ?? [], ...c.modified ?? [], ...c.removed ?? []].some(
          (f) => f.startsWith(".github/")
        )
      );
      if (touched || context.payload.commits.length === 0)
        await caches.settings.forget(context.payload.repository.full_name);
    });
    instance.on("installation", async (context) => {
      const { action, installation } = context.payload;
      if (action === "deleted" || action === "suspend") {
        await ledger.forgetInstallation(installation.id);
        caches.etags.forgetScope?.(`installation:${installation.id}`);
      } else if (action === "created")
        await ledger.replaceRepos(installation.id, fromFullNames(context.payload.repositories), 0);
    });
    instance.on("installation_repositories", async (context) => {
      const id = context.payload.installation.id;
      await ledger.addRepos(id, fromFullNames(context.payload.repositories_added));
      await ledger.removeRepos(id, fromFullNames(context.payload.repositories_removed));
    });
    instance.on([...EVENTS2], async (context) => {
      const payload = context.payload;
      const installationId = payload.installation?.id;
      const repository = payload.repository;
      if (installationId === void 0 || repository === void 0) return;
      const login = await getBotLogin(instance);
      const targets = targetsOf(context.name, context.payload, trustedBotsFor(login));
      const owner = repository.owner.login;
      const repo = repository.name;
      const described2 = repository;
      primeRepoInfo(caches, `${owner}/${repo}`, {
        defaultBranch: described2.default_branch,
        htmlUrl: described2.html_url
      });
      const log2 = context.log.child({ delivery: context.id, event: context.name });
      const touched = ledger.touch(`${owner}/${repo}`.toLowerCase(), Date.now());
      if (redis) {
        try {
          await touched;
          for (const target of targets) {
            const key = targetKey(`${owner}/${repo}`, target);
            await enqueueObject(
              redis,
              { installationId, owner, repo, key, target, delivery: context.id },
              PRIORITY.webhook
            );
          }
        } catch (error) {
          log2.error({ err: error }, "Redis did not accept the delivery's jobs; answering 503");
          throw Object.assign(new Error(`Redis did not accept the job: ${error.message}`), {
            status: 503
          });
        }
        return;
      }
      await touched;
      for (const target of targets) {
        const key = targetKey(`${owner}/${repo}`, target);
        latest.set(key, target);
        void queue.enqueue(key, () => {
          const newest = latest.get(key) ?? target;
          latest.delete(key);
          return run(instance, installationId, owner, repo, newest, log2).then(
            () => void 0,
            (error) => {
              log2.error(
                { err: error, target: newest },
                "reconcile failed; the scheduled reconcile will retry"
              );
            }
          );
        });
      }
    });
  };
  const interval = options.scheduleIntervalMs ?? 6e4;
  const coldEvery = options.coldSweepEveryMs ?? Math.max(5 * 6e4, 10 * interval);
  const inventoryEvery = options.inventoryCheckEveryMs ?? 10 * 6e4;
  const dueAmong = async (repos, wall) => {
    const keys = repos.map((r) => `${r.owner}/${r.name}`.toLowerCase());
    const [records, activity] = await Promise.all([ledger.records(keys), ledger.activity(keys)]);
    return repos.filter((_, i) => {
      const swept = records.get(keys[i]);
      if (swept === void 0 || swept.hot) return true;
      if (wall - (activity.get(keys[i]) ?? Number.NEGATIVE_INFINITY) < coldEvery) return true;
      return wall - swept.wall >= coldEvery;
    });
  };
  const sweepRepo = async (instance, installationId, owner, name) => {
    const repoKey = `${owner}/${name}`.toLowerCase();
    const log2 = instance.log.child({ sweep: `${owner}/${name}` });
    if (!await quota.allowsSweep(installationId)) {
      metrics.sweepsDeferred.inc();
      log2.warn(
        { installation: installationId, reserve: quota.reserve },
        "sweep put off: the installation's remaining quota is kept for webhook work until GitHub's reset"
      );
      return false;
    }
    const startedAt2 = clock();
    const startedWall = Date.now();
    const since = (await ledger.records([repoKey])).get(repoKey)?.since;
    const target = { kind: "sweep", ...since !== void 0 ? { since } : { full: true } };
    const outcome = await run(instance, installationId, owner, name, target, log2);
    await ledger.record(repoKey, { since: startedAt2, wall: startedWall, hot: outcome.hot === true });
    return true;
  };
  let appClient;
  const sweepAll = async ({ cadence = false } = {}) => {
    if (!probot) return;
    const instance = probot;
    appClient ??= withEtagCache(await instance.auth(), "app", caches.etags);
    const installations = await appClient.paginate("GET /app/installations", { per_page: 100 });
    for (const installation of installations) {
      const wall = Date.now();
      let repos = cadence ? await ledger.repos(installation.id, wall, inventoryEvery) : void 0;
      if (!repos) {
        const scope = `installation:${installation.id}`;
        const octokit = await instance.auth(installation.id);
        const listed = await octokit.paginate("GET /installation/repositories", {
          per_page: 100
        });
        repos = listed.map((r) => ({ owner: r.owner.login, name: r.name }));
        await ledger.replaceRepos(installation.id, repos, wall);
        caches.etags.resize?.(scope, repos.length * 8);
      }
      let failed = false;
      const dueRepos = cadence ? await dueAmong(repos, wall) : repos;
      const limit = redis ? 64 : options.sweepConcurrency ?? 4;
      await forEachLimited(dueRepos, limit, async ({ owner, name }) => {
        const repoKey = `${owner}/${name}`.toLowerCase();
        if (redis) {
          const done = await redis.queue.addAndWait(
            "sweep-repo",
            { installationId: installation.id, owner, repo: name },
            { priority: PRIORITY.sweep, dedup: `sweep:${repoKey}` }
          ).catch(() => false);
          if (done !== true) failed = true;
          return;
        }
        await queue.enqueue(targetKey(`${owner}/${name}`, { kind: "sweep" }), async () => {
          try {
            if (!await sweepRepo(instance, installation.id, owner, name)) failed = true;
          } catch (error) {
            failed = true;
            throw error;
          }
        });
      });
      if (!failed) await ledger.completed(installation.id, Date.now());
    }
  };
  const recovery = options.deliveryRecovery ?? (options.scheduleIntervalMs === 0 ? false : { intervalMs: 5 * 6e4, lookbackMs: 24 * 36e5 });
  const recoveryState = {
    checkpoint: Date.now() - (recovery ? recovery.lookbackMs ?? 24 * 36e5 : 0),
    requested: /* @__PURE__ */ new Map()
  };
  const recoverAll = async () => {
    if (!probot) return;
    const instance = probot;
    const state = redis ? await loadRecoveryState(redis.client, redis.prefix, recoveryState.checkpoint) : recoveryState;
    const outcome = await recoverDeliveries(
      await instance.auth(),
      state,
      Date.now(),
      { maxPages: 20, maxRedeliveries: 100 },
      instance.log.child({ recovery: "deliveries" })
    );
    if (redis) await saveRecoveryState(redis.client, redis.prefix, state);
    metrics.recoveredDeliveries.inc({ outcome: "requested" }, outcome.redelivered.length);
    metrics.recoveredDeliveries.inc({ outcome: "error" }, outcome.errors);
  };
  const recoveryTimer = recovery && !redis ? startScheduler(recoverAll, recovery.intervalMs, () => probot?.log) : void 0;
  const scheduler = options.scheduleIntervalMs === 0 || redis ? void 0 : startScheduler(
    () => sweepAll({ cadence: true }),
    options.scheduleIntervalMs ?? 6e4,
    () => probot?.log
  );
  const enqueue = (installationId, owner, repo, target) => {
    const instance = probot;
    if (!instance) return;
    const key = targetKey(`${owner}/${repo}`, target);
    const log2 = instance.log.child({ target: key });
    if (redis) {
      void enqueueObject(redis, { installationId, owner, repo, key, target }, PRIORITY.webhook).catch(
        (error) => log2.error({ err: error, target }, "could not queue a reconcile; the sweep covers it")
      );
      return;
    }
    void queue.enqueue(
      key,
      () => run(instance, installationId, owner, repo, target, log2).then(
        () => void 0,
        (error) => {
          log2.error({ err: error, target }, "reconcile failed; the scheduled reconcile will retry");
        }
      )
    );
  };
  return {
    app,
    queue,
    lanes,
    metrics,
    caches,
    sweepAll,
    enqueue,
    lastTick: () => scheduler?.lastTick(),
    checkGitHub: async () => {
      if (!probot) throw new Error("the App is not loaded yet");
      await (await probot.auth()).request("GET /app");
    },
    recoverDeliveries: recoverAll,
    stop: () => {
      scheduler?.stop();
      recoveryTimer?.stop();
      wakeUps.clear();
    },
    startJobs: async () => {
      if (!redis) return;
      const loaded = () => {
        if (!probot) throw new Error("the App is not loaded yet");
        return probot;
      };
      redis.queue.start(
        redisJobHandlers(redis, metrics, {
          run: (job, target, log2, kind) => run(loaded(), job.installationId, job.owner, job.repo, target, log2, kind),
          sweepRepo: (installationId, owner, repo) => sweepRepo(loaded(), installationId, owner, repo),
          sweepAll: () => sweepAll({ cadence: true }),
          recoverAll,
          log: () => probot?.log
        })
      );
      if (options.scheduleIntervalMs !== 0) await redis.queue.every("sweep", interval, "tick");
      if (recovery) {
        await redis.queue.every("recover", recovery.intervalMs, "recover");
        await redis.queue.add("recover", {}, { priority: PRIORITY.webhook, dedup: "recover-at-start" });
      }
    }
  };
}

// src/app/expediteOctokit.ts
import Bottleneck2 from "bottleneck";
import { ProbotOctokit } from "probot";

// src/github/writeGroups.ts
import Bottleneck from "bottleneck";
var ADVISED_WRITE_MS = 1e3;
var ADVISED_NOTIFICATION_MS = 3e3;
function writeGroups(spacingMs, connection) {
  if (spacingMs === void 0 && !connection) return {};
  const shared = connection ? { connection } : {};
  return {
    write: new Bottleneck.Group({
      id: "expedite-write",
      maxConcurrent: 1,
      minTime: spacingMs ?? ADVISED_WRITE_MS,
      ...shared
    }),
    notifications: new Bottleneck.Group({
      id: "expedite-notifications",
      maxConcurrent: 1,
      minTime: spacingMs ?? ADVISED_NOTIFICATION_MS,
      ...shared
    })
  };
}

// src/github/throttleOptions.ts
function throttleOptions(tuning, warn, connection) {
  const maxRetries = tuning.maxRetries ?? 3;
  return {
    ...writeGroups(tuning.writeSpacingMs, connection),
    fallbackSecondaryRateRetryAfter: tuning.fallbackRetryAfterSeconds ?? 60,
    onRateLimit: (retryAfter, options, octokit) => {
      warn(`rate limit exhausted on ${options.method} ${options.url}; retrying in ${retryAfter}s`, octokit);
      return (options.request.retryCount ?? 0) < maxRetries;
    },
    onSecondaryRateLimit: (retryAfter, options, octokit) => {
      warn(`secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`, octokit);
      return (options.request.retryCount ?? 0) < maxRetries;
    }
  };
}

// src/app/expediteOctokit.ts
function clusteredGroups(connection) {
  return {
    Bottleneck: Bottleneck2,
    connection,
    global: new Bottleneck2.Group({ id: "expedite-global", maxConcurrent: 10, connection }),
    auth: new Bottleneck2.Group({ id: "expedite-auth", maxConcurrent: 1, connection }),
    search: new Bottleneck2.Group({ id: "expedite-search", maxConcurrent: 1, minTime: 2e3, connection })
  };
}
function expediteOctokit(tuning = {}, cluster) {
  const connection = cluster?.connection;
  const shared = {
    ...throttleOptions(
      tuning,
      (message, octokit) => octokit.log.warn(message),
      connection
    ),
    ...connection ? clusteredGroups(connection) : {}
  };
  return ProbotOctokit.defaults((instanceOptions) => {
    const auth = instanceOptions.auth;
    const throttle = instanceOptions.throttle ?? {};
    return {
      ...instanceOptions,
      throttle: {
        ...throttle,
        ...shared,
        enabled: true,
        // The limiters' key: with Redis, every replica's limiter of one installation is the same one.
        id: `${cluster?.prefix ?? "expedite"}-installation-${auth?.installationId ?? "app"}`
      }
    };
  });
}

// src/app/freePort.ts
import { createServer } from "node:net";
function freePort(host = "127.0.0.1") {
  return new Promise((resolve2, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host }, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve2(port));
    });
  });
}

// src/github/verifySignature.ts
import { verify } from "@octokit/webhooks-methods";
async function verifySignature(secret, body, signature) {
  return verify(secret, body, signature).catch(() => false);
}

// src/app/guardWebhooks.ts
var MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
function guardWebhooks(server2, options) {
  const limit = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  const downstream = server2.listeners("request");
  server2.removeAllListeners("request");
  const pass = (req, res) => {
    for (const listener of downstream) listener(req, res);
  };
  server2.on("request", (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== options.path) return pass(req, res);
    void gate(req, res, limit, options).then((body) => {
      if (body === void 0) return;
      req.body = body;
      pass(req, res);
    });
  });
}
async function gate(req, res, limit, options) {
  const delivery = { id: req.headers["x-github-delivery"], event: req.headers["x-github-event"] };
  const declared = Number(req.headers["content-length"] ?? 0);
  const chunks = [];
  let size = 0;
  let tooLarge = declared > limit;
  try {
    for await (const chunk of req) {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    }
  } catch (error) {
    options.log.warn({ err: error, delivery }, "webhook delivery aborted while being read");
    return void 0;
  }
  if (tooLarge) {
    options.log.warn(
      { delivery, bytes: Math.max(size, declared) },
      "webhook refused: over GitHub's 25 MB cap"
    );
    answer(res, 413, "payload over GitHub's 25 MB limit");
    return void 0;
  }
  const body = Buffer.concat(chunks).toString("utf8");
  const signature = req.headers["x-hub-signature-256"];
  const valid = typeof signature === "string" && await verifySignature(options.secret, body, signature);
  if (!valid) {
    options.log.error(
      { delivery },
      typeof signature === "string" ? "webhook refused: its signature does not match WEBHOOK_SECRET (check the App's webhook secret)" : "webhook refused: it carries no x-hub-signature-256 signature"
    );
    answer(res, typeof signature === "string" ? 401 : 400, "signature missing or wrong");
    return void 0;
  }
  return body;
}
function answer(res, status, message) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: message }));
}

// src/app/health.ts
var WEDGED_QUEUE_MS = 5 * 6e4;
var GITHUB_CHECK_TTL_MS = 3e4;
var Health = class {
  #inputs;
  #github;
  #checking;
  constructor(inputs) {
    this.#inputs = inputs;
  }
  live() {
    const problems = this.#schedulerProblems();
    return { ok: problems.length === 0, problems };
  }
  async ready() {
    const problems = [];
    if (this.#inputs.stopping()) problems.push("shutting down");
    problems.push(...this.#schedulerProblems());
    if (this.#inputs.checkRedis) {
      const redis = await this.#inputs.checkRedis().then(
        () => void 0,
        (error) => `Redis could not be reached (REDIS_URL): ${error.message}`
      );
      if (redis) {
        problems.push(redis);
        return { ok: false, problems };
      }
    }
    const waiting = await this.#inputs.oldestWaitingMs();
    if (waiting > WEDGED_QUEUE_MS)
      problems.push(`the oldest job has waited ${Math.round(waiting / 1e3)}s to start`);
    const github = await this.#githubProblem();
    if (github) problems.push(github);
    return { ok: problems.length === 0, problems };
  }
  #schedulerProblems() {
    const interval = this.#inputs.schedulerIntervalMs;
    const last = this.#inputs.schedulerLastTick();
    if (interval <= 0 || last === void 0) return [];
    const late = this.#now() - last;
    return late > 3 * interval + 6e4 ? [`the scheduler has not ticked for ${Math.round(late / 1e3)}s (interval ${interval / 1e3}s)`] : [];
  }
  async #githubProblem() {
    const cached = this.#github;
    if (cached && this.#now() - cached.at < GITHUB_CHECK_TTL_MS) return cached.problem;
    this.#checking ??= this.#inputs.checkGitHub().then(
      () => {
        this.#github = { at: this.#now() };
      },
      (error) => {
        const status = error.status;
        this.#github = {
          at: this.#now(),
          problem: status === 401 ? "GitHub refused the App's credentials (401): check APP_ID and the private key" : `GitHub could not be reached: ${error.message}`
        };
      }
    ).finally(() => {
      this.#checking = void 0;
    });
    await this.#checking;
    return this.#github?.problem;
  }
  #now() {
    return (this.#inputs.now ?? Date.now)();
  }
};

// src/app/opsRoutes.ts
function opsRoutes(health, registry) {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = (req.url ?? "").split("?")[0];
    if (path === "/healthz") {
      send2(res, health.live());
      return true;
    }
    if (path === "/readyz") {
      send2(res, await health.ready());
      return true;
    }
    if (path === "/metrics") {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
      return true;
    }
    return false;
  };
}
function send2(res, report) {
  res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: report.ok ? "ok" : "unavailable", problems: report.problems }));
}

// src/app/alertsEndpoint.ts
import { createHash as createHash4, createHmac as createHmac2, timingSafeEqual } from "node:crypto";

// src/core/alerts/types.ts
var ALERT_SOURCES = ["alertmanager", "grafana", "sentry", "generic"];

// src/core/alerts/parseAlerts.ts
import { createHash as createHash3 } from "node:crypto";
import { z as z3 } from "zod";
var labelMap = z3.record(z3.string(), z3.string());
var promAlert = z3.object({
  status: z3.enum(["firing", "resolved"]),
  labels: labelMap,
  annotations: labelMap.default({}),
  startsAt: z3.string(),
  endsAt: z3.string().optional(),
  generatorURL: z3.string().optional(),
  fingerprint: z3.string().optional(),
  // Grafana only.
  values: z3.record(z3.string(), z3.number().nullable()).nullable().optional(),
  valueString: z3.string().optional(),
  dashboardURL: z3.string().optional(),
  panelURL: z3.string().optional(),
  silenceURL: z3.string().optional(),
  imageURL: z3.string().optional()
});
var promGroup = z3.object({
  version: z3.string().optional(),
  status: z3.enum(["firing", "resolved"]),
  receiver: z3.string().optional(),
  externalURL: z3.string().optional(),
  alerts: z3.array(promAlert).min(1, "the payload holds no alerts")
});
var sentryEventAlert = z3.object({
  action: z3.literal("triggered"),
  data: z3.object({
    event: z3.object({
      event_id: z3.string().optional(),
      issue_id: z3.union([z3.string(), z3.number()]).transform(String),
      title: z3.string(),
      web_url: z3.string().optional(),
      level: z3.string().optional(),
      culprit: z3.string().nullable().optional(),
      datetime: z3.string().optional(),
      environment: z3.string().nullable().optional(),
      tags: z3.array(z3.tuple([z3.string(), z3.string()])).optional()
    }),
    triggered_rule: z3.string().optional()
  })
});
var sentryIssue = z3.object({
  action: z3.string(),
  data: z3.object({
    issue: z3.object({
      id: z3.union([z3.string(), z3.number()]).transform(String),
      title: z3.string(),
      web_url: z3.string().optional(),
      permalink: z3.string().nullable().optional(),
      project: z3.object({ slug: z3.string() }).optional()
    })
  })
});
var generic = z3.object({
  fingerprint: z3.string().min(1).max(200),
  status: z3.enum(["firing", "resolved"]).default("firing"),
  title: z3.string().min(1).max(300),
  summary: z3.string().max(4e3).optional(),
  labels: labelMap.default({}),
  value: z3.union([z3.string(), z3.number()]).optional(),
  started_at: z3.string().optional(),
  ended_at: z3.string().optional(),
  links: z3.array(z3.object({ title: z3.string().default("link"), url: z3.string() })).default([]),
  occurrence: z3.string().max(200).optional()
}).strict();
function time(text) {
  if (!text || text.startsWith("0001-")) return void 0;
  const at = Date.parse(text);
  return Number.isNaN(at) ? void 0 : at;
}
function httpLink(title, url) {
  return url && /^https?:\/\//i.test(url) ? [{ title, url }] : [];
}
function labelsFingerprint(labels) {
  const sorted = Object.keys(labels).sort().map((k) => [k, labels[k]]);
  return createHash3("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}
function problem2(error) {
  return error.issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
}
function parseAlerts(source, body, resource) {
  switch (source) {
    case "alertmanager":
    case "grafana": {
      const parsed = promGroup.safeParse(body);
      if (!parsed.success)
        return { ok: false, error: `not a ${source} webhook payload: ${problem2(parsed.error)}` };
      return {
        ok: true,
        alerts: parsed.data.alerts.map((a) => {
          const startsAt = time(a.startsAt);
          const endsAt = time(a.endsAt);
          const values = a.values ? Object.entries(a.values).map(([k, v]) => `${k}=${v}`) : [];
          const value = a.annotations.value ?? (values.length > 0 ? values.join(", ") : a.valueString);
          return {
            source,
            fingerprint: `${source}:${a.fingerprint ?? labelsFingerprint(a.labels)}`,
            occurrence: a.startsAt,
            status: a.status,
            title: a.labels.alertname ?? a.annotations.summary ?? "alert",
            ...a.annotations.summary || a.annotations.description ? { summary: [a.annotations.summary, a.annotations.description].filter(Boolean).join(" \u2014 ") } : {},
            labels: a.labels,
            ...value ? { value } : {},
            ...startsAt !== void 0 ? { startsAt } : {},
            ...endsAt !== void 0 && a.status === "resolved" ? { endsAt } : {},
            links: [
              ...httpLink("graph", a.generatorURL),
              ...httpLink("dashboard", a.dashboardURL),
              ...httpLink("panel", a.panelURL),
              ...httpLink("runbook", a.annotations.runbook_url)
            ]
          };
        })
      };
    }
    case "sentry": {
      if (resource === "event_alert") {
        const parsed = sentryEventAlert.safeParse(body);
        if (!parsed.success)
          return { ok: false, error: `not a Sentry issue alert: ${problem2(parsed.error)}` };
        const { event, triggered_rule: rule } = parsed.data.data;
        const tags = Object.fromEntries(event.tags ?? []);
        const at = time(event.datetime);
        return {
          ok: true,
          alerts: [
            {
              source,
              fingerprint: `sentry:${event.issue_id}`,
              occurrence: event.event_id ?? event.datetime ?? event.issue_id,
              status: "firing",
              title: event.title,
              ...rule ? {
                summary: `Sentry alert rule \u201C${rule}\u201D fired${event.culprit ? ` in ${event.culprit}` : ""}`
              } : {},
              labels: {
                ...tags,
                ...event.level ? { level: event.level } : {},
                ...event.environment ? { environment: event.environment } : {}
              },
              ...at !== void 0 ? { startsAt: at } : {},
              links: httpLink("error in Sentry", event.web_url)
            }
          ]
        };
      }
      if (resource === "issue") {
        const parsed = sentryIssue.safeParse(body);
        if (!parsed.success)
          return { ok: false, error: `not a Sentry issue webhook: ${problem2(parsed.error)}` };
        if (parsed.data.action !== "resolved")
          return {
            ok: true,
            alerts: [],
            ignored: `Sentry issue ${parsed.data.action} (only resolved is recorded)`
          };
        const issue = parsed.data.data.issue;
        return {
          ok: true,
          alerts: [
            {
              source,
              fingerprint: `sentry:${issue.id}`,
              occurrence: `resolved:${issue.id}`,
              status: "resolved",
              title: issue.title,
              labels: issue.project ? { project: issue.project.slug } : {},
              links: httpLink("issue in Sentry", issue.web_url ?? issue.permalink)
            }
          ]
        };
      }
      return {
        ok: false,
        error: `Sentry resource "${resource ?? "(no Sentry-Hook-Resource header)"}" is not handled: send issue alerts (event_alert) and issue webhooks (issue)`
      };
    }
    case "generic": {
      const parsed = generic.safeParse(body);
      if (!parsed.success)
        return { ok: false, error: `not a generic alert (see docs/alerts.md): ${problem2(parsed.error)}` };
      const a = parsed.data;
      const startsAt = time(a.started_at);
      const endsAt = time(a.ended_at);
      return {
        ok: true,
        alerts: [
          {
            source,
            fingerprint: `generic:${a.fingerprint}`,
            occurrence: a.occurrence ?? a.started_at ?? "once",
            status: a.status,
            title: a.title,
            ...a.summary ? { summary: a.summary } : {},
            labels: a.labels,
            ...a.value !== void 0 ? { value: String(a.value) } : {},
            ...startsAt !== void 0 ? { startsAt } : {},
            ...endsAt !== void 0 ? { endsAt } : {},
            links: a.links.flatMap((l) => httpLink(l.title, l.url))
          }
        ]
      };
    }
  }
}

// src/core/alerts/routeAlert.ts
import picomatch3 from "picomatch";
function matches(route, alert) {
  if (route.source && route.source !== alert.source) return false;
  return Object.entries(route.match).every(([label, glob]) => {
    const value = alert.labels[label];
    return value !== void 0 && picomatch3.isMatch(value, glob, { dot: true });
  });
}
function routeAlert(alert, config) {
  const index = config.alerts.routes.findIndex((route2) => matches(route2, alert));
  const route = index >= 0 ? config.alerts.routes[index] : void 0;
  const labelled = alert.labels[config.alerts.severity_label];
  const fromLabel = labelled === void 0 ? void 0 : config.alerts.severity_values[labelled.toLowerCase()];
  const severity2 = route?.severity ?? fromLabel ?? config.severity.default;
  return {
    ...route?.repository ? { repository: route.repository } : {},
    severity: severity2,
    ...route?.revenue !== void 0 ? { revenue: route.revenue } : {},
    ...route?.applications ? { applications: route.applications } : {},
    ...index >= 0 ? { route: index } : {}
  };
}

// src/core/alerts/alertIncident.ts
var SOURCE_NAMES = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana alerting",
  sentry: "Sentry",
  generic: "a monitor"
};
function alertIncident(alert, routing, config, now) {
  const zone = config.business_hours.timezone;
  const started = alert.startsAt ?? now;
  const answers = {
    summary: [
      neutralizeInline(alert.title, 300),
      alert.summary ? neutralize(alert.summary.slice(0, 2e3)) : ""
    ].filter((s) => s !== "").join("\n\n"),
    severity: SEVERITY_OPTIONS[routing.severity - 1] ?? "",
    applications: neutralizeInline(
      routing.applications ?? alert.labels.service ?? alert.labels.job ?? "",
      200
    ),
    "business-impact": "",
    evidence: evidenceLines(alert, zone).join("\n"),
    revenue: routing.revenue === void 0 ? REVENUE_OPTIONS.unknown : routing.revenue ? REVENUE_OPTIONS.yes : REVENUE_OPTIONS.no,
    reproduce: "",
    started: new Date(started).toISOString()
  };
  const sections = FORM_FIELDS.map(
    (field) => `### ${field.label}

${answers[field.id] === "" || answers[field.id] === void 0 ? NO_RESPONSE : answers[field.id]}`
  );
  const marker = renderMarker("alert", { fingerprint: alert.fingerprint, occurrence: alert.occurrence });
  const intro = `_Declared by Expedite from an alert sent by ${SOURCE_NAMES[alert.source]} at ${formatTime(now, zone)}. Repeats of this alert add evidence here._`;
  const labels = [
    config.labels.incident,
    config.labels.alert,
    `${config.labels.severity_prefix}${routing.severity}`
  ];
  if (routing.revenue === true) labels.push(config.labels.revenue);
  return {
    title: `[Incident] ${neutralizeInline(alert.title, 200).replace(/\\\|/g, "|")}`,
    body: [marker, intro, "", ...sections.join("\n\n").split("\n")].join("\n"),
    labels
  };
}
function evidenceLines(alert, zone) {
  const labels = Object.entries(alert.labels).slice(0, 20).map(([k, v]) => `\`${neutralizeInline(`${k}=${v}`, 120).replace(/`/g, "'")}\``).join(", ");
  return [
    `- **What fired:** ${neutralizeInline(alert.title, 300)} (${SOURCE_NAMES[alert.source]}, ${alert.status})`,
    ...alert.value ? [`- **Value:** ${neutralizeInline(alert.value, 300)}`] : [],
    ...alert.startsAt !== void 0 ? [`- **Since:** ${formatTime(alert.startsAt, zone)}`] : [],
    ...labels ? [`- **Labels:** ${labels}`] : [],
    ...alert.links.length > 0 ? [
      `- **Links:** ${alert.links.map((l) => `[${neutralizeInline(l.title, 60).replace(/[[\]]/g, "")}](${linkTarget(l.url)})`).join(" \xB7 ")}`
    ] : []
  ];
}
function linkTarget(url) {
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
  }
  return encodeURI(decoded).replace(/\(/g, "%28").replace(/\)/g, "%29");
}
function alertEvidenceComment(alert, config, now) {
  const zone = config.business_hours.timezone;
  const marker = renderMarker("alert-evidence", {
    fingerprint: alert.fingerprint,
    occurrence: alert.occurrence,
    status: alert.status
  });
  const head = alert.status === "resolved" ? `\u{1F7E2} The alert **resolved**${alert.endsAt !== void 0 ? ` at ${formatTime(alert.endsAt, zone)}` : ""} (recorded ${formatTime(now, zone)}). The incident stays open until a responder resolves it.` : `\u{1F534} The alert **fired again** (recorded ${formatTime(now, zone)}).`;
  return [marker, head, "", ...evidenceLines(alert, zone)].join("\n");
}

// src/reconcile/alerts/ingestAlert.ts
async function openIncidentsFor(gh, config, fingerprint) {
  const identity = markerIdentity({ kind: "alert", data: { fingerprint } });
  return (await markedIssues(gh, config.labels.alert, "open")).filter((issue) => {
    const marker = parseMarker(issue.body);
    return marker?.kind === "alert" && markerIdentity({ kind: "alert", data: { fingerprint: marker.data.fingerprint ?? "" } }) === identity;
  }).sort((a, b) => a.number - b.number);
}
async function ingestAlert(gh, config, alert, routing, now) {
  const base = { fingerprint: alert.fingerprint, status: alert.status };
  let [incident] = await openIncidentsFor(gh, config, alert.fingerprint);
  if (!incident) {
    if (alert.status === "resolved") return { ...base, action: "no-open-incident" };
    const planned = alertIncident(alert, routing, config, now);
    await ensureRepoLabels(gh, config, planned.labels);
    const created = await createIssueOnce(gh, {
      ...planned,
      find: async () => (await openIncidentsFor(gh, config, alert.fingerprint))[0]
    });
    const twins = await openIncidentsFor(gh, config, alert.fingerprint);
    const oldest = twins[0];
    if (!oldest || oldest.number === created.number)
      return { ...base, incident: created.number, action: "opened" };
    await retire(gh, config, created.number, oldest.number);
    incident = oldest;
  }
  const bodyMarker = parseMarker(incident.body);
  if (alert.status === "firing" && bodyMarker?.data.occurrence === alert.occurrence)
    return { ...base, incident: incident.number, action: "unchanged" };
  const body = alertEvidenceComment(alert, config, now);
  const identity = markerIdentity(parseMarker(body));
  const wrote = await createCommentOnceAmongRacers(gh, incident.number, identity, body);
  return {
    ...base,
    incident: incident.number,
    action: wrote ? alert.status === "resolved" ? "resolved" : "evidence" : "unchanged"
  };
}
async function retire(gh, config, number, original) {
  await writeLabels(gh, number, [], [config.labels.incident]);
  await createCommentOnce(
    gh,
    number,
    "alert-duplicate",
    `<!-- expedite:alert-duplicate -->
Duplicate of #${original}: the same alert arrived twice at once, and its evidence is recorded there.`
  );
  await closeIssue(gh, number, "not_planned");
}

// src/reconcile/alerts/receiveAlerts.ts
async function receiveAlerts(input) {
  const parsed = parseAlerts(input.source, input.body, input.resource);
  if (!parsed.ok) return { status: 400, message: parsed.error, results: [] };
  if (parsed.alerts.length === 0)
    return { status: 202, message: parsed.ignored ?? "no alerts in the payload", results: [] };
  const routed = parsed.alerts.map(
    (alert) => {
      const routing = routeAlert(alert, input.routing);
      return { alert, routing, repository: (routing.repository ?? input.home).toLowerCase() };
    }
  );
  const targets = /* @__PURE__ */ new Map();
  for (const repository of new Set(routed.map((r) => r.repository))) {
    const resolved = await input.resolve(repository);
    if (!resolved.ok)
      return {
        status: 422,
        message: `cannot route to ${repository}: ${resolved.reason}; nothing was recorded`,
        results: []
      };
    targets.set(repository, resolved);
  }
  const results = [];
  for (const { alert, routing, repository } of routed) {
    const { gh, config } = targets.get(repository);
    const result = await input.serialize(
      `${repository}:${alert.fingerprint}`,
      () => ingestAlert(gh, config, alert, routing, input.now)
    );
    results.push({ ...result, repository });
  }
  const opened = results.filter((r) => r.action === "opened").length;
  return {
    status: 200,
    message: `${results.length} alert(s) received${opened > 0 ? `, ${opened} incident(s) opened` : ""}`,
    results
  };
}
function keyedSerializer() {
  const tails = /* @__PURE__ */ new Map();
  return (key, job) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(job, job);
    const tail = run.catch(() => void 0);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

// src/app/alertsEndpoint.ts
var ALERTS_PATH = "/expedite/alerts/";
var MAX_BODY2 = 1024 * 1024;
function alertsEndpoint(options) {
  const serialize = keyedSerializer();
  return (app, { addHandler }) => {
    let botLogin;
    const login = () => botLogin ??= app.auth().then((o) => o.request("GET /app")).then(({ data }) => `${data?.slug ?? "expedite"}[bot]`).catch((error) => {
      botLogin = void 0;
      throw error;
    });
    const installations = /* @__PURE__ */ new Map();
    const resolve2 = async (repository) => {
      const [owner, repo] = repository.split("/");
      let installationId = installations.get(repository);
      if (installationId === void 0) {
        try {
          const appOctokit = await app.auth();
          const { data } = await appOctokit.request("GET /repos/{owner}/{repo}/installation", {
            owner,
            repo
          });
          installationId = data.id;
          installations.set(repository, installationId);
        } catch (error) {
          if (statusOf(error) === 404)
            return { ok: false, reason: "Expedite is not installed on that repository" };
          throw error;
        }
      }
      const octokit = await app.auth(installationId);
      const bot = await login();
      const log2 = app.log.child({ alerts: repository });
      const gh = {
        octokit,
        owner,
        repo,
        botLogin: bot,
        trustedBots: trustedBotsFor(bot),
        log: log2,
        caches: options.caches
      };
      const settings = await cachedRepoSettings(gh, options.clock());
      if (!settings.ok)
        return {
          ok: false,
          reason: `its ${settings.path} is invalid (${settings.problems.map((p) => `${p.key}: ${p.message}`).join("; ")})`
        };
      return {
        ok: true,
        gh: { ...gh, trustedBots: trustedBotsFor(bot, settings.config) },
        config: settings.config,
        installationId
      };
    };
    addHandler(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(ALERTS_PATH)) return false;
      const source = url.pathname.slice(ALERTS_PATH.length).replace(/\/$/, "");
      if (!ALERT_SOURCES.includes(source))
        return answer2(res, 404, `unknown alert source "${source}": use one of ${ALERT_SOURCES.join(", ")}`);
      if (req.method !== "POST") return answer2(res, 405, "alerts are POSTed");
      const raw = await readBody(req);
      if (raw === void 0) return answer2(res, 413, `the body is larger than ${MAX_BODY2} bytes`);
      const denied = authenticate(source, req, raw, options);
      if (denied) return answer2(res, denied.status, denied.message);
      if (!options.home)
        return answer2(
          res,
          503,
          "set EXPEDITE_ALERTS_REPOSITORY (owner/name) to the repository whose configuration routes alerts"
        );
      let body;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return answer2(res, 400, "the body is not JSON");
      }
      const home = options.home.toLowerCase();
      const homeRepo = await resolve2(home);
      if (!homeRepo.ok)
        return answer2(res, 503, `the alerts repository ${home} cannot be used: ${homeRepo.reason}`);
      const resolved = /* @__PURE__ */ new Map();
      try {
        const receipt = await receiveAlerts({
          source,
          body,
          ...typeof req.headers["sentry-hook-resource"] === "string" ? { resource: req.headers["sentry-hook-resource"] } : {},
          routing: homeRepo.config,
          home,
          resolve: async (repository) => {
            const result = await resolve2(repository);
            if (result.ok && result.installationId !== void 0)
              resolved.set(repository, result.installationId);
            return result;
          },
          serialize,
          now: options.clock()
        });
        for (const result of receipt.results) {
          const installationId = resolved.get(result.repository);
          if (result.incident === void 0 || installationId === void 0 || result.action === "unchanged")
            continue;
          const [owner, repo] = result.repository.split("/");
          options.reconcile(installationId, owner, repo, { kind: "issue", number: result.incident });
        }
        return answer2(res, receipt.status, receipt.message, { results: receipt.results });
      } catch (error) {
        app.log.error({ err: error, source }, "alert delivery failed; the source will retry");
        return answer2(res, 502, "GitHub could not be written to; retry the delivery");
      }
    });
  };
}
function authenticate(source, req, raw, options) {
  if (source === "sentry") {
    if (!options.sentrySecret)
      return { status: 503, message: "set EXPEDITE_SENTRY_CLIENT_SECRET to accept Sentry webhooks" };
    const signature = req.headers["sentry-hook-signature"];
    const expected = createHmac2("sha256", options.sentrySecret).update(raw).digest("hex");
    if (typeof signature !== "string" || !sameSecret(signature, expected))
      return { status: 401, message: "the Sentry-Hook-Signature header does not match the body" };
    return void 0;
  }
  if (!options.token) return { status: 503, message: "set EXPEDITE_ALERTS_TOKEN to accept alerts" };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!match || !sameSecret(match[1], options.token))
    return { status: 401, message: "send the alerts token as Authorization: Bearer <token>" };
  return void 0;
}
function sameSecret(given, expected) {
  const a = createHash4("sha256").update(given).digest();
  const b = createHash4("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY2) return void 0;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
function answer2(res, status, message, extra = {}) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ message, ...extra }));
  return true;
}

// src/app/redisRuntime.ts
import Bottleneck3 from "bottleneck";
import { Redis as Redis2 } from "ioredis";

// src/app/durableQueue.ts
import { Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
var safeId = (id) => id.replace(/[^A-Za-z0-9_.#@/-]/g, "_");
var DurableQueue = class _DurableQueue {
  work;
  schedule;
  #events;
  #workers;
  #producer;
  #handlers;
  /** Jobs running in this replica, by job id (name and key, for the shutdown report). */
  #running = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#producer = options.client;
    const consumer = () => {
      const client = new Redis(options.url, { maxRetriesPerRequest: null });
      client.on("error", () => void 0);
      return client;
    };
    const prefix = options.prefix;
    const attempts = options.attempts ?? 5;
    const defaultJobOptions = {
      attempts,
      backoff: { type: "exponential", delay: options.backoffMs ?? 2e3 },
      removeOnComplete: { age: 3600, count: 5e3 },
      // Failed-for-good jobs are kept a week, for an operator to see and retry.
      removeOnFail: { age: 7 * 24 * 3600 }
    };
    this.work = new Queue("work", { connection: this.#producer, prefix, defaultJobOptions });
    this.schedule = new Queue("schedule", { connection: this.#producer, prefix, defaultJobOptions });
    this.#events = new QueueEvents("work", { connection: consumer(), prefix });
    const worker = (queue, concurrency) => {
      const w = new Worker(
        queue.name,
        async (job) => {
          this.#running.set(String(job.id), `${job.name} ${jobKey(job)}`);
          try {
            return await this.#handlers.process(job.name, job);
          } finally {
            this.#running.delete(String(job.id));
          }
        },
        {
          connection: consumer(),
          prefix,
          concurrency,
          autorun: false,
          lockDuration: options.lockTtlMs,
          stalledInterval: Math.max(1e3, Math.floor(options.lockTtlMs / 2)),
          // A job whose replica died is retried on another; twice in a row means it kills replicas.
          maxStalledCount: 2
        }
      );
      w.on(
        "failed",
        (job, error) => this.#handlers?.failed(job, error, !job || job.attemptsMade >= (job.opts.attempts ?? 1))
      );
      w.on("error", (error) => options.log()?.warn({ err: error }, "queue worker error"));
      w.on(
        "stalled",
        (id) => options.log()?.warn({ job: id }, "a job's replica stopped renewing its lock; it runs again")
      );
      return w;
    };
    this.#workers = [worker(this.work, options.concurrency), worker(this.schedule, 1)];
  }
  /** Connects to Redis (waiting for it, as the replica cannot work without it); no job runs yet. */
  static async open(options) {
    const queue = new _DurableQueue(options);
    await Promise.all([
      queue.work.waitUntilReady(),
      queue.schedule.waitUntilReady(),
      queue.#events.waitUntilReady()
    ]);
    return queue;
  }
  /** Starts taking jobs. */
  start(handlers) {
    this.#handlers = handlers;
    for (const worker of this.#workers) void worker.run();
  }
  /** Resolves once Redis holds the job; rejects at once when Redis is unreachable. */
  add(name, data, options) {
    const queue = name === "tick" || name === "recover" ? this.schedule : this.work;
    return queue.add(name, data, {
      priority: options.priority,
      ...options.dedup ? { deduplication: { id: safeId(options.dedup), keepLastIfActive: true } } : {},
      ...options.jobId ? { jobId: safeId(options.jobId) } : {},
      ...options.delayMs !== void 0 ? { delay: Math.max(0, Math.round(options.delayMs)) } : {},
      ...name === "wake" ? { removeOnComplete: { age: 24 * 3600 } } : {}
    });
  }
  /** Adds a job and waits until it finished (completed, or failed for good: then it rejects). */
  async addAndWait(name, data, options) {
    const job = await this.add(name, data, options);
    return job.waitUntilFinished(this.#events);
  }
  /** One job every `everyMs` however many replicas ask (a BullMQ job scheduler, upserted by id). */
  async every(id, everyMs, name) {
    await this.schedule.upsertJobScheduler(id, { every: everyMs }, { name, data: {}, opts: { attempts: 1 } });
  }
  /** Jobs of both queues by state (waiting, prioritized, active, delayed, failed, completed). */
  async counts() {
    const states = ["waiting", "prioritized", "active", "delayed", "failed", "completed"];
    const [work, schedule] = await Promise.all([
      this.work.getJobCounts(...states),
      this.schedule.getJobCounts(...states)
    ]);
    return Object.fromEntries(states.map((s) => [s, (work[s] ?? 0) + (schedule[s] ?? 0)]));
  }
  /** How long the oldest job ready to run has waited (0 when none). */
  async oldestWaitingMs(now = Date.now()) {
    const jobs = await this.work.getJobs(["waiting", "prioritized"], 0, 20, true);
    const oldest = Math.min(now, ...jobs.map((j) => j.timestamp));
    return Math.max(0, now - oldest);
  }
  /** Jobs running in this replica now. */
  get running() {
    return this.#running.size;
  }
  async ping() {
    await this.#producer.ping();
  }
  /**
   * Stops taking jobs and lets the running ones finish until `deadlineMs`; then stops anyway. What was still
   * running keeps its lock until it expires, and another replica runs it again (nothing is lost).
   */
  async close(deadlineMs) {
    const [work, schedule] = this.#workers;
    void schedule.close(true).catch(() => void 0);
    const finished = await within(
      work.close().then(() => true),
      deadlineMs
    );
    const unfinished = finished ? [] : [...this.#running.values()];
    if (!finished) void Promise.all(this.#workers.map((w) => w.close(true))).catch(() => void 0);
    await within(Promise.all([this.work.close(), this.schedule.close(), this.#events.close()]), 2e3);
    return { unfinished };
  }
};
function within(promise, ms) {
  let timer;
  return Promise.race([
    promise.catch(() => false),
    new Promise((resolve2) => {
      timer = setTimeout(() => resolve2(false), ms);
    })
  ]).finally(() => clearTimeout(timer));
}
function jobKey(job) {
  const data = job.data;
  return data.key ?? (data.owner && data.repo ? `${data.owner}/${data.repo}` : "");
}

// src/app/redisLanes.ts
import { Mutex } from "redis-semaphore";
var RedisLanes = class {
  #client;
  #prefix;
  #ttlMs;
  #log;
  constructor(client, prefix, ttlMs, log2) {
    this.#client = client;
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
    this.#log = log2;
  }
  async run(key, job) {
    const mutex = new Mutex(this.#client, `${this.#prefix}:lane:${key}`, {
      lockTimeout: this.#ttlMs,
      refreshInterval: Math.max(100, Math.floor(this.#ttlMs / 3)),
      // A lane is held for one reconcile (seconds, a minute when GitHub is slow and writes are paced).
      acquireTimeout: 10 * 6e4,
      retryInterval: 25,
      onLockLost: (error) => this.#log()?.error({ err: error, lane: key }, "lost the lock of an object's lane while holding it")
    });
    await mutex.acquire();
    const from = Date.now();
    try {
      return await job();
    } finally {
      const to = Date.now();
      await mutex.release().catch((error) => {
        this.#log()?.warn({ err: error, lane: key }, "could not release a lane; it expires by itself");
      });
      this.#log()?.debug({ lane: key, from, to }, "lane released");
    }
  }
};

// src/app/redisEtags.ts
import { createHash as createHash5 } from "node:crypto";
var TTL_SECONDS = 24 * 3600;
function redisEtags(client, prefix) {
  const keyOf2 = (scope, key) => `${prefix}:etag:${scope}:${createHash5("sha1").update(key).digest("base64url")}`;
  return {
    get: async (scope, key) => {
      const text = await client.get(keyOf2(scope, key));
      return text ? JSON.parse(text) : void 0;
    },
    set: async (scope, key, value) => {
      await client.set(keyOf2(scope, key), JSON.stringify(value), "EX", TTL_SECONDS);
    }
  };
}

// src/app/redisSettings.ts
function redisSettings(client, prefix) {
  const hashOf = (repo) => `${prefix}:settings:${repo.split("/")[0].toLowerCase()}`;
  return {
    get: async (repo) => {
      const text = await client.hget(hashOf(repo), repo.toLowerCase());
      return text ? JSON.parse(text) : void 0;
    },
    set: async (repo, entry) => {
      await client.hset(hashOf(repo), repo.toLowerCase(), JSON.stringify(entry));
    },
    forget: async (repo) => {
      if (/\/\.github$/i.test(repo)) await client.del(hashOf(repo));
      else await client.hdel(hashOf(repo), repo.toLowerCase());
    }
  };
}

// src/app/redisRuntime.ts
async function openRedisRuntime(env2, log2) {
  const client = new Redis2(env2.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5e3,
    lazyConnect: true
  });
  let complained = 0;
  client.on("error", (error) => {
    if (Date.now() - complained < 3e4) return;
    complained = Date.now();
    log2()?.error(
      { err: error },
      "Redis unreachable: webhooks are answered 503 and jobs wait until it is back"
    );
  });
  for (; ; ) {
    try {
      await client.connect();
      break;
    } catch (error) {
      log2()?.warn({ err: error }, "waiting for Redis (REDIS_URL)");
      client.disconnect();
      await new Promise((resolve2) => setTimeout(resolve2, 1e3));
    }
  }
  const bottleneckClient = new Redis2(env2.url);
  bottleneckClient.on("error", () => void 0);
  const bottleneck = new Bottleneck3.IORedisConnection({ client: bottleneckClient });
  bottleneck.subscriber?.on("error", () => void 0);
  bottleneck.on(
    "error",
    (error) => log2()?.warn({ err: error }, "Bottleneck's Redis connection failed")
  );
  const queue = await DurableQueue.open({
    url: env2.url,
    prefix: env2.prefix,
    concurrency: env2.concurrency,
    lockTtlMs: env2.lockTtlMs,
    attempts: env2.attempts,
    backoffMs: env2.backoffMs,
    log: log2,
    client
  });
  return {
    prefix: env2.prefix,
    replica: env2.replica,
    client,
    queue,
    lanes: new RedisLanes(client, env2.prefix, env2.lockTtlMs, log2),
    etags: redisEtags(client, env2.prefix),
    settings: redisSettings(client, env2.prefix),
    ledger: redisSweepLedger(client, env2.prefix),
    bottleneck,
    close: async () => {
      bottleneck.disconnect(false).catch(() => void 0);
      client.disconnect();
    }
  };
}

// src/app/startAppServer.ts
async function startAppServer(options) {
  const log2 = options.log ?? pino({ level: options.logLevel ?? "info", name: "expedite" });
  const redis = options.redis ? await openRedisRuntime(options.redis, () => log2) : void 0;
  const expedite = createExpediteApp({
    ...redis ? { redis } : {},
    ...options.quotaReserve !== void 0 ? { quotaReserve: options.quotaReserve } : {},
    ...options.clock ? { clock: options.clock } : {},
    ...options.scheduleIntervalMs !== void 0 ? { scheduleIntervalMs: options.scheduleIntervalMs } : {},
    ...options.env ? { env: options.env } : {},
    ...options.channelTimeoutMs !== void 0 ? { channelTimeoutMs: options.channelTimeoutMs } : {},
    ...options.wakeUps !== void 0 ? { wakeUps: options.wakeUps } : {},
    ...options.deliveryRecovery !== void 0 ? { deliveryRecovery: options.deliveryRecovery } : {}
  });
  const ProbotWithDefaults = Probot.defaults({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.secret,
    ...options.baseUrl ? { baseUrl: options.baseUrl } : {},
    Octokit: expediteOctokit(
      options.throttle,
      redis ? { connection: redis.bottleneck, prefix: redis.prefix } : void 0
    ),
    log: log2
  });
  const webhookPath = options.webhookPath ?? "/api/github/webhooks";
  const server2 = new Server({
    Probot: ProbotWithDefaults,
    port: options.port || await freePort(options.host ?? "127.0.0.1"),
    host: options.host ?? "127.0.0.1",
    webhookPath,
    ...options.webhookProxyUrl ? { webhookProxy: options.webhookProxyUrl } : {},
    log: log2
  });
  let stopping = false;
  const health = new Health({
    stopping: () => stopping,
    schedulerLastTick: expedite.lastTick,
    schedulerIntervalMs: options.scheduleIntervalMs ?? 6e4,
    oldestWaitingMs: redis ? () => redis.queue.oldestWaitingMs() : () => expedite.queue.oldestWaitingMs(),
    checkGitHub: expedite.checkGitHub,
    ...redis ? { checkRedis: () => redis.queue.ping() } : {}
  });
  server2.addHandler(opsRoutes(health, expedite.metrics.registry));
  await server2.load(expedite.app);
  await server2.load(
    alertsEndpoint({
      ...options.alerts?.token ? { token: options.alerts.token } : {},
      ...options.alerts?.sentrySecret ? { sentrySecret: options.alerts.sentrySecret } : {},
      ...options.alerts?.repository ? { home: options.alerts.repository } : {},
      clock: options.clock ?? Date.now,
      caches: expedite.caches,
      reconcile: expedite.enqueue
    })
  );
  const http = await server2.start();
  await expedite.startJobs();
  guardWebhooks(http, { path: webhookPath, secret: options.secret, log: log2 });
  const url = `http://${server2.host}:${server2.port}`;
  let stopped;
  return {
    url,
    webhookUrl: `${url}${webhookPath}`,
    expedite,
    health,
    stop: (deadlineMs = 3e4) => stopped ??= (async () => {
      stopping = true;
      expedite.stop();
      await server2.stop();
      if (redis) {
        const report = await redis.queue.close(deadlineMs);
        await redis.close();
        if (report.unfinished.length > 0)
          log2.warn(
            { running: report.unfinished },
            `shutdown deadline passed with ${report.unfinished.length} job(s) running; their locks expire and another replica runs them again`
          );
        return report;
      }
      let timer;
      const finished = await Promise.race([
        expedite.queue.idle().then(() => true),
        new Promise((resolve2) => {
          timer = setTimeout(() => resolve2(false), deadlineMs);
        })
      ]);
      clearTimeout(timer);
      if (finished) return { unfinished: [] };
      const { running, waiting } = expedite.queue.unfinished();
      const unfinished = [...running, ...waiting];
      log2.warn(
        { running, waiting },
        `shutdown deadline passed with ${unfinished.length} job(s) unfinished; the next start's sweep and delivery recovery repair them`
      );
      return { unfinished };
    })()
  };
}

// src/app/main.ts
if (existsSync2(".env")) process.loadEnvFile(".env");
var checked2 = readEnvironment(process.env);
if (!checked2.ok) {
  console.error(
    [
      "Expedite cannot start; fix these variables (README.md, docs/deploy.md):",
      ...checked2.problems.map((p) => `  - ${p}`),
      "To try Expedite without a GitHub App, run `npm run demo` from a clone of the repository."
    ].join("\n")
  );
  process.exit(2);
}
var env = checked2.env;
var transform = await getTransformStream({ logFormat: env.logFormat });
transform.pipe(pino2.destination(1));
var log = pino2({ level: env.logLevel, name: "expedite" }, transform);
var server = await startAppServer({
  appId: env.appId,
  privateKey: env.privateKey,
  secret: env.secret,
  ...env.baseUrl ? { baseUrl: env.baseUrl } : {},
  port: env.port,
  host: env.host,
  webhookPath: env.webhookPath,
  ...env.webhookProxyUrl ? { webhookProxyUrl: env.webhookProxyUrl } : {},
  scheduleIntervalMs: env.scheduleIntervalMs,
  deliveryRecovery: { intervalMs: env.deliveryRecoveryIntervalMs },
  ...env.writeSpacingMs !== void 0 ? { throttle: { writeSpacingMs: env.writeSpacingMs } } : {},
  quotaReserve: env.quotaReserve,
  ...env.redis ? { redis: env.redis } : {},
  log,
  alerts: {
    ...process.env.EXPEDITE_ALERTS_TOKEN ? { token: process.env.EXPEDITE_ALERTS_TOKEN } : {},
    ...process.env.EXPEDITE_SENTRY_CLIENT_SECRET ? { sentrySecret: process.env.EXPEDITE_SENTRY_CLIENT_SECRET } : {},
    ...process.env.EXPEDITE_ALERTS_REPOSITORY ? { repository: process.env.EXPEDITE_ALERTS_REPOSITORY } : {}
  }
});
log.info(
  env.redis ? `Expedite is listening for webhooks at ${server.webhookUrl} (replica ${env.redis.replica}, jobs in Redis)` : `Expedite is listening for webhooks at ${server.webhookUrl}`
);
var shutdown = (signal) => {
  log.info({ signal }, "shutting down");
  void server.stop(env.shutdownTimeoutMs).then(
    () => process.exit(0),
    (error) => {
      log.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  );
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
//# sourceMappingURL=app.js.map
