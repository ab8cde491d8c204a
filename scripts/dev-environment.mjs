// Local development state for `npm start` and the real-client tests: migrates the local D1 database, makes sure
// an organization with a Development and a Production environment exists, and keeps their keys across restarts.
import { spawn, spawnSync } from "node:child_process";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const quietWrangler = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};
const root = path.resolve(import.meta.dirname, "..");
const wranglerBin = path.join(root, "node_modules", ".bin", "wrangler");

const hex = (bytes) => randomBytes(bytes).toString("hex");
const objectId = () =>
  Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, "0") + hex(8);
const sha256 = (value) => createHash("sha256").update(value).digest("hex");
/** The Worker's `seal()` (src/lib/secret-box.ts): AES-256-GCM under SHA-256(secret), `v1.<iv hex>.<base64>`. */
function seal(secret, value) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", createHash("sha256").update(secret).digest(), iv);
  const body = Buffer.concat([
    cipher.update(JSON.stringify(value), "utf8"),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return `v1.${iv.toString("hex")}.${body.toString("base64")}`;
}
const sqlString = (value) => `'${String(value).replaceAll("'", "''")}'`;

function wrangler(args, persistTo) {
  const result = spawnSync(wranglerBin, [...args, "--persist-to", persistTo], {
    cwd: root,
    env: quietWrangler,
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new Error(`wrangler ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Reads the keys kept under the state folder, creating them once; NOVU_* variables override Development's. */
const keysFile = (stateDir) => path.join(stateDir, "novu-dev-keys.json");

function loadKeys(stateDir, overrides) {
  const file = keysFile(stateDir);
  const keys = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : {
        organizationId: objectId(),
        signingSecret: hex(32),
        environments: ["Development", "Production"].map((name) => ({
          id: objectId(),
          name,
          type: name === "Development" ? "dev" : "prod",
          applicationIdentifier: hex(6),
          secretKey: hex(16),
        })),
      };
  keys.encryptionKey ??= hex(32);
  const development = keys.environments[0];
  if (overrides.secretKey) development.secretKey = overrides.secretKey;
  if (overrides.applicationIdentifier) development.applicationIdentifier = overrides.applicationIdentifier;
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}

function seedSql(keys) {
  const now = Date.now();
  const statements = [
    `INSERT INTO organizations (id, name, created_at, updated_at) VALUES (${sqlString(keys.organizationId)}, 'Local organization', ${now}, ${now}) ON CONFLICT(id) DO NOTHING;`,
  ];
  for (const environment of keys.environments) {
    statements.push(
      `INSERT INTO environments (id, organization_id, name, type, identifier, created_at, updated_at) VALUES (${sqlString(environment.id)}, ${sqlString(keys.organizationId)}, ${sqlString(environment.name)}, ${sqlString(environment.type)}, ${sqlString(environment.applicationIdentifier)}, ${now}, ${now}) ON CONFLICT(id) DO UPDATE SET identifier = excluded.identifier, updated_at = excluded.updated_at;`,
      `DELETE FROM api_keys WHERE environment_id = ${sqlString(environment.id)};`,
      `INSERT INTO api_keys (id, environment_id, key_hash, sealed_key, created_at) VALUES (${sqlString(objectId())}, ${sqlString(environment.id)}, ${sqlString(sha256(environment.secretKey))}, ${sqlString(seal(keys.encryptionKey, environment.secretKey))}, ${now});`,
    );
  }
  return statements.join("\n");
}

/**
 * Prepares local state under `persistTo` (wrangler's `.wrangler/state` by default): migrations applied, the
 * organization and its two environments present, and a `.dev.vars`-style signing secret returned for the Worker.
 */
export function prepareLocalState({ persistTo, secretKey, applicationIdentifier }) {
  wrangler(["d1", "migrations", "apply", "DB", "--local"], persistTo);
  const keys = loadKeys(persistTo, { secretKey, applicationIdentifier });
  const seedFile = path.join(persistTo, "seed.sql");
  writeFileSync(seedFile, seedSql(keys));
  wrangler(["d1", "execute", "DB", "--local", "--file", seedFile], persistTo);
  return keys;
}

/**
 * Starts `wrangler dev` on 127.0.0.1:port with the given state folder (prepared by `prepareLocalState`, whose
 * secrets it passes to the Worker); resolves once the API answers. `bundle`, a folder holding a built Worker
 * (`index.js` from `wrangler deploy --dry-run --outdir`) and its own `wrangler.toml`, is served as it is, so edits
 * to the tree (sources, config, demo assets) do not reload the Worker mid-run. `vars` override wrangler.toml's;
 * `inspectorPort` fixes the DevTools port (0: any), for a bench that reads the isolate's heap.
 */
export async function startWorker({
  port,
  persistTo,
  stdio = "inherit",
  bundle,
  vars = {},
  inspectorPort = 0,
}) {
  const { signingSecret, encryptionKey } = JSON.parse(readFileSync(keysFile(persistTo), "utf8"));
  const child = spawn(
    wranglerBin,
    [
      "dev",
      ...(bundle
        ? [path.join(bundle, "index.js"), "--no-bundle", "--config", path.join(bundle, "wrangler.toml")]
        : []),
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persistTo,
      "--inspector-port",
      String(inspectorPort),
      "--show-interactive-dev-session=false",
      "--var",
      `NOVU_SIGNING_SECRET:${signingSecret}`,
      "--var",
      `NOVU_ENCRYPTION_KEY:${encryptionKey}`,
      ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
    ],
    { cwd: root, env: quietWrangler, stdio },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/v1/health-check`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGINT");
  throw new Error(`wrangler dev did not answer on ${url} within 60 s`);
}

/** A port nothing listens on right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Stops a `wrangler dev` started by `startWorker` and waits for it (and its workerd) to exit. */
export async function stopWorker(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
