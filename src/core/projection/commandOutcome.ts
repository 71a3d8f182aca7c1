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
  /** Refused because the author's role is too low (recorded in the reply, so the verdict sticks). */
  permission?: boolean;
}
