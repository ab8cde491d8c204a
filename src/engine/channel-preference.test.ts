import { describe, expect, it } from "vitest";
import { type ChannelPreferences, defaultChannelPreferences } from "../workflows/workflow.types";
import { preferenceReasonText, resolveChannelPreference } from "./channel-preference";

const prefs = (
  all: { enabled: boolean; readOnly?: boolean },
  channels: ChannelPreferences["channels"] = {},
): ChannelPreferences => ({ all: { readOnly: false, ...all }, channels });
const workflow = (
  overrides: { critical?: boolean; user?: ChannelPreferences | null; default?: ChannelPreferences } = {},
) => ({
  critical: overrides.critical ?? false,
  preferences: { user: overrides.user ?? null, default: overrides.default ?? defaultChannelPreferences },
});

describe("resolveChannelPreference", () => {
  it("delivers by default", () => {
    expect(resolveChannelPreference({ channel: "in_app", workflow: workflow() })).toEqual({
      enabled: true,
      reason: "enabled",
    });
  });

  it("never sends a channel the workflow disables, whatever the subscriber chose", () => {
    const disabled = workflow({ user: prefs({ enabled: true }, { email: { enabled: false } }) });
    expect(
      resolveChannelPreference({
        channel: "email",
        workflow: disabled,
        subscriberWorkflow: { enabled: true, channels: { email: true } },
      }),
    ).toEqual({ enabled: false, reason: "workflow-disabled" });
    expect(resolveChannelPreference({ channel: "in_app", workflow: disabled }).enabled).toBe(true);
  });

  it("applies a global opt-out across workflows, and it beats a per-workflow opt-in", () => {
    const subscriberGlobal = { channels: { email: false } };
    expect(resolveChannelPreference({ channel: "email", workflow: workflow(), subscriberGlobal })).toEqual({
      enabled: false,
      reason: "subscriber-global-disabled",
    });
    expect(
      resolveChannelPreference({
        channel: "email",
        workflow: workflow(),
        subscriberGlobal,
        subscriberWorkflow: { channels: { email: true } },
      }).reason,
    ).toBe("subscriber-global-disabled");
    // Only the chosen channel: chat still goes out (the docs' chat + email example).
    expect(
      resolveChannelPreference({ channel: "chat", workflow: workflow(), subscriberGlobal }).enabled,
    ).toBe(true);
    expect(
      resolveChannelPreference({
        channel: "chat",
        workflow: workflow(),
        subscriberGlobal: { enabled: false },
      }).enabled,
    ).toBe(false);
  });

  it("applies a per-workflow opt-out", () => {
    expect(
      resolveChannelPreference({
        channel: "sms",
        workflow: workflow(),
        subscriberWorkflow: { channels: { sms: false } },
      }),
    ).toEqual({ enabled: false, reason: "subscriber-workflow-disabled" });
    expect(
      resolveChannelPreference({
        channel: "push",
        workflow: workflow(),
        subscriberWorkflow: { enabled: false },
      }).enabled,
    ).toBe(false);
    expect(
      resolveChannelPreference({
        channel: "push",
        workflow: workflow(),
        subscriberWorkflow: { channels: { push: true } },
      }).enabled,
    ).toBe(true);
  });

  it("always delivers a critical workflow's enabled channels, ignoring subscriber opt-outs", () => {
    const input = {
      workflow: workflow({ critical: true }),
      subscriberGlobal: { enabled: false },
      subscriberWorkflow: { channels: { email: false } },
    };
    expect(resolveChannelPreference({ channel: "email", ...input })).toEqual({
      enabled: true,
      reason: "critical",
    });
    const criticalWithoutEmail = workflow({
      critical: true,
      user: prefs({ enabled: true }, { email: { enabled: false } }),
    });
    expect(resolveChannelPreference({ channel: "email", workflow: criticalWithoutEmail }).reason).toBe(
      "workflow-disabled",
    );
  });

  it("ignores subscriber choices when either preference level is readOnly", () => {
    const subscriberGlobal = { channels: { in_app: false } };
    const readOnlyUser = workflow({ user: prefs({ enabled: true, readOnly: true }) });
    expect(resolveChannelPreference({ channel: "in_app", workflow: readOnlyUser, subscriberGlobal })).toEqual(
      {
        enabled: true,
        reason: "read-only",
      },
    );
    const readOnlyDefault = workflow({ default: prefs({ enabled: true, readOnly: true }) });
    expect(
      resolveChannelPreference({ channel: "in_app", workflow: readOnlyDefault, subscriberGlobal }).enabled,
    ).toBe(true);
    const notReadOnly = workflow({ user: prefs({ enabled: true, readOnly: false }) });
    expect(
      resolveChannelPreference({ channel: "in_app", workflow: notReadOnly, subscriberGlobal }).enabled,
    ).toBe(false);
  });

  it("has a message for every reason", () => {
    for (const text of Object.values(preferenceReasonText)) expect(text.length).toBeGreaterThan(0);
  });
});
