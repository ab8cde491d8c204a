// `npm run deploy` (scripts/deploy.mjs) without Cloudflare credentials: it must stop at once with the way to log in,
// before applying migrations or deploying anything.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

it("fails clearly, without prompting, when not logged in to Cloudflare", () => {
  // A fresh home: no wrangler login on disk, and no CLOUDFLARE_* token in the environment.
  const home = mkdtempSync(path.join(tmpdir(), "novu-edge-deploy-"));
  try {
    const result = spawnSync(process.execPath, [path.join(root, "scripts", "deploy.mjs")], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: home },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Not logged in to Cloudflare");
    expect(result.stderr).toContain("npx wrangler login");
    expect(result.stdout).not.toContain("Applying D1 migrations");
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
