import type { GitHubContext } from "../github/types.js";

/** The lane key of an issue or pull request (they share GitHub's numbering) or of a merge group. */
export function laneKey(gh: GitHubContext, object: number | string): string {
  const id = typeof object === "number" ? `#${object}` : `@${object}`;
  return `${gh.owner}/${gh.repo}${id}`.toLowerCase();
}

/**
 * Runs `job` in the object's lane when the runtime has lanes (the App), else at once. A job in a lane
 * never waits for another issue's lane; only pull requests' and merge groups' lanes are taken from
 * inside another (pull requests' are never held while waiting), so lanes cannot deadlock.
 */
export function inLane<T>(gh: GitHubContext, object: number | string, job: () => Promise<T>): Promise<T> {
  return gh.lanes ? gh.lanes.run(laneKey(gh, object), job) : job();
}
