// `npm start`: local D1 migrated, a Development and a Production environment ready, the API on 127.0.0.1.
import path from "node:path";
import { buildDemo } from "../demo/build.mjs";
import { prepareLocalState, startWorker } from "./dev-environment.mjs";

const port = Number(process.env.PORT ?? 8787);
const persistTo = path.resolve(import.meta.dirname, "..", ".wrangler", "state");

const keys = prepareLocalState({
  persistTo,
  secretKey: process.env.NOVU_SECRET_KEY,
  applicationIdentifier: process.env.NOVU_APPLICATION_IDENTIFIER,
});
await buildDemo();
const { child, url } = await startWorker({ port, persistTo });
const development = keys.environments.find((environment) => environment.type === "dev");

const lines = [
  "",
  `Novu-compatible API on ${url}  (websocket: ${url.replace("http", "ws")})`,
  "",
  ...keys.environments.flatMap((environment) => [
    `  ${environment.name}`,
    `    application identifier  ${environment.applicationIdentifier}`,
    `    secret key              ${environment.secretKey}`,
  ]),
  "",
  `  API reference  ${url}/docs`,
  `  Demo Inbox     ${url}/demo?applicationIdentifier=${development.applicationIdentifier}&subscriberId=demo-subscriber`,
  "",
  `State lives in ${path.relative(process.cwd(), persistTo)}; stop with Ctrl+C, wipe it with \`npm run reset\`.`,
  "",
];
console.log(lines.join("\n"));

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill("SIGINT"));
child.on("exit", (code) => process.exit(code ?? 0));
