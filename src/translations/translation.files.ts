import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import { HttpError } from "../http/http-error";
import { importMasterJson } from "./translation.master";
import {
  type ImportResult,
  localePattern,
  maxContentBytes,
  type ResourceType,
  type UploadedFiles,
  type UploadResult,
} from "./translation.schemas";
import { requireResource, type TranslationValues, upsertMany } from "./translation.service";

function fileList(...values: Array<UploadedFiles | undefined>): File[] {
  return values.flatMap((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
}

/** `en_US.json` → `en_US`; anything else is not a translation file name. */
export function localeOfFilename(filename: string): string | undefined {
  const match = /^(.+)\.json$/.exec(filename);
  return match?.[1] && localePattern.test(match[1]) ? match[1] : undefined;
}

function badRequest(message: string, errors?: string[]): HttpError {
  return new HttpError(400, message, errors ? { extra: { errors } } : {});
}

/** A master file holds every resource of a locale, each of which must still fit its own row. */
const maxMasterFileBytes = 5_000_000;

async function readJsonObject(file: File, maxBytes = maxContentBytes): Promise<Record<string, unknown>> {
  if (file.size > maxBytes) throw new Error(`the file is larger than ${maxBytes} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    throw new Error("Invalid JSON");
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new Error("the file must hold a JSON object");
  return value as Record<string, unknown>;
}

/**
 * Per-resource translation files, one locale each (`en_US.json`). A file with a name that is not a locale fails the
 * whole upload (400, as Novu); a file that is not a JSON object is reported in `errors` while the others are saved;
 * when no file could be read the upload fails (400).
 */
export async function uploadTranslationFiles(
  db: Database,
  tenant: Tenant,
  form: { resourceType: ResourceType; resourceId: string; files?: UploadedFiles; "files[]"?: UploadedFiles },
): Promise<UploadResult> {
  const files = fileList(form.files, form["files[]"]);
  if (files.length === 0) throw badRequest('No files were uploaded: send them as "files" or "files[]"');
  const misnamed = files.filter((file) => !localeOfFilename(file.name));
  if (misnamed.length > 0) {
    throw badRequest(
      "One or more files have invalid names or formats",
      misnamed.map((file) => `File '${file.name}' must be named after its locale, e.g. en_US.json`),
    );
  }
  const resource = await requireResource(db, tenant, form.resourceType, form.resourceId);
  const rows: TranslationValues[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      rows.push({
        resourceType: resource.resourceType,
        resourceId: resource.resourceId,
        locale: localeOfFilename(file.name) as string,
        content: await readJsonObject(file),
      });
    } catch (error) {
      errors.push(`Failed to process file '${file.name}': ${(error as Error).message}`);
    }
  }
  if (rows.length === 0) throw badRequest("No valid translation files were found", errors);
  await upsertMany(db, tenant, rows);
  return { totalFiles: files.length, successfulUploads: rows.length, failedUploads: errors.length, errors };
}

/** A master JSON file whose name is its locale (`fr_FR.json`), imported as `POST /v2/translations/master-json`. */
export async function uploadMasterJsonFile(
  db: Database,
  tenant: Tenant,
  form: { file?: UploadedFiles },
): Promise<ImportResult> {
  const files = fileList(form.file);
  const [file] = files;
  if (!file || files.length > 1) throw badRequest('Upload exactly one master JSON file in the "file" field');
  const locale = localeOfFilename(file.name);
  if (!locale) throw badRequest(`File '${file.name}' must be named after its locale, e.g. en_US.json`);
  let master: Record<string, unknown>;
  try {
    master = await readJsonObject(file, maxMasterFileBytes);
  } catch (error) {
    throw badRequest(`Invalid master JSON file '${file.name}': ${(error as Error).message}`);
  }
  return importMasterJson(db, tenant, locale, master);
}
