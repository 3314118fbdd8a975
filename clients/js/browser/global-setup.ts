// One Herald.Server for the whole browser suite, on a SQLite file in a folder of its own that
// goes when the suite ends. Each test signs in as users of its own, so tests share no data.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startServer } from "./server.js";

declare module "vitest" {
  export interface ProvidedContext {
    heraldUrl: string;
    /** The file the server logs to; browser/setup.ts fails a test that made it log an error. */
    heraldLog: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), "herald-browser-"));
  const log = join(folder, "server.log");
  const server = await startServer(join(folder, "herald.db"), log);
  project.provide("heraldUrl", server.url);
  project.provide("heraldLog", log);

  return async () => {
    await server.stop();
    await rm(folder, { recursive: true, force: true });
  };
}
