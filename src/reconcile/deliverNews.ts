import type { Config } from "../core/config/schema.js";
import type { Occasion } from "../core/channels/occasions.js";
import { DELIVERY_KIND, deliveriesFrom } from "../core/channels/deliveryRecord.js";
import { planNews } from "../core/channels/planMessages.js";
import { botCommentsAmong, duplicateBotComments } from "../core/plan/botComments.js";
import type { Templates } from "../core/render/templates.js";
import type { IssueComment } from "../github/listComments.js";
import type { GitHubContext } from "../github/types.js";
import { deleteComment } from "../github/writeComments.js";
import { deliverMessages } from "./deliverMessages.js";

/**
 * Sends the messages about freezes, exceptions and releases whose record lives on an issue that is not an
 * incident (a freeze issue, the freeze calendar, a pull request, a hold issue, the release tracker), exactly
 * as an incident's are sent: planned from the records already there (`comments`, as the caller read them),
 * claimed, sent and recorded by deliverMessages. A claim a stopped loser left behind is withdrawn here, as
 * the incident's plan does for its own comments. Returns the writes made.
 */
export async function deliverNews(
  gh: GitHubContext,
  config: Config,
  templates: Templates,
  issue: { number: number; url: string },
  comments: readonly IssueComment[],
  occasions: readonly Occasion[],
  now: number,
): Promise<number> {
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
    deliveries: deliveriesFrom(records),
  });
  if (planned.length === 0) return writes;
  const sent = await deliverMessages(gh, config, issue.number, planned, now, gh.outbox);
  return writes + sent.writes;
}
