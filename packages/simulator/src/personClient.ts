import { Octokit } from "@octokit/rest";
import type { Simulator } from "./types.js";

/** An Octokit acting as a person over real HTTP (no retries, no throttling: tests see every answer). */
export function personClient(sim: Simulator, login: string): Octokit {
  return new Octokit({
    auth: sim.tokenFor(login),
    baseUrl: sim.url,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
