import type { Config } from "../config/schema.js";
import type { Command } from "../commands/types.js";
import type { Permission } from "../snapshot.js";
import { permits } from "../snapshot.js";
import type { Draft } from "./draft.js";
import type { CommandOutcome } from "./commandOutcome.js";
import { enterState } from "./enterState.js";
import { formatTime } from "../time/formatTime.js";
import { codeSpan, ECHO_LENGTH } from "../text/codeSpan.js";
import { handLead, leaderAt } from "./leadership.js";
import { severityName } from "../render/severityName.js";

type Base = Pick<CommandOutcome, "commentId" | "line" | "actor" | "at" | "source">;

const CLOSED_STATES = new Set(["resolved", "postmortem", "cancelled"]);

/**
 * Applies one parsed command to the incident being folded, or says why it cannot. The author's role was
 * checked by the caller (judgeLine); `roleOf` answers for the people a command names.
 */
export function applyCommand(
  draft: Draft,
  command: Command,
  base: Base,
  config: Config,
  roleOf: (login: string) => Permission | undefined,
): CommandOutcome {
  const applied = (): CommandOutcome => ({ ...base, verb: command.verb, result: "applied" });
  const refused = (reason: string, usage: string): CommandOutcome => ({
    ...base,
    verb: command.verb,
    result: "refused",
    reason,
    usage,
  });

  if (command.verb === "freeze" || command.verb === "unfreeze" || command.verb === "freeze-exception") {
    return { ...base, verb: command.verb, result: "elsewhere" };
  }
  if (command.verb === "help") return { ...base, verb: "help", result: "help" };

  const who = (user: string) => (user.toLowerCase() === "me" ? base.actor : user);
  // A role can only go to someone who can see the repository: a typo or a stranger is refused, not
  // accepted with a 👍 and then silently left unassigned.
  if (command.verb === "lead" || command.verb === "comms" || command.verb === "role") {
    const user = who(command.user);
    if (!permits(roleOf(user), "read")) {
      return refused(
        `${codeSpan("@" + user, ECHO_LENGTH)} cannot see this repository: GitHub knows no such user, or they have no access to it.`,
        "Check the spelling of the username, or ask an admin to give them access first; then type the command again.",
      );
    }
  }
  const { at, actor } = base;
  const log = (kind: Draft["timeline"][number]["kind"], text: string) =>
    draft.timeline.push({ at, kind, actor, text });
  const inactive = CLOSED_STATES.has(draft.state);

  switch (command.verb) {
    case "ack": {
      if (inactive)
        return refused(
          `This incident is already ${draft.state}.`,
          "Nothing to acknowledge. Use `/note <text>` to add to the record.",
        );
      // What the person typed is the acknowledgement ("On it" when they typed nothing else).
      if (draft.state === "declared") {
        enterState(draft, "acknowledged", at);
        draft.acknowledgedBy = actor;
        log("state", `acknowledged: ${command.text ?? "on it"}`);
      } else if (command.text !== undefined) {
        log("note", `on it: ${command.text}`);
      }
      // The sender leads only when nobody does, the on-call engineer included (see leadership.ts).
      if (leaderAt(draft, config, at) === undefined) {
        draft.lead = actor;
        log("role", `${actor} leads`);
      }
      return applied();
    }
    case "lead": {
      const user = who(command.user);
      if (draft.lead !== user) {
        const before = handLead(draft, config, user, at);
        log("role", before !== undefined ? `${user} leads, taking over from ${before}` : `${user} leads`);
      }
      return applied();
    }
    case "comms": {
      const user = who(command.user);
      if (
        !config.roles.allow_lead_as_comms &&
        user.toLowerCase() === leaderAt(draft, config, at)?.toLowerCase()
      ) {
        return refused(
          `${user} leads this incident; the communicator should be someone else, so updates keep flowing while the lead works the problem.`,
          "Pick another person: `/comms @someone`. (A repository can allow this with `roles.allow_lead_as_comms: true`.)",
        );
      }
      if (draft.comms !== user) {
        draft.comms = user;
        log("role", `${user} communicates`);
      }
      return applied();
    }
    case "role": {
      const user = who(command.user);
      const people = (draft.roles[command.role] ??= []);
      if (!people.some((p) => p.toLowerCase() === user.toLowerCase())) {
        people.push(user);
        log("role", `${user} is ${command.role}`);
      }
      return applied();
    }
    case "sev":
      if (draft.severity !== command.severity || !draft.severitySet) {
        draft.severity = command.severity;
        draft.severitySet = true;
        log("severity", `set the severity to ${severityName(command.severity)}`);
      }
      return applied();
    case "impact":
      // Someone said it: no longer an assumption from an "unknown" report.
      delete draft.revenueAssumed;
      if (draft.revenue !== command.revenue) {
        draft.revenue = command.revenue;
        log("impact", command.revenue ? "marked revenue as affected" : "marked revenue as not affected");
      }
      return applied();
    case "update": {
      if (draft.state === "cancelled")
        return refused("This incident was cancelled.", "Use `/note <text>` to add to the record.");
      const nextDueAt = command.nextMs !== undefined ? at + command.nextMs : undefined;
      draft.updates.push({
        at,
        by: actor,
        text: command.text,
        commentId: base.commentId,
        ...(nextDueAt !== undefined ? { nextDueAt } : {}),
      });
      log(
        "update",
        `status update: ${command.text}${nextDueAt !== undefined ? ` (next by ${formatTime(nextDueAt, config.business_hours.timezone)})` : ""}`,
      );
      // Playbook 000: every update says when the next one comes. Accepted without it, with one word why.
      if (nextDueAt === undefined && !inactive)
        return {
          ...applied(),
          nudge:
            "Noted. Next time, end the update with when the next one comes, so stakeholders know when to look again: `next 30m` or `next at 15:00`. Until an update promises a time, the board counts the severity's usual cadence.",
        };
      return applied();
    }
    case "mitigate": {
      if (inactive)
        return refused(
          `This incident is already ${draft.state}.`,
          "Use `/note <text>` to add to the record.",
        );
      draft.workaround = { at, by: actor, text: command.text, commentId: base.commentId };
      if (draft.state !== "mitigated") enterState(draft, "mitigated", at);
      log("workaround", `workaround in place: ${command.text}`);
      return applied();
    }
    case "resolve": {
      if (draft.state === "cancelled") {
        return refused(
          "This incident was cancelled as a false alarm.",
          "If it was real after all, set the `incident:acknowledged` label first, then `/resolve`.",
        );
      }
      draft.resolution = { at, by: actor, text: command.text, commentId: base.commentId };
      if (draft.state !== "resolved" && draft.state !== "postmortem") enterState(draft, "resolved", at);
      log("resolution", `resolved: ${command.text}`);
      return applied();
    }
    case "announce": {
      const known = Object.keys(config.channels);
      if (known.length === 0)
        return refused(
          "There is no channel to send the stakeholder notice to.",
          "Define one under `channels:` in `.github/expedite.yml` (see docs/channels.md).",
        );
      const pagers = command.channels.filter((c) => config.channels[c]?.type === "pagerduty");
      if (pagers.length > 0)
        return refused(
          `${pagers.map((c) => `\`${c}\``).join(", ")} is a pager: it takes alerts, not the stakeholder notice.`,
          "Name a chat, e-mail or webhook channel, or type `/announce` alone.",
        );
      const unknown = command.channels.filter((c) => !known.includes(c));
      if (unknown.length > 0)
        return refused(
          `No channel named ${unknown.map((c) => `\`${c}\``).join(", ")}.`,
          `Channels here: ${known.map((c) => `\`${c}\``).join(", ")}. Or type \`/announce\` alone for the usual ones.`,
        );
      (draft.announcements ??= []).push({
        at,
        by: actor,
        commentId: base.commentId,
        channels: command.channels,
      });
      log(
        "note",
        `asked for the stakeholder notice to be sent${command.channels.length > 0 ? ` to ${command.channels.join(", ")}` : ""}`,
      );
      return applied();
    }
    case "note":
      draft.notes.push({ at, by: actor, text: command.text, commentId: base.commentId });
      log("note", command.text);
      return applied();
    case "deviation":
      draft.deviations.push({ at, by: actor, text: command.text, commentId: base.commentId });
      log("deviation", `process deviation: ${command.text}`);
      return applied();
    case "started":
      if (command.at > draft.declaredAt) {
        return refused(
          "The start you gave is after the incident was declared.",
          "Give the moment the problem began, e.g. `/started 14:05` or `/started 2h ago`.",
        );
      }
      draft.startedAt = command.at;
      delete draft.unreadStart;
      log("started", `backdated the start to ${formatTime(command.at, config.business_hours.timezone)}`);
      return applied();
    case "cancel":
      if (draft.state === "resolved" || draft.state === "postmortem") {
        return refused(
          "This incident is already resolved; there is nothing to cancel.",
          "Use `/note <text>` to add to the record.",
        );
      }
      draft.cancelReason = { at, by: actor, text: command.text, commentId: base.commentId };
      if (draft.state !== "cancelled") enterState(draft, "cancelled", at);
      log("cancel", `cancelled: ${command.text}`);
      return applied();
  }
}
