import { createRoute } from "@hono/zod-openapi";
import { commonErrors, dataOf, json, jsonBody, notFound } from "../../http/responses";
import {
  createTranslationBody,
  importMasterJsonBody,
  importMasterJsonResponse,
  masterJsonQuery,
  masterJsonResponse,
  resourceParams,
  translationGroupResponse,
  translationParams,
  translationResponse,
  uploadMasterJsonForm,
  uploadTranslationsForm,
  uploadTranslationsResponse,
} from "../../translations/translation.schemas";

const tags = ["Translations"];
const multipart = <T extends object>(schema: T) => ({
  required: true,
  content: { "multipart/form-data": { schema } },
});

export const create = createRoute({
  method: "post",
  path: "/v2/translations",
  tags,
  summary: "Create a translation, or replace its content",
  description: "The workflow (by workflowId) or layout (by layoutId) must exist in this environment (404).",
  request: { body: jsonBody(createTranslationBody) },
  responses: { 200: json(dataOf(translationResponse), "The translation"), ...commonErrors, ...notFound },
});

export const retrieveGroup = createRoute({
  method: "get",
  path: "/v2/translations/group/{resourceType}/{resourceId}",
  tags,
  summary: "Retrieve a translation group",
  description: "A resource without any translation has no group (404).",
  request: { params: resourceParams },
  responses: {
    200: json(dataOf(translationGroupResponse), "The resource's locales"),
    ...commonErrors,
    ...notFound,
  },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v2/translations/{resourceType}/{resourceId}/{locale}",
  tags,
  summary: "Retrieve a translation",
  request: { params: translationParams },
  responses: { 200: json(dataOf(translationResponse), "The translation"), ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v2/translations/{resourceType}/{resourceId}/{locale}",
  tags,
  summary: "Delete a translation",
  request: { params: translationParams },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const removeGroup = createRoute({
  method: "delete",
  path: "/v2/translations/{resourceType}/{resourceId}",
  tags,
  summary: "Delete a translation group",
  description: "Deletes every locale of the resource; 404 when it has none.",
  request: { params: resourceParams },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const masterJson = createRoute({
  method: "get",
  path: "/v2/translations/master-json",
  tags,
  summary: "Retrieve master translations JSON",
  description: "Every translation of a locale (default en_US) keyed by workflowId and layoutId.",
  request: { query: masterJsonQuery },
  responses: { 200: json(dataOf(masterJsonResponse), "The master JSON"), ...commonErrors },
});

export const importMaster = createRoute({
  method: "post",
  path: "/v2/translations/master-json",
  tags,
  summary: "Import master translations JSON",
  description: "Unknown resources are skipped and listed in `failed`.",
  request: { body: jsonBody(importMasterJsonBody) },
  responses: { 200: json(dataOf(importMasterJsonResponse), "What was imported"), ...commonErrors },
});

export const uploadMaster = createRoute({
  method: "post",
  path: "/v2/translations/master-json/upload",
  tags,
  summary: "Upload a master translations JSON file",
  description:
    "One `file`, named after its locale (`en_US.json`); 400 when missing, doubled, misnamed or not JSON.",
  request: { body: multipart(uploadMasterJsonForm) },
  responses: { 200: json(dataOf(importMasterJsonResponse), "What was imported"), ...commonErrors },
});

export const upload = createRoute({
  method: "post",
  path: "/v2/translations/upload",
  tags,
  summary: "Upload translation files",
  description:
    "JSON files in `files` or `files[]`, each named after its locale (`en_US.json`). A misnamed file fails the " +
    "upload (400); files that are not JSON objects are reported in `errors` while the others are saved.",
  request: { body: multipart(uploadTranslationsForm) },
  responses: {
    200: json(dataOf(uploadTranslationsResponse), "The outcome per file"),
    ...commonErrors,
    ...notFound,
  },
});
