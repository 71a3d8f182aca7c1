import { HttpError } from "../http/httpError.js";
import { restMilestone, restRelease, webhookMilestone, webhookRelease } from "../render/release.js";
import { emitEvent } from "../webhooks/emitEvent.js";
import type { MilestoneRecord, ReleaseRecord } from "../world/records.js";
import { actorOf, num, repoFor, str } from "./helpers.js";
import type { HandlerTable } from "./types.js";

// Releases and milestones, as far as announcing them needs: create, publish (a draft edited to
// draft: false), list. GitHub shows drafts only to people who can push.
export const releaseRoutes: HandlerTable = {
  "GET /repos/{owner}/{repo}/releases": (ctx) => {
    const { repo, access } = repoFor(ctx);
    const canPush = access === "write" || access === "maintain" || access === "admin";
    const list = [...ctx.world.releases.values()]
      .filter((r) => r.repoId === repo.id && (canPush || !r.draft))
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
      .map((r) => restRelease(ctx.world, repo, r));
    return { status: 200, list };
  },
  "POST /repos/{owner}/{repo}/releases": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const actor = actorOf(ctx.identity);
    const tagName = str(ctx.body.tag_name);
    if (
      [...ctx.world.releases.values()].some((r) => r.repoId === repo.id && r.tagName === tagName && !r.draft)
    )
      throw new HttpError(422, "Validation Failed: tag_name already_exists");
    const now = ctx.world.now();
    const draft = ctx.body.draft === true;
    const release: ReleaseRecord = {
      id: ctx.world.ids.next("release"),
      repoId: repo.id,
      tagName,
      targetCommitish:
        ctx.body.target_commitish === undefined ? repo.defaultBranch : str(ctx.body.target_commitish),
      name: ctx.body.name === undefined ? tagName : str(ctx.body.name),
      body: ctx.body.body === undefined ? "" : str(ctx.body.body),
      draft,
      prerelease: ctx.body.prerelease === true,
      author: actor.login,
      createdAt: now,
      updatedAt: now,
      ...(draft ? {} : { publishedAt: now }),
    };
    ctx.world.releases.set(release.id, release);
    emitEvent(ctx.world, repo, "release", "created", actor.login, {
      release: webhookRelease(ctx.world, repo, release),
    });
    if (!draft)
      emitEvent(ctx.world, repo, "release", "published", actor.login, {
        release: webhookRelease(ctx.world, repo, release),
      });
    return { status: 201, body: restRelease(ctx.world, repo, release) };
  },
  "PATCH /repos/{owner}/{repo}/releases/{release_id}": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const release = ctx.world.releases.get(num(ctx.params.release_id));
    if (!release || release.repoId !== repo.id) throw new HttpError(404, "Not Found");
    const actor = actorOf(ctx.identity);
    const publishing = release.draft && ctx.body.draft === false;
    if (ctx.body.name !== undefined) release.name = str(ctx.body.name);
    if (ctx.body.body !== undefined) release.body = str(ctx.body.body);
    if (ctx.body.tag_name !== undefined) release.tagName = str(ctx.body.tag_name);
    release.updatedAt = ctx.world.now();
    if (publishing) {
      release.draft = false;
      release.publishedAt = ctx.world.now();
      emitEvent(ctx.world, repo, "release", "published", actor.login, {
        release: webhookRelease(ctx.world, repo, release),
      });
    } else {
      emitEvent(ctx.world, repo, "release", "edited", actor.login, {
        release: webhookRelease(ctx.world, repo, release),
        changes: {},
      });
    }
    return { status: 200, body: restRelease(ctx.world, repo, release) };
  },
  "GET /repos/{owner}/{repo}/milestones": (ctx) => {
    const { repo } = repoFor(ctx);
    const state = ctx.query.state === undefined ? "open" : str(ctx.query.state);
    const list = [...ctx.world.milestones.values()]
      .filter((m) => m.repoId === repo.id && (state === "all" || m.state === state))
      .sort((a, b) => a.number - b.number)
      .map((m) => restMilestone(ctx.world, repo, m));
    return { status: 200, list };
  },
  "POST /repos/{owner}/{repo}/milestones": (ctx) => {
    const { repo } = repoFor(ctx, "write");
    const actor = actorOf(ctx.identity);
    const now = ctx.world.now();
    const number = [...ctx.world.milestones.values()].filter((m) => m.repoId === repo.id).length + 1;
    const dueOn = ctx.body.due_on === undefined ? undefined : Date.parse(str(ctx.body.due_on));
    const milestone: MilestoneRecord = {
      id: ctx.world.ids.next("milestone"),
      repoId: repo.id,
      number,
      title: str(ctx.body.title),
      description: ctx.body.description === undefined ? null : str(ctx.body.description),
      state: ctx.body.state === "closed" ? "closed" : "open",
      ...(dueOn !== undefined && !Number.isNaN(dueOn) ? { dueOn } : {}),
      creator: actor.login,
      createdAt: now,
      updatedAt: now,
    };
    ctx.world.milestones.set(milestone.id, milestone);
    emitEvent(ctx.world, repo, "milestone", "created", actor.login, {
      milestone: webhookMilestone(ctx.world, repo, milestone),
    });
    return { status: 201, body: restMilestone(ctx.world, repo, milestone) };
  },
};
