import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The root tests, and each workspace package's own tests (packages/*/test).
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two workers: each test file starts its own simulator and servers on loopback, so files run in parallel.
    maxWorkers: 2,
  },
});
