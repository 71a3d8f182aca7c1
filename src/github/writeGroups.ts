import Bottleneck from "bottleneck";

/**
 * Bottleneck groups pacing content-creating requests. GitHub asks integrators for about a second between
 * writes and more between notifying ones (the throttling plugin's defaults, kept when spacing is
 * undefined); tests against the simulator use 0.
 */
export function writeGroups(spacingMs: number | undefined): {
  write?: Bottleneck.Group;
  notifications?: Bottleneck.Group;
} {
  if (spacingMs === undefined) return {};
  return {
    write: new Bottleneck.Group({ id: "expedite-write", maxConcurrent: 1, minTime: spacingMs }),
    notifications: new Bottleneck.Group({
      id: "expedite-notifications",
      maxConcurrent: 1,
      minTime: spacingMs,
    }),
  };
}
