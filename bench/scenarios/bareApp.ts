// The baseline for webhook handling: a bare Probot app that verifies the signature (Probot does) and makes
// the requests a command needs at the least — read the issue and its timeline, react, edit the board — with
// the same Octokit (retry + throttling, same tuning) as Expedite, awaiting them in the handler as most
// Probot apps do.
import { Probot, Server } from "probot";
import { pino } from "pino";
import { expediteOctokit } from "../../src/app/expediteOctokit.js";
import { freePort } from "../../src/app/freePort.js";
import type { Harness } from "../lib/harness.js";
import { APP_ID, BOT, SECRET } from "../lib/harness.js";

export interface BareApp {
  webhookUrl: string;
  stop: () => Promise<void>;
}

interface TimelineItem {
  event?: string;
  id?: number;
  body?: string;
  user?: { login: string } | null;
}

export async function startBareApp(h: Harness): Promise<BareApp> {
  const log = pino({ level: "silent" });
  const BareProbot = Probot.defaults({
    appId: APP_ID,
    privateKey: h.privateKey,
    secret: SECRET,
    baseUrl: h.sim.url,
    Octokit: expediteOctokit({ fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 }),
    log,
  });
  const port = await freePort();
  const server = new Server({ Probot: BareProbot, port, host: "127.0.0.1", log });
  await server.load((app: Probot) => {
    app.on("issue_comment.created", async (context) => {
      const { issue, comment } = context.payload;
      const repo = context.repo();
      await context.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: issue.number,
      });
      const { data } = await context.octokit.request(
        "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline",
        {
          ...repo,
          issue_number: issue.number,
          per_page: 100,
        },
      );
      const board = (data as TimelineItem[]).find(
        (e) =>
          e.event === "commented" &&
          e.user?.login === BOT &&
          (e.body ?? "").startsWith("<!-- expedite:board"),
      );
      await context.octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
        ...repo,
        comment_id: comment.id,
        content: "+1",
      });
      if (board?.id !== undefined) {
        await context.octokit.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
          ...repo,
          comment_id: board.id,
          body: `${board.body ?? ""}\n<!-- bare: ${comment.id} -->`,
        });
      }
    });
  });
  await server.start();
  return { webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`, stop: () => server.stop() };
}
