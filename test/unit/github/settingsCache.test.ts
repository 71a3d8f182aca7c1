import { describe, expect, it } from "vitest";
import { SettingsCache, SETTINGS_TTL_MS, memorySettings } from "../../../src/github/settingsCache.js";
import type { RepoSettings } from "../../../src/core/config/settings.js";
import { parseConfig } from "../../../src/core/config/parseConfig.js";
import { bundledTemplates } from "../../../src/github/loadTemplates.js";

const parsed = parseConfig({});
if (!parsed.ok) throw new Error("the defaults do not parse");
const usable = (absent = false): RepoSettings => ({
  ok: true,
  config: parsed.config,
  templates: bundledTemplates(),
  templateProblems: [],
  ...(absent ? { absent: true } : {}),
});

/** A reader that counts its reads. */
function reader(settings: RepoSettings = usable()) {
  const counted = { reads: 0, read: async () => (counted.reads++, settings) };
  return counted;
}

describe("SettingsCache", () => {
  it("expires by the `now` it is given, not by the wall clock", async () => {
    const cache = new SettingsCache(memorySettings());
    const r = reader();
    await cache.get("acme/shop", 0, r.read);
    await cache.get("acme/shop", SETTINGS_TTL_MS - 1, r.read);
    expect(r.reads).toBe(1);
    await cache.get("acme/shop", SETTINGS_TTL_MS, r.read);
    expect(r.reads).toBe(2);
  });

  it("keeps a repository without any configuration until it is forgotten", async () => {
    const cache = new SettingsCache(memorySettings());
    const r = reader(usable(true));
    await cache.get("acme/shop", 0, r.read);
    await cache.get("acme/shop", 10 * SETTINGS_TTL_MS, r.read);
    expect(r.reads).toBe(1);
    await cache.forget("ACME/shop");
    await cache.get("acme/shop", 10 * SETTINGS_TTL_MS, r.read);
    expect(r.reads).toBe(2);
  });

  it("shares one read between concurrent callers, and forgetting the owner's .github forgets its repositories", async () => {
    const cache = new SettingsCache(memorySettings());
    const r = reader();
    await Promise.all([cache.get("acme/shop", 0, r.read), cache.get("acme/shop", 0, r.read)]);
    await cache.get("acme/web", 0, r.read);
    await cache.get("other/shop", 0, r.read);
    expect(r.reads).toBe(3);
    await cache.forget("acme/.github");
    for (const repo of ["acme/shop", "acme/web", "other/shop"]) await cache.get(repo, 1, r.read);
    expect(r.reads).toBe(5);
  });

  it("does not keep what was read while a push made it stale", async () => {
    const cache = new SettingsCache(memorySettings());
    let release = () => {};
    let reading = () => {};
    const started = new Promise<void>((resolve) => (reading = resolve));
    const slow = cache.get("acme/shop", 0, () => {
      reading();
      return new Promise<RepoSettings>((resolve) => (release = () => resolve(usable())));
    });
    await started;
    await cache.forget("acme/shop");
    release();
    await slow;
    const r = reader();
    await cache.get("acme/shop", 1, r.read);
    expect(r.reads).toBe(1);
  });
});
