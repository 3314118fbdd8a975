// Runs around every browser test: a test during which the server logged an error (level Error
// or Critical) fails, as much as one whose assertion does.
import { readFile, stat } from "node:fs/promises";
import { afterEach, beforeEach, expect, inject } from "vitest";

let logStart = 0;

beforeEach(async () => {
  logStart = (await stat(inject("heraldLog"))).size;
});

afterEach(async () => {
  const log = (await readFile(inject("heraldLog"))).subarray(logStart).toString();
  expect(serverErrors(log)).toEqual([]);
});

/** The console logger writes "fail: Category[id]" and then the message, indented, below it. */
function serverErrors(log: string): string[] {
  const errors: string[] = [];
  let level = "";

  for (const line of log.split("\n")) {
    level = /^(trce|dbug|info|warn|fail|crit): /.exec(line)?.[1] ?? level;

    if ((level === "fail" || level === "crit") && line.trim().length > 0) {
      errors.push(line);
    }
  }

  return errors;
}
