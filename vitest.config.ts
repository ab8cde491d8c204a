import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: "./src/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  NOVU_SIGNING_SECRET: "test-signing-secret",
                  NOVU_ENCRYPTION_KEY: "test-encryption-key",
                  DELIVERY_BACKOFF_BASE_SECONDS: "0",
                },
              },
            }),
          ],
          test: {
            name: "workers",
            include: [
              "test/worker/**/*.test.ts",
              "src/**/*.test.ts",
              "durable-objects/**/*.test.ts",
              "providers/**/*.test.ts",
            ],
            setupFiles: ["./test/worker/apply-migrations.ts"],
            globalSetup: ["./test/worker/global-setup.ts"],
          },
        },
        {
          test: {
            name: "clients",
            environment: "node",
            include: ["test/clients/**/*.test.ts"],
            globalSetup: ["./test/clients/global-setup.ts"],
            testTimeout: 30_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
