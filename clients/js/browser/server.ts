// Herald.Server as a child process, the way `dotnet run` would serve the demo page: its own
// build output, the Development environment, a SQLite file of its own.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The server's build output; `dotnet test` (or `dotnet build src/Herald.Server`) makes it. */
const buildFolder = fileURLToPath(new URL("../../../src/Herald.Server/bin/Debug/net10.0/", import.meta.url));
const startTimeoutMs = 60_000;

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts Herald.Server on a free loopback port with `databasePath`, writing what it logs to
 * `logPath`; resolves once it listens.
 */
export async function startServer(databasePath: string, logPath: string): Promise<RunningServer> {
  const assembly = `${buildFolder}Herald.Server.dll`;

  if (!existsSync(assembly)) {
    throw new Error(`Herald.Server is not built (no ${assembly}): run dotnet build src/Herald.Server first.`);
  }

  const url = `http://127.0.0.1:${await freePort()}`;
  const child = spawn("dotnet", [assembly, "--urls", url], {
    cwd: buildFolder,
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Development",
      Herald__Storage__ConnectionString: `Data Source=${databasePath}`,
      Logging__LogLevel__Default: "Warning",
      "Logging__LogLevel__Microsoft.Hosting.Lifetime": "Information",
      "Logging__LogLevel__Herald.Realtime": "Warning",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });

  const output: string[] = [];

  await new Promise<void>((resolve, reject) => {
    let listening = false;
    const late = () => fail(new Error(`Herald.Server did not listen within ${startTimeoutMs} ms.`));
    const timer = setTimeout(late, startTimeoutMs);
    const fail = (error: Error) => {
      if (!listening) {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(new Error(`${error.message}\n${output.join("\n")}`));
      }
    };

    const read = (chunk: Buffer) => {
      appendFileSync(logPath, chunk);

      for (const line of chunk.toString().split("\n").filter((l) => l.length > 0)) {
        output.push(line);

        if (!listening && line.includes("Now listening on")) {
          listening = true;
          clearTimeout(timer);
          resolve();
        }
      }
    };

    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`Herald.Server exited with ${code} while starting.`)));
  });

  return { url, stop: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error("No free port."))));
    });
  });
}
