import { describe, expect, it } from "vitest";
import { defaultChannelPreferences, type WorkflowPreferences } from "../workflows/workflow.types";
import { resolveChannel } from "./preferences";

const open: WorkflowPreferences = { user: null, default: defaultChannelPreferences };
const onlyInApp: WorkflowPreferences = {
  user: null,
  default: { all: { enabled: false, readOnly: false }, channels: { in_app: { enabled: true } } },
};
const none = { global: {}, workflows: {} };

describe("resolveChannel", () => {
  it("follows the workflow's per-channel switch, falling back to all.enabled", () => {
    expect(
      resolveChannel({
        channel: "in_app",
        workflowId: "w",
        critical: false,
        preferences: onlyInApp,
        subscriber: none,
      }).enabled,
    ).toBe(true);
    expect(
      resolveChannel({
        channel: "email",
        workflowId: "w",
        critical: false,
        preferences: onlyInApp,
        subscriber: none,
      }).enabled,
    ).toBe(false);
  });

  it("applies a global opt-out before a per-workflow one, and a subscriber cannot widen the workflow", () => {
    const base = { workflowId: "w", critical: false, preferences: open };
    expect(
      resolveChannel({
        ...base,
        channel: "email",
        subscriber: { global: { email: false }, workflows: { w: { email: true } } },
      }).enabled,
    ).toBe(false);
    expect(
      resolveChannel({
        ...base,
        channel: "sms",
        subscriber: { global: {}, workflows: { w: { sms: false } } },
      }).enabled,
    ).toBe(false);
    expect(
      resolveChannel({
        ...base,
        channel: "sms",
        subscriber: { global: {}, workflows: { other: { sms: false } } },
      }).enabled,
    ).toBe(true);
    expect(
      resolveChannel({
        channel: "email",
        workflowId: "w",
        critical: false,
        preferences: onlyInApp,
        subscriber: { global: { email: true }, workflows: {} },
      }).enabled,
    ).toBe(false);
  });

  it("ignores opt-outs for critical and read-only workflows", () => {
    const optedOut = { global: { email: false }, workflows: { w: { email: false } } };
    expect(
      resolveChannel({
        channel: "email",
        workflowId: "w",
        critical: true,
        preferences: open,
        subscriber: optedOut,
      }).enabled,
    ).toBe(true);
    const readOnly: WorkflowPreferences = {
      user: null,
      default: { ...defaultChannelPreferences, all: { enabled: true, readOnly: true } },
    };
    expect(
      resolveChannel({
        channel: "email",
        workflowId: "w",
        critical: false,
        preferences: readOnly,
        subscriber: optedOut,
      }).enabled,
    ).toBe(true);
  });

  it("uses the workflow's user-level preferences over its defaults", () => {
    const tuned: WorkflowPreferences = { user: onlyInApp.default, default: defaultChannelPreferences };
    expect(
      resolveChannel({
        channel: "email",
        workflowId: "w",
        critical: false,
        preferences: tuned,
        subscriber: none,
      }).enabled,
    ).toBe(false);
  });
});
