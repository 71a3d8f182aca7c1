import type { Verb } from "./types.js";

export type CommandScope = "incident" | "pull-request" | "anywhere";

export interface CommandSpec {
  verb: Verb;
  /** Other words that run the same command; shown in /help so nobody has to guess. */
  aliases: readonly string[];
  syntax: string;
  summary: string;
  example: string;
  scope: CommandScope;
}

// The one table of verbs. /help renders it and every refusal quotes its row, so a command's syntax is
// described in exactly one place.
export const COMMANDS: ReadonlyArray<CommandSpec> = [
  {
    verb: "ack",
    aliases: ["acknowledge"],
    syntax: "/ack [what you are doing]",
    summary:
      "Say you are on it; your words go on the record. You become the lead only if nobody leads (the on-call engineer counts).",
    example: "/ack checking the payment gateway logs",
    scope: "incident",
  },
  {
    verb: "lead",
    aliases: [],
    syntax: "/lead @user",
    summary:
      "Hand the lead to someone (`me` or nothing means you); the previous lead, even the on-call one, is unassigned.",
    example: "/lead @octocat",
    scope: "incident",
  },
  {
    verb: "comms",
    aliases: ["communicator"],
    syntax: "/comms @user",
    summary: "Name the communicator who keeps stakeholders informed (`me` or nothing means you).",
    example: "/comms @hubot",
    scope: "incident",
  },
  {
    verb: "role",
    aliases: [],
    syntax: "/role <role> @user",
    summary: "Give someone one of the team's configured roles.",
    example: "/role investigator @octocat",
    scope: "incident",
  },
  {
    verb: "sev",
    aliases: ["severity"],
    syntax: "/sev <1-4>",
    summary: "Set the severity; 1 is the worst.",
    example: "/sev 2",
    scope: "incident",
  },
  {
    verb: "impact",
    aliases: [],
    syntax: "/impact revenue|none",
    summary: "Say whether the incident is costing revenue (`yes`/`no` work too).",
    example: "/impact revenue",
    scope: "incident",
  },
  {
    verb: "update",
    aliases: [],
    syntax: "/update <what changed> [next <duration>]",
    summary:
      "Post a status update; end it with `next 30m` or `next at 15:00` to say when the next one comes.",
    example: "/update Failover done, error rate falling. next 30m",
    scope: "incident",
  },
  {
    verb: "mitigate",
    aliases: ["workaround"],
    syntax: "/mitigate <workaround>",
    summary: "Record the workaround that limits the damage for now: what is in place, not just “done”.",
    example: "/mitigate Routed checkout traffic to the standby region",
    scope: "incident",
  },
  {
    verb: "resolve",
    aliases: [],
    syntax: "/resolve <cause, fix, follow-up>",
    summary: "Close out the problem: what was wrong, what was done, and any follow-up (or a link to it).",
    example: "/resolve Expired TLS certificate on the API; renewed it and added expiry monitoring in #412",
    scope: "incident",
  },
  {
    verb: "note",
    aliases: [],
    syntax: "/note <text>",
    summary: "Add a line to the timeline.",
    example: "/note Support reports the error also hits mobile users",
    scope: "incident",
  },
  {
    verb: "deviation",
    aliases: [],
    syntax: "/deviation <step skipped and why>",
    summary: "Record a step of the process you skipped, and why, for the post-mortem.",
    example: "/deviation Deployed without review: site down, no reviewer awake",
    scope: "incident",
  },
  {
    verb: "started",
    aliases: [],
    syntax: "/started <time>",
    summary: "Backdate when the problem really began.",
    example: "/started yesterday 23:10",
    scope: "incident",
  },
  {
    verb: "cancel",
    aliases: [],
    syntax: "/cancel <reason>",
    summary: "Close a false alarm without a post-mortem.",
    example: "/cancel Alert came from the staging monitor, production is fine",
    scope: "incident",
  },
  {
    verb: "announce",
    aliases: [],
    syntax: "/announce [channel …]",
    summary:
      "Send the stakeholder notice, as it stands now, to the channels that carry it (or the ones you name).",
    example: "/announce stakeholders",
    scope: "incident",
  },
  {
    verb: "help",
    aliases: [],
    syntax: "/help",
    summary: "Show this list.",
    example: "/help",
    scope: "anywhere",
  },
  {
    verb: "freeze",
    aliases: [],
    syntax: "/freeze <until> <reason> [branches: <list>]",
    summary: "Freeze merges until a time; `branches: main, release/*` limits it to those base branches.",
    example: "/freeze until monday 08:00 Office closed for the holidays branches: main",
    scope: "anywhere",
  },
  {
    verb: "unfreeze",
    aliases: [],
    syntax: "/unfreeze [reason]",
    summary: "End a manual code freeze early (or close its issue).",
    example: "/unfreeze Release shipped, merges are open again",
    scope: "anywhere",
  },
  {
    verb: "freeze-exception",
    aliases: ["exception"],
    syntax: "/freeze-exception <reason>",
    summary: "Let this pull request merge during a freeze; counts from the on-call engineer or an approver.",
    example: "/freeze-exception Hotfix for the checkout outage in #87",
    scope: "pull-request",
  },
];

