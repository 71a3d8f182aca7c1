import { World } from "../../harness/index.js";
import type { WorldOptions } from "../../harness/index.js";
import { labelSpecs } from "../../../src/github/ensureRepoLabels.js";
import { parseConfig } from "../../../src/core/config/parseConfig.js";

/**
 * A World whose repository already has Expedite's labels, as any repository has after its first incident.
 * Creating them is the App's first reconcile's slowest part (one request per label), and none of the
 * tests that use this helper is about creating labels; the e2e suite covers that.
 */
export async function startWorld(options: WorldOptions): Promise<World> {
  const world = await World.start(options);
  const defaults = parseConfig({});
  if (!defaults.ok) throw new Error("the default configuration does not parse");
  const admin = world.as("dave");
  await Promise.all(
    labelSpecs(defaults.config).map((spec) =>
      admin.rest.issues.createLabel({ owner: "acme", repo: "shop", ...spec }),
    ),
  );
  await world.settle();
  world.sim.clearLog();
  return world;
}
