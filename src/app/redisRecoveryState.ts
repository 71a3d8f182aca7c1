import type { Redis } from "ioredis";
import type { RecoveryState } from "./recoverDeliveries.js";

/**
 * The delivery recovery's checkpoint and the GUIDs it already asked GitHub for, in Redis: whichever
 * replica runs the next pass continues where the last one stopped and asks for each failed event once.
 */
export async function loadRecoveryState(
  client: Redis,
  prefix: string,
  firstCheckpoint: number,
): Promise<RecoveryState> {
  const text = await client.get(`${prefix}:recovery`);
  if (!text) return { checkpoint: firstCheckpoint, requested: new Map() };
  const saved = JSON.parse(text) as {
    checkpoint: number;
    requested: Array<[string, { at: number; times: number }]>;
  };
  return { checkpoint: saved.checkpoint, requested: new Map(saved.requested) };
}

export async function saveRecoveryState(client: Redis, prefix: string, state: RecoveryState): Promise<void> {
  await client.set(
    `${prefix}:recovery`,
    JSON.stringify({ checkpoint: state.checkpoint, requested: [...state.requested] }),
  );
}
