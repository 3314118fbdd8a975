// Bundles the package twice: an ES module for applications that bundle it themselves, and a
// single self-contained file for a page that loads it with one <script type="module">.
import { build } from "esbuild";

const shared = { entryPoints: ["src/index.ts"], bundle: true, target: "es2022", sourcemap: true, logLevel: "warning" };

await build({ ...shared, format: "esm", outfile: "dist/herald.js", external: ["@microsoft/signalr"] });
await build({ ...shared, format: "esm", outfile: "dist/herald.bundle.js", minify: true, sourcemap: false });
