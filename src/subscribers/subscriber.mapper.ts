import type { SubscriberRow } from "../db/schema";
import { toIso } from "../lib/time";
import type { SubscriberDto } from "./subscriber.schemas";

export function toSubscriberDto(row: SubscriberRow): SubscriberDto {
  return {
    _id: row.id,
    subscriberId: row.subscriberId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    avatar: row.avatar,
    locale: row.locale,
    timezone: row.timezone,
    data: row.data,
    channels: row.channels.map((c) => ({ ...c, _integrationId: c._integrationId ?? "" })),
    isOnline: row.isOnline,
    lastOnlineAt: toIso(row.lastOnlineAt),
    _organizationId: row.organizationId,
    _environmentId: row.environmentId,
    deleted: false,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    __v: 0,
  };
}
