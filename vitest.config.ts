import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["source"] },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // The packed-CLI and process tests start real Node processes; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
