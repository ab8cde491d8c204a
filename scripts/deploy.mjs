// `npm run deploy`: checks that what the Worker needs exists on Cloudflare, prints the exact commands for whatever
// is missing, applies the D1 migrations, then runs `wrangler deploy` with the demo page off.
//   npm run deploy                  deploy (DEMO_PAGE off)
//   npm run deploy -- --with-demo   keep wrangler.toml's DEMO_PAGE ("on"): /demo served, trigger still dev-only
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildDemo } from "../demo/build.mjs";

const root = path.resolve(import.meta.dirname, "..");
const wranglerBin = path.join(root, "node_modules", ".bin", "wrangler");
const withDemo = process.argv.includes("--with-demo");
const queues = ["novu-deliveries", "novu-deliveries-dlq", "novu-fanout"];
const secrets = ["NOVU_SIGNING_SECRET", "NOVU_ENCRYPTION_KEY"];
// CI=true keeps wrangler from prompting or opening a browser; every call is bounded so nothing can hang.
const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
const timeout = 120_000;

function fail(lines) {
  console.error(["", ...lines, ""].join("\n"));
  process.exit(1);
}

/** Runs wrangler quietly; returns its exit status and output, or stops the deploy if it could not run at all. */
function wrangler(args) {
  const result = spawnSync(wranglerBin, args, { cwd: root, env, encoding: "utf8", timeout, stdio: "pipe" });
  if (result.error) fail([`wrangler ${args.join(" ")} did not finish: ${result.error.message}`]);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}

/** The last meaningful lines wrangler printed, to show why a check could not be made. */
const tail = (output) =>
  output
    .split("\n")
    .filter((line) => line.trim() && !line.includes("⛅️") && !/^─+$/.test(line.trim()))
    .slice(-6)
    .map((line) => `    ${line}`);

function checkLogin() {
  const whoami = wrangler(["whoami", "--json"]);
  const account = (() => {
    try {
      return JSON.parse(whoami.stdout);
    } catch {
      return undefined;
    }
  })();
  if (whoami.ok && account?.loggedIn !== false) return;
  if (account?.loggedIn === false) {
    fail([
      "Not logged in to Cloudflare. Either:",
      "  npx wrangler login",
      "or set CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID if the token sees several accounts), then run",
      "  npm run deploy",
    ]);
  }
  fail([
    "Could not reach Cloudflare to check the login (`wrangler whoami`):",
    ...tail(whoami.stdout + whoami.stderr),
  ]);
}

function databaseId() {
  const toml = readFileSync(path.join(root, "wrangler.toml"), "utf8");
  return toml.match(/^database_id\s*=\s*"([^"]*)"/m)?.[1] ?? "";
}

/** Each check answers the commands that would create what is missing (none when all is there). */
function missingDatabase() {
  const create = [
    "npx wrangler d1 create novu-edge",
    "# then put the printed database_id in wrangler.toml ([[d1_databases]] binding DB)",
  ];
  const id = databaseId();
  if (!id || /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id)) return create;
  const list = wrangler(["d1", "list", "--json"]);
  if (!list.ok)
    fail(["Could not list your D1 databases (`wrangler d1 list`):", ...tail(list.stdout + list.stderr)]);
  const databases = JSON.parse(list.stdout);
  return databases.some((database) => database.uuid === id)
    ? []
    : [`# database_id ${id} in wrangler.toml is not one of this account's D1 databases`, ...create];
}

function missingQueues() {
  const list = wrangler(["queues", "list"]);
  if (!list.ok)
    fail(["Could not list your queues (`wrangler queues list`):", ...tail(list.stdout + list.stderr)]);
  const names = new Set(list.stdout.match(/[\w-]+/g));
  return queues.filter((queue) => !names.has(queue)).map((queue) => `npx wrangler queues create ${queue}`);
}

function missingSecrets() {
  const list = wrangler(["secret", "list", "--format", "json"]);
  const output = list.stdout + list.stderr;
  // A Worker never deployed has no secrets yet; `wrangler secret put` offers to create it.
  const neverDeployed = /10007|does not exist|not found/i.test(output);
  if (!list.ok && !neverDeployed) fail(["Could not list the Worker's secrets:", ...tail(output)]);
  const present = new Set(list.ok ? JSON.parse(list.stdout).map((secret) => secret.name) : []);
  return secrets
    .filter((secret) => !present.has(secret))
    .map(
      (secret) =>
        `npx wrangler secret put ${secret}   # a long random value, e.g. from: openssl rand -hex 32`,
    );
}

checkLogin();
const missing = [...missingDatabase(), ...missingQueues(), ...missingSecrets()];
if (missing.length > 0) {
  fail([
    "Not deployed: create what is missing first (docs/deploy.md explains each), then run `npm run deploy` again:",
    "",
    ...missing.map((command) => `  ${command}`),
  ]);
}

console.log("D1, queues and secrets are in place. Applying D1 migrations to the remote database…");
const migrate = spawnSync(wranglerBin, ["d1", "migrations", "apply", "DB", "--remote"], {
  cwd: root,
  env,
  stdio: "inherit",
  timeout: 600_000,
});
if (migrate.status !== 0) fail(["`wrangler d1 migrations apply DB --remote` failed; nothing was deployed."]);

await buildDemo();
const deployArgs = ["deploy", ...(withDemo ? [] : ["--var", "DEMO_PAGE:off"])];
console.log(
  `Running wrangler ${deployArgs.join(" ")}${withDemo ? "" : "  (demo page off; --with-demo keeps it)"}`,
);
const deploy = spawnSync(wranglerBin, deployArgs, { cwd: root, env, stdio: "inherit", timeout: 600_000 });
process.exit(deploy.status ?? 1);
