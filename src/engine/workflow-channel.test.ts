import { describe, expect, it } from "vitest";
import { type ChannelPreferences, defaultChannelPreferences } from "../workflows/workflow.types";
import { workflowChannelEnabled } from "./channel-preference";

const prefs = (enabled: boolean, channels: ChannelPreferences["channels"] = {}): ChannelPreferences => ({
  all: { enabled, readOnly: false },
  channels,
});
const on = { enabled: true };
const off = { enabled: false };

describe("workflowChannelEnabled", () => {
  it("is on for Novu's default preferences", () => {
    expect(workflowChannelEnabled({ user: null, default: defaultChannelPreferences }, "email")).toBe(true);
  });

  it("falls back to all.enabled when no level sets the channel", () => {
    expect(workflowChannelEnabled({ user: null, default: prefs(false) }, "email")).toBe(false);
    expect(workflowChannelEnabled({ user: null, default: prefs(true) }, "email")).toBe(true);
    expect(workflowChannelEnabled({ user: prefs(false), default: prefs(true) }, "chat")).toBe(false);
  });

  it("lets a channel switch beat all.enabled", () => {
    expect(workflowChannelEnabled({ user: null, default: prefs(false, { sms: on }) }, "sms")).toBe(true);
    expect(workflowChannelEnabled({ user: null, default: prefs(true, { sms: off }) }, "sms")).toBe(false);
  });

  it("puts the author's user preferences over the defaults", () => {
    const user = prefs(true, { email: off, sms: on });
    const fallback = prefs(true, { email: on, sms: off });
    expect(workflowChannelEnabled({ user, default: fallback }, "email")).toBe(false);
    expect(workflowChannelEnabled({ user, default: fallback }, "sms")).toBe(true);
  });

  it("deep-merges like Novu: a channel the user level leaves unset keeps the default level's switch", () => {
    expect(workflowChannelEnabled({ user: prefs(false), default: prefs(true, { chat: on }) }, "chat")).toBe(
      true,
    );
  });
});
