import { importPKCS8, SignJWT } from "jose";
import { providerRequest, required, withOverrides } from "../http";
import { type Provider, ProviderError } from "../types";
import { sendToEachDevice } from "./each-device";

type ServiceAccount = { project_id: string; client_email: string; private_key: string; token_uri?: string };

const scope = "https://www.googleapis.com/auth/firebase.messaging";

/** Google OAuth2 for a service account: a signed JWT exchanged for an access token (RFC 7523). */
async function accessToken(
  account: ServiceAccount,
  tokenUrl: string,
  options: Parameters<Provider["send"]>[2],
) {
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ scope })
    .setProtectedHeader({ alg: "RS256", typ: "JWT" })
    .setIssuer(account.client_email)
    .setAudience(tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(await importPKCS8(account.private_key, "RS256"));
  const response = await providerRequest(
    {
      providerId: "fcm",
      url: tokenUrl,
      body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
    },
    options,
  );
  return ((await response.json()) as { access_token: string }).access_token;
}

function parseAccount(serviceAccount: string): ServiceAccount {
  try {
    const account = JSON.parse(serviceAccount) as Partial<ServiceAccount>;
    if (account.project_id && account.client_email && account.private_key) return account as ServiceAccount;
  } catch {}
  throw new ProviderError("fcm: serviceAccount must be the service account JSON", {
    retryable: false,
    providerId: "fcm",
  });
}

/**
 * Firebase Cloud Messaging HTTP v1: https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages/send
 * One request per device token; the send fails only when every token fails.
 */
export const fcm: Provider<"push"> = {
  id: "fcm",
  channel: "push",
  async send(message, credentials, options) {
    const account = parseAccount(required("fcm", credentials, "serviceAccount").serviceAccount);
    const base = credentials.baseUrl;
    const token = await accessToken(
      account,
      base ? `${base}/token` : (account.token_uri ?? "https://oauth2.googleapis.com/token"),
      options,
    );
    const url = `${base ?? "https://fcm.googleapis.com"}/v1/projects/${account.project_id}/messages:send`;
    return sendToEachDevice("fcm", message.target, async (deviceToken) => {
      const body = withOverrides(
        {
          message: {
            token: deviceToken,
            notification: { title: message.title, body: message.content },
            ...(message.data ? { data: message.data } : {}),
          },
        },
        options.overrides ? { message: options.overrides } : undefined,
      );
      const response = await providerRequest(
        { providerId: "fcm", url, headers: { authorization: `Bearer ${token}` }, body },
        options,
      );
      return ((await response.json()) as { name: string }).name;
    });
  },
};
