// Builds a webhook payload the way GitHub frames every event (action first, then the subject, then
// repository, organization, sender, installation) and hands it to the delivery queue.
import { webhookOrganization, webhookUser } from "../render/user.js";
import { pushRepository, webhookRepository } from "../render/repository.js";
import { nodeId } from "../world/ids.js";
import type { RepoRecord } from "../world/records.js";
import type { World } from "../world/world.js";

export function emitEvent(
  world: World,
  repo: RepoRecord,
  event: string,
  action: string | undefined,
  sender: string,
  subject: Record<string, unknown>,
): void {
  const owner = world.requireUser(repo.owner);
  const installation = world.installationFor(repo);
  const payload: Record<string, unknown> = {
    ...(action === undefined ? {} : { action }),
    ...subject,
    repository: event === "push" ? pushRepository(world, repo) : webhookRepository(world, repo),
    ...(owner.type === "Organization" ? { organization: webhookOrganization(world, owner) } : {}),
    sender: webhookUser(world, world.requireUser(sender)),
    ...(installation
      ? { installation: { id: installation.id, node_id: nodeId("Installation", installation.id) } }
      : {}),
  };
  world.webhookSink(event, payload);
}
