import type { World } from "../world/world.js";
import { nodeId } from "../world/ids.js";
import { webhookInstallation } from "../render/installation.js";
import { webhookUser } from "../render/user.js";

/**
 * Adds repositories to a selected-repositories installation, or removes them, as an organisation owner
 * does in the App's settings, and sends the `installation_repositories` webhook GitHub sends then.
 */
export function changeInstallationRepos(
  world: World,
  installationId: number,
  change: { add?: string[]; remove?: string[] },
  sender: string,
): void {
  const installation = world.installations.get(installationId);
  if (!installation) throw new Error(`simulator: unknown installation ${installationId}`);
  if (!installation.repoIds) throw new Error("simulator: this installation covers all repositories already");
  const added = (change.add ?? [])
    .map((name) => world.requireRepo(name))
    .filter((r) => !installation.repoIds!.has(r.id));
  const removed = (change.remove ?? [])
    .map((name) => world.requireRepo(name))
    .filter((r) => installation.repoIds!.has(r.id));
  for (const repo of added) installation.repoIds.add(repo.id);
  for (const repo of removed) installation.repoIds.delete(repo.id);
  const brief = (repo: (typeof added)[number]) => ({
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.private,
  });
  // GitHub sends one event for what was added and one for what was removed.
  const send = (action: "added" | "removed", repositories: typeof added) =>
    world.webhookSink("installation_repositories", {
      action,
      installation: webhookInstallation(world, installation),
      repository_selection: "selected",
      repositories_added: action === "added" ? repositories.map(brief) : [],
      repositories_removed: action === "removed" ? repositories.map(brief) : [],
      requester: null,
      sender: webhookUser(world, world.requireUser(sender)),
    });
  if (added.length > 0) send("added", added);
  if (removed.length > 0) send("removed", removed);
}
