// The layer rules in eslint.config.js, each shown failing on a deliberate violation (and staying quiet on
// the allowed version of the same line), through ESLint's own Node API and the repository's config.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The layer rules read only syntax; type information would need the snippets to exist on disk.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [
    { files: ["**/*.ts"], ...tseslint.configs.disableTypeChecked },
    { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ],
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax")
    .map((m) => m.message);
}

describe("layer rules", () => {
  it("src/core may not import an outer layer, at any depth", async () => {
    const cases: Array<[string, string]> = [
      ["src/core/snapshotView.ts", 'import { runTarget } from "../reconcile/runTarget.js";'],
      ["src/core/plan/readBack.ts", 'import { readIssue } from "../../github/readIssue.js";'],
      ["src/core/plan/nested/deep.ts", 'import { runAction } from "../../../action/runAction.js";'],
      ["src/core/board/fromApp.ts", 'import { expediteApp } from "../../app/expediteApp.js";'],
    ];
    for (const [file, line] of cases) {
      const errors = await layerErrors(
        file,
        `${line}\nexport const used = [${line.match(/\{ (\w+) \}/)?.[1]}];\n`,
      );
      expect(errors, `${file}: ${line}`).toEqual([expect.stringContaining("src/core is pure")]);
    }
    // Inside the core, anything goes.
    expect(
      await layerErrors(
        "src/core/plan/fine.ts",
        'import { planNotices } from "../clocks/planNotices.js";\nimport { mention } from "../text/neutralize.js";\nexport const used = [planNotices, mention];\n',
      ),
    ).toEqual([]);
  });

  it("src/core may not do I/O or use API clients", async () => {
    for (const line of [
      'import { readFileSync } from "node:fs";',
      'import { request } from "node:https";',
      'import { Octokit } from "@octokit/core";',
      'import { Probot } from "probot";',
    ]) {
      const errors = await layerErrors(
        "src/core/clocks/leaky.ts",
        `${line}\nexport const used = [${line.match(/\{ (\w+) \}/)?.[1]}];\n`,
      );
      expect(errors, line).toEqual([expect.stringContaining("src/core is pure")]);
    }
    expect(
      await layerErrors(
        "src/core/clocks/hash.ts",
        'import { createHash } from "node:crypto";\nexport const used = createHash;\n',
      ),
    ).toEqual([]);
  });

  it("only src/github may use Octokit or call gh.octokit", async () => {
    const call = `import type { GitHubContext } from "../github/types.js";
export async function list(gh: GitHubContext) {
  return gh.octokit.paginate("GET /repos/{owner}/{repo}/pulls", { owner: gh.owner, repo: gh.repo });
}
`;
    expect(await layerErrors("src/reconcile/listPulls.ts", call)).toEqual([
      expect.stringContaining("Only src/github/"),
    ]);
    expect(await layerErrors("src/app/listPulls.ts", call)).toEqual([
      expect.stringContaining("Only src/github/"),
    ]);
    expect(
      await layerErrors("src/core/plan/listPulls.ts", call.replace("../github/", "../../github/")),
    ).toEqual([expect.stringContaining("src/core is pure"), expect.stringContaining("Only src/github/")]);
    expect(await layerErrors("src/github/listPulls.ts", call.replace("../github/", "./"))).toEqual([]);

    const plugin = 'import { retry } from "@octokit/plugin-retry";\nexport const used = retry;\n';
    expect(await layerErrors("src/action/client.ts", plugin)).toEqual([
      expect.stringContaining("Only src/github/"),
    ]);
    expect(await layerErrors("src/reconcile/client.ts", plugin)).toEqual([
      expect.stringContaining("Only src/github/"),
    ]);
    expect(await layerErrors("src/github/client.ts", plugin)).toEqual([]);
  });

  it("nothing in src/ imports the simulator; everything else imports it by name only", async () => {
    for (const [file, path] of [
      ["src/app/fake.ts", "@expedite/github-simulator"],
      ["src/github/fake.ts", "@expedite/github-simulator"],
      ["src/reconcile/freeze/fake.ts", "@expedite/github-simulator"],
      ["src/core/fake.ts", "@expedite/github-simulator"],
      ["src/action/fake.ts", "../../packages/simulator/src/index.js"],
      ["src/github/deep.ts", "../../packages/simulator/src/startSimulator.js"],
      ["src/core/plan/deep.ts", "../../../packages/simulator/src/index.js"],
    ] as const) {
      const errors = await layerErrors(
        file,
        `import { startSimulator } from "${path}";\nexport const used = startSimulator;\n`,
      );
      expect(errors, `${file}: ${path}`).toContainEqual(expect.stringContaining("GitHub simulator"));
    }
    // Tests, the demo and the bench use it by its name, never by a path into it.
    for (const [file, path] of [
      ["test/e2e/fake.test.ts", "../../packages/simulator/src/routes/index.js"],
      ["demo/fake.ts", "../packages/simulator/src/index.js"],
      ["bench/lib/fake.ts", "@expedite/github-simulator/src/inspect.js"],
    ] as const)
      expect(
        await layerErrors(file, `import { used } from "${path}";\nexport const again = used;\n`),
        `${file}: ${path}`,
      ).toEqual([expect.stringContaining("by its name")]);
    for (const file of ["test/e2e/fake.test.ts", "demo/fake.ts", "bench/lib/fake.ts"])
      expect(
        await layerErrors(
          file,
          'import { startSimulator } from "@expedite/github-simulator";\nexport const used = startSimulator;\n',
        ),
        file,
      ).toEqual([]);
  });

  it("the simulator package imports nothing of Expedite: not src/, not the tests", async () => {
    for (const [file, path] of [
      ["packages/simulator/src/routes/fake.ts", "../../../../src/core/time/clock.js"],
      ["packages/simulator/src/fake.ts", "../../../src/github/types.js"],
      ["packages/simulator/test/fake.test.ts", "../../../src/core/time/clock.js"],
      ["packages/simulator/test/fake.test.ts", "../../../test/harness/index.js"],
      ["packages/simulator/scripts/fake.ts", "../../../scripts/build-action.mjs"],
    ] as const) {
      const errors = await layerErrors(file, `import { used } from "${path}";\nexport const again = used;\n`);
      expect(errors, `${file}: ${path}`).toEqual([expect.stringContaining("a package of its own")]);
    }
    // Inside the package, anything goes.
    expect(
      await layerErrors(
        "packages/simulator/src/routes/fake.ts",
        'import { startSimulator } from "../startSimulator.js";\nexport const used = startSimulator;\n',
      ),
    ).toEqual([]);
    expect(
      await layerErrors(
        "packages/simulator/test/fake.test.ts",
        'import { handlers } from "../src/routes/index.js";\nexport const used = handlers;\n',
      ),
    ).toEqual([]);
  });
});
