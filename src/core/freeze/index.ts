// The freeze core: what holds merges back, when that changes, and what the check says about it.
export type {
  ActiveFreeze,
  ExceptionRecord,
  FreezeIssue,
  FreezeKind,
  FreezeVerdict,
  PullRequestFacts,
} from "./types.js";
export { activeFreezes } from "./activeFreezes.js";
export { freezeVerdict } from "./freezeVerdict.js";
export { freezeBoundaries } from "./freezeBoundaries.js";
export { upcomingFreezes, type UpcomingFreeze } from "./upcomingFreezes.js";
export { parseFreezeIssue, renderFreezeIssue } from "./freezeIssue.js";
export { branchName, freezeCoversBranch, matchesAny, onlyIgnoredPaths } from "./matches.js";
export { scheduledFreezes, type ScheduledFreeze } from "./scheduledFreezes.js";
export { parseLocalMoment } from "../calendar/parseLocalMoment.js";
export { weeklyOccurrences, parseWeeklyPoint } from "./weeklyOccurrences.js";
