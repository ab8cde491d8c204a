import { describe, expect, it } from "vitest";
import { call } from "./fixtures";

describe("CORS", () => {
  it("lets browsers call the Inbox from any origin", async () => {
    const preflight = await call("/v1/inbox/session", {
      method: "OPTIONS",
      headers: {
        origin: "https://app.acme.io",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.acme.io");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("gives the server API no CORS headers: secret keys belong on servers", async () => {
    const res = await call("/v2/subscribers", { headers: { origin: "https://app.acme.io" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
