import { statusOf } from "../../github/types.js";

/** What the board says when the post-mortem pull request could not be opened, and how to fix it. */
export function explainPostmortemFailure(error: unknown): string {
  const status = statusOf(error);
  const cause =
    status === 403
      ? 'GitHub refused (403): the token may not create branches or pull requests. In Action mode, allow "GitHub Actions to create and approve pull requests" in the repository settings, or use an App token.'
      : status === 404
        ? "GitHub answered 404: the token cannot see the default branch or the repository's contents."
        : `GitHub answered ${status ?? "with an error"}: ${(error as Error).message ?? String(error)}.`;
  return `The post-mortem pull request could not be opened yet. ${cause} Expedite tries again on every reconcile.`;
}
