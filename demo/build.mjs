// Bundles the demo page's script (demo/main.ts with @novu/js/ui) into demo/public, the Worker's static assets.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const here = import.meta.dirname;

export async function buildDemo() {
  await build({
    entryPoints: [path.join(here, "main.ts")],
    outfile: path.join(here, "public", "inbox.js"),
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    logLevel: "warning",
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildDemo();