const BY_VERB = new Map<Verb, CommandSpec>(COMMANDS.map((spec) => [spec.verb, spec]));

export function commandSpec(verb: Verb): CommandSpec {
  const spec = BY_VERB.get(verb);
  // The table is typed against Verb, so a miss means the table and the union drifted apart.
  if (spec === undefined) throw new Error(`no usage entry for /${verb}`);
  return spec;
}

/** "Type `/sev <1-4>`, for example `/sev 2`." — the "what to type instead" half of a refusal. */
export function usageFor(verb: Verb): string {
  const spec = commandSpec(verb);
  return `Type \`${spec.syntax}\`, for example \`${spec.example}\`.`;
}

/** The /help reply: a markdown table of the commands that apply where it was asked. */
export function helpText(scope?: "incident" | "pull-request", roles?: readonly string[]): string {
  const rows = COMMANDS.filter(
    (spec) => scope === undefined || spec.scope === scope || spec.scope === "anywhere",
  );
  const lines = [
    scope === undefined
      ? "| Command | What it does | Example | Where |"
      : "| Command | What it does | Example |",
    scope === undefined ? "|---|---|---|---|" : "|---|---|---|",
  ];
  for (const spec of rows) {
    const aliases =
      spec.aliases.length > 0 ? ` (also ${spec.aliases.map((alias) => code(`/${alias}`)).join(", ")})` : "";
    const cells = [code(spec.syntax), cell(spec.summary) + aliases, code(spec.example)];
    if (scope === undefined) cells.push(WHERE[spec.scope]);
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const notes = [
    "",
    "One command per line; a comment may carry several. Text after a command may continue on the lines " +
      "below it, up to a blank line. Quoted lines and code blocks are never run.",
  ];
  if (roles !== undefined && roles.length > 0 && rows.some((spec) => spec.verb === "role")) {
    notes.push(`Roles for \`/role\`: ${roles.map((role) => code(role)).join(", ")}.`);
  }
  if (rows.some((spec) => spec.verb === "started" || spec.verb === "freeze")) {
    notes.push(
      "Times: `14:30`, `yesterday 23:10`, `monday 08:00`, `45m ago`, `in 3h`, `2026-11-22 14:30`, or ISO with an offset.",
    );
  }
  return lines.join("\n") + "\n" + notes.join("\n");
}

const WHERE: Record<CommandScope, string> = {
  incident: "incident issue",
  "pull-request": "pull request",
  anywhere: "anywhere",
};

// A pipe inside a table cell ends the cell, even inside backticks, unless escaped.
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function code(text: string): string {
  return "`" + cell(text) + "`";
}
