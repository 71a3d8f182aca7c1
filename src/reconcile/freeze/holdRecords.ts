import type { Config } from "../../core/config/schema.js";
import { toIssueSnapshot } from "../../github/readIssue.js";
import type { FreezeHold } from "../../core/freeze/freezeHold.js";
import { renderHoldRecord } from "../../core/freeze/holdRecord.js";
import { closeIssue, createIssueOnce, listIssues } from "../../github/issues.js";
import { ensureRepoLabels } from "../../github/ensureRepoLabels.js";
import type { GitHubContext } from "../../github/types.js";
import { toFreezeIssue, isFreezeIssue } from "./freezeInputs.js";

/** The open hold records that keep the freeze of `origin` in force. */
async function openRecords(gh: GitHubContext, config: Config, origin: number): Promise<number[]> {
  const open = await listIssues(gh, { labels: config.labels.freeze, state: "open" });
  return open
    .filter((issue) => isFreezeIssue(toIssueSnapshot(issue), gh.trustedBots))
    .filter((issue) => toFreezeIssue(issue, gh.trustedBots).heldFor === origin)
    .map((issue) => issue.number)
    .sort((a, b) => a - b);
}

/**
 * Opens the hold record of `origin` once (a retry or a racing reconcile finds the one that landed).
 * Called before the hold label goes on `origin`, so the label always means a record was opened.
 */
export async function ensureHoldRecord(
  gh: GitHubContext,
  config: Config,
  input: {
    origin: number;
    hold: FreezeHold;
    kind: "freeze" | "incident";
    branches: string[];
    until?: number;
  },
): Promise<number> {
  const find = async () => {
    const [first] = await openRecords(gh, config, input.origin);
    return first === undefined ? undefined : { number: first, url: "" };
  };
  const existing = await find();
  if (existing) return existing.number;
  const rendered = renderHoldRecord({ ...input, config });
  await ensureRepoLabels(gh, config, [config.labels.freeze, config.labels.freeze_held]);
  return (await createIssueOnce(gh, { ...rendered, labels: [config.labels.freeze], find })).number;
}

/** Closes the hold records of `origin` (its freeze was lifted by someone who may). Returns the writes. */
export async function closeHoldRecords(gh: GitHubContext, config: Config, origin: number): Promise<number> {
  const records = await openRecords(gh, config, origin);
  for (const record of records) await closeIssue(gh, record, "completed");
  return records.length;
}
