// What a sequential request costs on loopback through Expedite's Octokit (Probot's, with retry and
// throttling) next to a plain Octokit: explains the wall times of the sweeps, which are sequential.
import { Probot } from "probot";
import { pino } from "pino";
import { expediteOctokit } from "../../src/app/expediteOctokit.js";
import { APP_ID, OWNER, REPO, startHarness } from "../lib/harness.js";
import { median, round } from "../lib/format.js";

export interface ClientOverhead {
  requests: number;
  plainMs: number;
  expediteMs: number;
}

export async function clientOverhead(requests = 60): Promise<ClientOverhead> {
  const h = await startHarness({});
  try {
    const plain = (await h.fastContext()).octokit;
    const probot = new Probot({
      appId: APP_ID,
      privateKey: h.privateKey,
      baseUrl: h.sim.url,
      Octokit: expediteOctokit({ fallbackRetryAfterSeconds: 1, writeSpacingMs: 0 }),
      log: pino({ level: "silent" }),
    });
    const expedite = await probot.auth(h.installationId);
    const time = async (request: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < requests + 5; i++) {
        const t0 = performance.now();
        await request();
        if (i >= 5) samples.push(performance.now() - t0);
      }
      return round(median(samples), 1);
    };
    const route = "GET /repos/{owner}/{repo}/issues" as const;
    const params = { owner: OWNER, repo: REPO, per_page: 1 };
    return {
      requests,
      plainMs: await time(() => plain.request(route, params)),
      expediteMs: await time(() => expedite.request(route, params)),
    };
  } finally {
    await h.close();
  }
}
