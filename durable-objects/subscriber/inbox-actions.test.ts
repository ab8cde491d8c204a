import { describe, expect, it } from "vitest";
import type { NotificationRow } from "./inbox.schema";
import { patchFor } from "./inbox-actions";

const row: NotificationRow = {
  id: "n1",
  transactionId: "t",
  stepId: "s",
  workflow: { id: "w", identifier: "w", name: "W", critical: false, tags: [], severity: "none" },
  subject: null,
  body: "b",
  avatar: null,
  primaryAction: { label: "Go", isCompleted: false },
  secondaryAction: null,
  redirect: null,
  data: null,
  tags: [],
  severity: "none",
  createdAt: 1,
  updatedAt: 1,
  readAt: null,
  firstSeenAt: null,
  archivedAt: null,
  snoozedUntil: null,
  deliveredAt: [1],
  contextKeys: [],
};

describe("patchFor", () => {
  it("reading also marks seen, and keeps the first read time", () => {
    expect(patchFor({ kind: "read" }, row, 10)).toEqual({ readAt: 10, firstSeenAt: 10 });
    expect(patchFor({ kind: "read" }, { ...row, readAt: 5, firstSeenAt: 4 }, 10)).toEqual({
      readAt: 5,
      firstSeenAt: 4,
    });
  });

  it("archiving reads the notification", () => {
    expect(patchFor({ kind: "archive" }, row, 10)).toEqual({ archivedAt: 10, readAt: 10, firstSeenAt: 10 });
  });

  it("completing a button reads the notification; a missing button changes nothing", () => {
    expect(patchFor({ kind: "complete", actionType: "primary" }, row, 10)).toEqual({
      primaryAction: { label: "Go", isCompleted: true },
      readAt: 10,
    });
    expect(patchFor({ kind: "complete", actionType: "secondary" }, row, 10)).toEqual({});
  });

  it("unsnoozing clears the snooze", () => {
    expect(patchFor({ kind: "snooze", until: 99 }, row, 10)).toEqual({ snoozedUntil: 99 });
    expect(patchFor({ kind: "unsnooze" }, { ...row, snoozedUntil: 99 }, 10)).toEqual({ snoozedUntil: null });
  });
});
