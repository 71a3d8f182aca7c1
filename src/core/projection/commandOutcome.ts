/** What the projection decided about one command line; the reconciler turns it into a 👍 or a reply. */
export interface CommandOutcome {
  commentId: number;
  line: number;
  actor: string;
  at: number;
  /** The line as typed (raw; neutralise before echoing). */
  source: string;
  verb: string;
  /**
   * applied: it changed (or confirmed) the incident → 👍.
   * refused: it did nothing → one reply saying why and what to type.
   * help: answered with the command list.
   * elsewhere: handled by another reconciler (freeze commands).
   */
  result: "applied" | "refused" | "help" | "elsewhere";
  reason?: string;
  usage?: string;
  /**
   * Applied, with a word about how to do it better next time (an update that does not say when the next one
   * comes): answered in the comment's one reply, beside its 👍.
   */
  nudge?: string;
  /** Refused because the author's role is too low (recorded in the reply, so the verdict sticks). */
  permission?: boolean;
}
