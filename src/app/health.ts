export interface HealthInputs {
  /** True once shutdown has begun: the load balancer must stop sending work. */
  stopping: () => boolean;
  /** Wall-clock time the scheduler's timer last fired; undefined when it is disabled. */
  schedulerLastTick: () => number | undefined;
  schedulerIntervalMs: number;
  /** How long the oldest job has been waiting to start, in ms (0 when none waits). */
  oldestWaitingMs: () => number | Promise<number>;
  /** Redis mode: resolves when Redis answers (the queue, schedules and locks live there). */
  checkRedis?: () => Promise<void>;
  /** Resolves when GitHub accepts the App's credentials (an App JWT request); rejects otherwise. */
  checkGitHub: () => Promise<void>;
  now?: () => number;
}

export interface HealthReport {
  ok: boolean;
  /** What is wrong, in words an operator can act on; empty when ok. */
  problems: string[];
}

/** A job waiting this long to start means the queue is wedged, not merely busy. */
const WEDGED_QUEUE_MS = 5 * 60_000;
/** How long one successful check of GitHub is trusted, so probes every few seconds cost no quota. */
const GITHUB_CHECK_TTL_MS = 30_000;

/**
 * Liveness and readiness. Live: the process answers and its scheduler's timer still fires (a restart
 * would fix it if not). Ready: not shutting down, GitHub accepts the App's credentials, the scheduler is
 * alive and the queue is moving.
 */
export class Health {
  readonly #inputs: HealthInputs;
  #github: { at: number; problem?: string } | undefined;
  #checking: Promise<void> | undefined;

  constructor(inputs: HealthInputs) {
    this.#inputs = inputs;
  }

  live(): HealthReport {
    const problems = this.#schedulerProblems();
    return { ok: problems.length === 0, problems };
  }

  async ready(): Promise<HealthReport> {
    const problems: string[] = [];
    if (this.#inputs.stopping()) problems.push("shutting down");
    problems.push(...this.#schedulerProblems());
    if (this.#inputs.checkRedis) {
      const redis = await this.#inputs.checkRedis().then(
        () => undefined,
        (error: unknown) => `Redis could not be reached (REDIS_URL): ${(error as Error).message}`,
      );
      if (redis) {
        problems.push(redis);
        return { ok: false, problems };
      }
    }
    const waiting = await this.#inputs.oldestWaitingMs();
    if (waiting > WEDGED_QUEUE_MS)
      problems.push(`the oldest job has waited ${Math.round(waiting / 1000)}s to start`);
    const github = await this.#githubProblem();
    if (github) problems.push(github);
    return { ok: problems.length === 0, problems };
  }

  #schedulerProblems(): string[] {
    const interval = this.#inputs.schedulerIntervalMs;
    const last = this.#inputs.schedulerLastTick();
    if (interval <= 0 || last === undefined) return [];
    const late = this.#now() - last;
    // The timer re-arms after every tick, with up to 10 % jitter; three missed intervals is not jitter.
    return late > 3 * interval + 60_000
      ? [`the scheduler has not ticked for ${Math.round(late / 1000)}s (interval ${interval / 1000}s)`]
      : [];
  }

  async #githubProblem(): Promise<string | undefined> {
    const cached = this.#github;
    if (cached && this.#now() - cached.at < GITHUB_CHECK_TTL_MS) return cached.problem;
    this.#checking ??= this.#inputs
      .checkGitHub()
      .then(
        () => {
          this.#github = { at: this.#now() };
        },
        (error: unknown) => {
          const status = (error as { status?: number }).status;
          this.#github = {
            at: this.#now(),
            problem:
              status === 401
                ? "GitHub refused the App's credentials (401): check APP_ID and the private key"
                : `GitHub could not be reached: ${(error as Error).message}`,
          };
        },
      )
      .finally(() => {
        this.#checking = undefined;
      });
    await this.#checking;
    return this.#github?.problem;
  }

  #now(): number {
    return (this.#inputs.now ?? Date.now)();
  }
}
