import { defineConfig } from "vitest/config";
import browser from "./vitest.browser.config.js";

// `npm run screenshot`: the browser suite's set-up, running browser/screenshot.ts alone.
export default defineConfig({ test: { ...browser.test, include: ["browser/screenshot.ts"] } });
