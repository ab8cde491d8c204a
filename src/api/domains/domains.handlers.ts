import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import type { DomainRow } from "../../db/schema";
import * as autoConfig from "../../domains/auto-configure.service";
import { diagnoseDomain } from "../../domains/dns/diagnose";
import { expectedDnsRecords } from "../../domains/dns/mail-hosts";
import { toDomainDto } from "../../domains/domain.mapper";
import * as domains from "../../domains/domain.service";
import { toCursorList } from "../../http/pagination";
import type * as routes from "./domains.routes";

const withRecords = (env: Env, row: DomainRow) => toDomainDto(row, expectedDnsRecords(env, row.name));

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const page = await domains.listDomains(database(c.env), c.get("tenant"), c.req.valid("query"));
  return c.json(
    toCursorList(page, (row) => toDomainDto(row)),
    200,
  );
};

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const row = await domains.createDomain(c.env, database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json({ data: withRecords(c.env, row) }, 201);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const row = await domains.getDomain(database(c.env), c.get("tenant"), c.req.valid("param").domain);
  return c.json({ data: withRecords(c.env, row) }, 200);
};

export const update: RouteHandler<typeof routes.update, AppEnv> = async (c) => {
  const { domain } = c.req.valid("param");
  const row = await domains.updateDomain(database(c.env), c.get("tenant"), domain, c.req.valid("json"));
  return c.json({ data: withRecords(c.env, row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  await domains.deleteDomain(database(c.env), c.get("tenant"), c.req.valid("param").domain);
  return c.body(null, 204);
};

export const verify: RouteHandler<typeof routes.verify, AppEnv> = async (c) => {
  const { domain } = c.req.valid("param");
  const row = await domains.verifyDomain(c.env, database(c.env), c.get("tenant"), domain);
  return c.json({ data: withRecords(c.env, row) }, 200);
};

export const diagnose: RouteHandler<typeof routes.diagnose, AppEnv> = async (c) => {
  const row = await domains.getDomain(database(c.env), c.get("tenant"), c.req.valid("param").domain);
  return c.json({ data: await diagnoseDomain(c.env, row.name) }, 200);
};

export const autoConfigure: RouteHandler<typeof routes.autoConfigure, AppEnv> = async (c) => {
  const { domain } = c.req.valid("param");
  const status = await autoConfig.autoConfigureStatus(c.env, database(c.env), c.get("tenant"), domain);
  return c.json({ data: status }, 200);
};

export const startAutoConfigure: RouteHandler<typeof routes.startAutoConfigure, AppEnv> = async (c) => {
  const { domain } = c.req.valid("param");
  const { redirectUri } = c.req.valid("json") ?? {};
  const tenant = c.get("tenant");
  const result = await autoConfig.startAutoConfigure(c.env, database(c.env), tenant, domain, redirectUri);
  return c.json({ data: result }, 201);
};
