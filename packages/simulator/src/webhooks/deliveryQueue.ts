// Sends webhook deliveries one at a time, in order, as GitHub does, and never retries a failed one.
// Faults: duplicates (same delivery id), reordering within a window, drops; all seeded.
import { randomUUID } from "node:crypto";
import type { Delivery, WebhookFaults, WebhookTarget } from "../types.js";
import { signPayload, signPayloadSha1 } from "./signPayload.js";

// GitHub gives up on a receiver after 10 seconds.
const DELIVERY_TIMEOUT_MS = 10_000;

interface Pending {
  id: string;
  event: string;
  payload: Record<string, unknown>;
  redelivery?: boolean;
}

export class DeliveryQueue {
  readonly deliveries: Delivery[] = [];
  target: WebhookTarget | undefined;
  faults: WebhookFaults = {};
  readonly #queue: Pending[] = [];
  readonly #waiters: Array<() => void> = [];
  readonly #controllers = new Set<AbortController>();
  #inFlight = 0;
  #hookIds = 0;
  #paused = false;
  #closed = false;

  constructor(
    private readonly clock: () => number,
    private readonly random: () => number,
    private readonly hookTarget: () => { id: string; type: string },
  ) {}

  enqueue(event: string, payload: Record<string, unknown>): void {
    this.#queue.push({ id: randomUUID(), event, payload });
    // Without a receiver there is nothing to send: record it at once, so code reading `deliveries`
    // (Action-mode tests) sees it without waiting. Otherwise deliver after the current request
    // finishes its synchronous work, like GitHub's asynchronous hooks.
    if (!this.target) this.#pump();
    else setImmediate(() => this.#pump());
  }

  /**
   * GitHub's "Redeliver": sends the delivery logged as `hookId` again, same GUID and payload, as a new
   * attempt marked as a redelivery. False when no such delivery was logged.
   */
  redeliver(hookId: number): boolean {
    const original = this.deliveries.find((d) => d.hookId === hookId);
    if (!original) return false;
    this.#queue.push({ id: original.id, event: original.event, payload: original.payload, redelivery: true });
    if (!this.target) this.#pump();
    else setImmediate(() => this.#pump());
    return true;
  }

  pause(): void {
    this.#paused = true;
    this.#settle();
  }

  resume(): void {
    this.#paused = false;
    this.#pump();
  }

  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#settle();
    });
  }

  close(): void {
    this.#closed = true;
    for (const controller of this.#controllers) controller.abort();
    this.#queue.length = 0;
    this.#settle();
  }

  #isIdle(): boolean {
    return this.#inFlight === 0 && (this.#paused || this.#closed || this.#queue.length === 0);
  }

  #settle(): void {
    if (!this.#isIdle()) return;
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  #take(): Pending | undefined {
    const window = Math.max(1, Math.min(this.faults.reorderWindow ?? 1, this.#queue.length));
    const index = window > 1 ? Math.floor(this.random() * window) : 0;
    return this.#queue.splice(index, 1)[0];
  }

  #pump(): void {
    while (!this.#paused && !this.#closed && this.#inFlight === 0 && this.#queue.length > 0) {
      const next = this.#take()!;
      const action = typeof next.payload.action === "string" ? next.payload.action : undefined;
      const base = {
        id: next.id,
        event: next.event,
        ...(action ? { action } : {}),
        payload: next.payload,
        ...(next.redelivery ? { redelivery: true } : {}),
      };
      if ((this.faults.dropRate ?? 0) > 0 && this.random() < this.faults.dropRate!) {
        this.deliveries.push({ ...base, error: "dropped (fault injection)", at: this.clock() });
        continue;
      }
      const target = this.target;
      if (!target) {
        this.deliveries.push({ ...base, error: "no webhook configured", at: this.clock() });
        continue;
      }
      this.#inFlight++;
      void this.#deliver(base, target).finally(() => {
        this.#inFlight--;
        this.#pump();
        this.#settle();
      });
    }
    this.#settle();
  }

  async #deliver(base: Omit<Delivery, "at">, target: WebhookTarget): Promise<void> {
    const body = JSON.stringify(base.payload);
    switch (this.faults.duplicate) {
      case "concurrent":
        await Promise.all([this.#send(base, target, body), this.#send(base, target, body)]);
        return;
      case "sequential":
        await this.#send(base, target, body);
        await this.#send(base, target, body);
        return;
      default:
        await this.#send(base, target, body);
    }
  }

  async #send(base: Omit<Delivery, "at">, target: WebhookTarget, body: string): Promise<void> {
    const delivery: Delivery = { ...base, hookId: ++this.#hookIds, at: this.clock() };
    this.deliveries.push(delivery);
    const started = performance.now();
    const hook = this.hookTarget();
    const controller = new AbortController();
    this.#controllers.add(controller);
    const timer = setTimeout(() => controller.abort(new Error("timed out")), DELIVERY_TIMEOUT_MS);
    try {
      const response = await fetch(target.url, {
        method: "POST",
        signal: controller.signal,
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/simulator",
          "x-github-event": base.event,
          "x-github-delivery": base.id,
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-id": hook.id,
          "x-github-hook-installation-target-type": hook.type,
          "x-hub-signature": signPayloadSha1(target.secret, body),
          "x-hub-signature-256": signPayload(target.secret, body),
        },
        body,
      });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      delivery.error =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
    } finally {
      delivery.durationMs = performance.now() - started;
      clearTimeout(timer);
      this.#controllers.delete(controller);
    }
  }
}
