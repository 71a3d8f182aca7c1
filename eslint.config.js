import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The layer rules of ARCHITECTURE.md, enforced. test/lint/layers.test.ts proves each one fails on a
// deliberate violation, so a change here that weakens one shows up as a failing test.

/** Packages that do I/O or belong to an outer layer: never in the pure core. */
const OUTER_PACKAGES = [
  "@octokit/*",
  "probot",
  "@actions/*",
  "@slack/*",
  "nodemailer",
  "bullmq",
  "ioredis",
  "bottleneck",
  "pino",
  "undici",
];
const IO_MODULES = [
  "fs",
  "fs/promises",
  "http",
  "https",
  "http2",
  "net",
  "tls",
  "dgram",
  "dns",
  "child_process",
]
  .flatMap((m) => [m, `node:${m}`])
  .concat(["worker_threads", "node:worker_threads", "cluster", "node:cluster"]);

// The simulator is the workspace package @expedite/github-simulator (packages/simulator): reached by its
// name, or by any path into packages/ or into a folder named simulator.
const simulatorImport = {
  regex: "^@expedite/github-simulator(/|$)|(^|/)(packages|simulator)(/|$)",
  message:
    "Only tests, the demo and the benchmarks use the GitHub simulator; shipping code never imports it.",
};
const octokitImport = {
  group: ["@octokit/*"],
  message: "Only src/github/ talks to the GitHub API: add a function there and call it.",
};
const ghOctokit = {
  selector: "MemberExpression[property.name='octokit']",
  message:
    "Only src/github/ calls the API: add a function there (it reads or writes through gh.octokit) and call it.",
};

/** Imports that leave packages/simulator, for a file `depth` folders below it. */
function escapesSimulator(depth) {
  return {
    regex: `^${"\\.\\./".repeat(depth + 1)}`,
    message:
      "The simulator is a package of its own: it imports only its own files and npm packages, never Expedite's src/ or tests.",
  };
}

/** Imports that leave src/core, for a file `depth` folders below it. */
function escapesCore(depth) {
  return {
    regex: `^${"\\.\\./".repeat(depth + 1)}`,
    message: "src/core is pure: it imports only src/core and pure libraries. Pass what it needs in as data.",
  };
}
const corePackages = {
  group: [...OUTER_PACKAGES],
  message: "src/core is pure: no API clients, queues, loggers or channels.",
};
const coreModules = IO_MODULES.map((name) => ({
  name,
  message: "src/core is pure: no I/O. The caller reads and writes; the core takes data and returns plans.",
}));

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly" },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
      // An async function without await still promises its callers a promise (handlers, test steps).
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Plain JavaScript (this file, the build scripts) is not part of the TypeScript project.
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The simulator and the tests handle raw JSON payloads as GitHub sends them, on purpose untyped.
    files: ["packages/simulator/**", "test/**", "bench/**", "demo/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-base-to-string": "off",
    },
  },

  // Shipping code outside the gateway: no Octokit, no simulator.
  {
    files: ["src/**/*.ts"],
    ignores: ["src/github/**", "src/core/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [octokitImport, simulatorImport] }],
      "no-restricted-syntax": ["error", ghOctokit],
    },
  },
  {
    files: ["src/github/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [simulatorImport] }] },
  },
  // Everyone else uses the simulator through its public entry, by name.
  {
    files: ["test/**/*.ts", "demo/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@expedite/github-simulator/|(^|/)packages/",
              message:
                "Import the simulator by its name, @expedite/github-simulator: its public entry (src/index.ts) is all there is.",
            },
          ],
        },
      ],
    },
  },
  // The simulator package stands alone, one block per depth so that "leaves the package" is exact.
  ...[0, 1, 2, 3, 4].map((depth) => ({
    files: [`packages/simulator/${"*/".repeat(depth)}*.ts`],
    rules: { "no-restricted-imports": ["error", { patterns: [escapesSimulator(depth)] }] },
  })),
  // The pure core, one block per depth so that "leaves src/core" is exact.
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`src/core/${"*/".repeat(depth)}*.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: coreModules, patterns: [escapesCore(depth), corePackages, simulatorImport] },
      ],
      "no-restricted-syntax": ["error", ghOctokit],
    },
  })),
);
