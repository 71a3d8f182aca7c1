import Bottleneck from "bottleneck";

/** GitHub's advice, the throttling plugin's defaults: about a second between writes, three between notifying ones. */
const ADVISED_WRITE_MS = 1_000;
const ADVISED_NOTIFICATION_MS = 3_000;

/**
 * Bottleneck groups pacing content-creating requests. GitHub asks integrators for about a second between
 * writes and more between notifying ones (the throttling plugin's defaults, kept when spacing is
 * undefined); tests against the simulator use 0. With a Redis `connection` (the App's Redis mode) the
 * groups are clustered: every replica's limiter for one installation is the same limiter, kept in Redis.
 */
export function writeGroups(
  spacingMs: number | undefined,
  connection?: Bottleneck.IORedisConnection,
): {
  write?: Bottleneck.Group;
  notifications?: Bottleneck.Group;
} {
  if (spacingMs === undefined && !connection) return {};
  const shared = connection ? { connection } : {};
  return {
    write: new Bottleneck.Group({
      id: "expedite-write",
      maxConcurrent: 1,
      minTime: spacingMs ?? ADVISED_WRITE_MS,
      ...shared,
    }),
    notifications: new Bottleneck.Group({
      id: "expedite-notifications",
      maxConcurrent: 1,
      minTime: spacingMs ?? ADVISED_NOTIFICATION_MS,
      ...shared,
    }),
  };
}
