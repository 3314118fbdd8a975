import { defineConfig } from "vitest/config";

// The browser suite: the demo page in a real Chromium, driven by playwright-core, against
// Herald.Server started once for the suite (browser/global-setup.ts). The files run one after
// another, so that timings are not measured on a machine busy with another file.
export default defineConfig({
  test: {
    include: ["browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["browser/global-setup.ts"],
    setupFiles: ["browser/setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
