import { actionRoutes } from "./actions.js";
import { activityRoutes } from "./activity.js";
import { appRoutes } from "./apps.js";
import { hookDeliveryRoutes } from "./hookDeliveries.js";
import { branchRoutes } from "./branches.js";
import { checkRoutes } from "./checks.js";
import { commentRoutes } from "./comments.js";
import { commitRoutes } from "./commits.js";
import { contentRoutes } from "./contents.js";
import { gitRoutes } from "./git.js";
import { issueRoutes } from "./issues.js";
import { labelRoutes } from "./labels.js";
import { permissionRoutes } from "./permissions.js";
import { pullRoutes } from "./pulls.js";
import { reactionRoutes } from "./reactions.js";
import { releaseRoutes } from "./releases.js";
import type { HandlerTable } from "./types.js";
import { userRoutes } from "./users.js";

/** Every handler, keyed "METHOD /openapi/template" exactly as SERVED_OPERATIONS lists them. */
export const handlers: HandlerTable = {
  ...appRoutes,
  ...hookDeliveryRoutes,
  ...userRoutes,
  ...labelRoutes,
  ...issueRoutes,
  ...commentRoutes,
  ...reactionRoutes,
  ...permissionRoutes,
  ...gitRoutes,
  ...branchRoutes,
  ...activityRoutes,
  ...contentRoutes,
  ...commitRoutes,
  ...pullRoutes,
  ...checkRoutes,
  ...actionRoutes,
  ...releaseRoutes,
};
