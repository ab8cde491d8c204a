import type { TranslationRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { TranslationDto } from "./translation.schemas";
import type { getTranslationGroup } from "./translation.service";

export function toTranslationDto(row: TranslationRow): TranslationDto {
  return {
    resourceId: row.resourceId,
    resourceType: row.resourceType,
    locale: row.locale,
    content: row.content,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}

/** `outdatedLocales` needs the organization's target locales, which are not stored: it is left out, as Novu does. */
export function toTranslationGroupDto(group: Awaited<ReturnType<typeof getTranslationGroup>>) {
  return {
    resourceId: group.resource.resourceId,
    resourceType: group.resource.resourceType,
    resourceName: group.resource.name,
    locales: group.locales,
    createdAt: toIso(group.createdAt),
    updatedAt: toIso(group.updatedAt),
  };
}
