import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dockerfile } from "./dockerfile.js";
import { APP_BUNDLE, ROOT } from "../e2e/support/productionApp.js";

// No Docker engine runs on these machines, so the Dockerfile is checked instruction by instruction; the
// production test (test/e2e/production.test.ts) runs the same bundle and this file's HEALTHCHECK command.
describe("Dockerfile", () => {
  const file = dockerfile();
  const all = (keyword: string) => file.instructions.filter((i) => i.keyword === keyword);

  it("builds on the official Node 24 LTS image", () => {
    const from = all("FROM");
    expect(from).toHaveLength(1);
    expect(from[0]!.args).toMatch(/^node:24(\.\d+)*(-[a-z0-9-]+)?$/);
  });

  it("installs production dependencies from the lockfile only", () => {
    const runs = all("RUN").map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs.join("\n")).not.toMatch(/npm (install|i)\b(?! --)/);
    const copied = all("COPY").map((i) => i.args);
    expect(copied[0]).toMatch(/package\.json package-lock\.json/);
  });

  it("installs and copies nothing of the workspace packages (the GitHub simulator is for tests only)", () => {
    const install = all("RUN").find((i) => /\bnpm ci\b/.test(i.args));
    expect(install?.args).toMatch(/--workspaces=false/);
    const sources = all("COPY").flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.filter((s) => /^(\.\/)?(packages|src|test)(\/|$)/.test(s))).toEqual([]);
  });

  it("copies only files that exist, including the bundle and the templates it reads", () => {
    const sources = all("COPY").flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
    expect(sources).toContain(APP_BUNDLE);
    expect(sources).toContain("templates");
    // A .dockerignore that kept a copied file out would break the build.
    const ignore = readFileSync(join(ROOT, ".dockerignore"), "utf8");
    for (const source of sources) expect(ignore).toContain(`!${source}`);
  });

  it("runs as the image's unprivileged user, before the command", () => {
    const users = all("USER");
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!;
    expect(user.args).not.toMatch(/^(root|0)(:|$)/);
    expect(user.line).toBeLessThan(all("CMD").at(-1)!.line);
  });

  it("runs the bundle `npm start` runs and the tests run", () => {
    expect(file.cmd[0]).toBe("node");
    expect(file.cmd.at(-1)).toBe(APP_BUNDLE);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(file.cmd.join(" "));
  });

  it("has a HEALTHCHECK that asks /healthz on the configured port", () => {
    expect(all("HEALTHCHECK")).toHaveLength(1);
    expect(file.healthcheck[0]).toBe("node");
    expect(file.healthcheck.join(" ")).toMatch(/\/healthz/);
    expect(file.healthcheck.join(" ")).toMatch(/process\.env\.PORT/);
    expect(all("EXPOSE")[0]?.args).toBe("3000");
  });

  it("logs JSON and sets no secret", () => {
    const env = all("ENV")
      .map((i) => i.args)
      .join(" ");
    expect(env).toMatch(/LOG_FORMAT=json/);
    expect(env).not.toMatch(/PRIVATE_KEY|WEBHOOK_SECRET|APP_ID/);
  });
});
