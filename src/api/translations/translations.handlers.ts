import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env";
import { database } from "../../db/client";
import { uploadMasterJsonFile, uploadTranslationFiles } from "../../translations/translation.files";
import { toTranslationDto, toTranslationGroupDto } from "../../translations/translation.mapper";
import { defaultLocale, getMasterJson, importMasterJson } from "../../translations/translation.master";
import * as translations from "../../translations/translation.service";
import type * as routes from "./translations.routes";

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const row = await translations.upsertTranslation(database(c.env), c.get("tenant"), c.req.valid("json"));
  return c.json({ data: toTranslationDto(row) }, 200);
};

export const retrieveGroup: RouteHandler<typeof routes.retrieveGroup, AppEnv> = async (c) => {
  const { resourceType, resourceId } = c.req.valid("param");
  const group = await translations.getTranslationGroup(
    database(c.env),
    c.get("tenant"),
    resourceType,
    resourceId,
  );
  return c.json({ data: toTranslationGroupDto(group) }, 200);
};

export const retrieve: RouteHandler<typeof routes.retrieve, AppEnv> = async (c) => {
  const { resourceType, resourceId, locale } = c.req.valid("param");
  const db = database(c.env);
  const row = await translations.getTranslation(db, c.get("tenant"), resourceType, resourceId, locale);
  return c.json({ data: toTranslationDto(row) }, 200);
};

export const remove: RouteHandler<typeof routes.remove, AppEnv> = async (c) => {
  const { resourceType, resourceId, locale } = c.req.valid("param");
  await translations.deleteTranslation(database(c.env), c.get("tenant"), resourceType, resourceId, locale);
  return c.body(null, 204);
};

export const removeGroup: RouteHandler<typeof routes.removeGroup, AppEnv> = async (c) => {
  const { resourceType, resourceId } = c.req.valid("param");
  await translations.deleteTranslationGroup(database(c.env), c.get("tenant"), resourceType, resourceId);
  return c.body(null, 204);
};

export const masterJson: RouteHandler<typeof routes.masterJson, AppEnv> = async (c) => {
  const locale = c.req.valid("query").locale ?? defaultLocale;
  return c.json({ data: await getMasterJson(database(c.env), c.get("tenant"), locale) }, 200);
};

export const importMaster: RouteHandler<typeof routes.importMaster, AppEnv> = async (c) => {
  const { locale, masterJson } = c.req.valid("json");
  return c.json({ data: await importMasterJson(database(c.env), c.get("tenant"), locale, masterJson) }, 200);
};

export const uploadMaster: RouteHandler<typeof routes.uploadMaster, AppEnv> = async (c) => {
  return c.json(
    { data: await uploadMasterJsonFile(database(c.env), c.get("tenant"), c.req.valid("form")) },
    200,
  );
};

export const upload: RouteHandler<typeof routes.upload, AppEnv> = async (c) => {
  return c.json(
    { data: await uploadTranslationFiles(database(c.env), c.get("tenant"), c.req.valid("form")) },
    200,
  );
};
