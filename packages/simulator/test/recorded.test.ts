import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../src/index.js";

// Replays GitHub exchanges (written down from GitHub's documented behaviour, see recorded/exchanges.json)
// against the simulator: same request, and the response must agree on what was recorded.

interface Exchange {
  name: string;
  request: { method: string; path: string; headers?: Record<string, string>; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown; text?: string };
}

const { exchanges } = JSON.parse(
  readFileSync(new URL("recorded/exchanges.json", import.meta.url), "utf8"),
) as { exchanges: Exchange[] };

let sim: Simulator;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => Date.parse("2026-11-17T15:00:00Z") });
  sim.addUser("dave", { orgs: ["acme"] });
  sim.createRepo({
    owner: "acme",
    name: "shop",
    defaultBranch: "main",
    files: { "README.md": "# shop\n", "src/app.ts": "export const a = 1;\n" },
    ownerType: "Organization",
  });
  sim.setPermission("acme/shop", "dave", "admin");
  token = sim.tokenFor("dave");
});

afterAll(async () => {
  expect(sim.validationErrors).toEqual([]);
  await sim.close();
});

describe("recorded GitHub exchanges replayed against the simulator", () => {
  // In order: later exchanges may read what earlier ones wrote.
  it.each(exchanges.map((e) => [e.name, e] as const))("%s", async (_name, exchange) => {
    const { request, response } = exchange;
    const answer = await fetch(`${sim.url}${request.path}`, {
      method: request.method,
      headers: {
        authorization: `token ${token}`,
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
        ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
        ...request.headers,
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });
    expect(answer.status).toBe(response.status);
    for (const [name, value] of Object.entries(response.headers ?? {}))
      expect(answer.headers.get(name)).toBe(value);
    if (response.text !== undefined) expect(await answer.text()).toBe(response.text);
    if (response.body !== undefined) {
      const body = await answer.json();
      if (Array.isArray(response.body)) {
        expect(body).toHaveLength(response.body.length);
        response.body.forEach((item, i) => expect((body as unknown[])[i]).toMatchObject(item as object));
      } else expect(body).toMatchObject(response.body as object);
    }
  });
});
