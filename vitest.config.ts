import { defineConfig } from "vitest/config";

// Tests run the TypeScript sources of the workspace packages (their "source" export condition),
// never a stale dist/. The rest are Vite's default server conditions.
const conditions = ["source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["source"] } },
  test: {
    reporters: ["default", "./scripts/summary-reporter.ts"],
    globalSetup: ["./scripts/test-tmpdir.ts"],
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // The packed-CLI and process tests start real Node processes; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
