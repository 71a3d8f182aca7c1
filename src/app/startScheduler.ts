import type { Logger } from "../github/types.js";

/**
 * Runs `sweep` every `intervalMs`, one at a time (a slow sweep skips ticks instead of piling up), with a
 * little jitter so several replicas do not hit GitHub in lockstep. GitHub never redelivers a failed
 * webhook, so this loop is what guarantees a lost event is eventually repaired.
 */
export function startScheduler(
  sweep: () => Promise<void>,
  intervalMs: number,
  log: () => Logger | undefined,
): { stop: () => void; lastTick: () => number | undefined } {
  let running = false;
  let lastTick: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    lastTick = Date.now();
    if (!running) {
      running = true;
      try {
        await sweep();
      } catch (error) {
        log()?.error({ err: error }, "scheduled reconcile failed; trying again next tick");
      } finally {
        running = false;
      }
    }
    if (!stopped)
      timer = setTimeout(() => void tick(), intervalMs + Math.floor(Math.random() * intervalMs * 0.1));
    timer?.unref();
  };
  timer = setTimeout(() => void tick(), Math.floor(Math.random() * Math.min(intervalMs, 10_000)));
  timer.unref();
  return {
    lastTick: () => lastTick,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
