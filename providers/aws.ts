import { AwsClient } from "aws4fetch";
import type { Credentials } from "./types";

/**
 * Signs a request for an AWS API with Signature V4 (aws4fetch) and returns the headers to send with exactly that
 * body: adapters then make the call through `providerRequest`, so retries and error handling stay uniform.
 */
export async function awsSignedHeaders(
  credentials: Credentials & { apiKey: string; secretKey: string; region: string },
  service: string,
  request: { url: string; body: string; contentType: string },
): Promise<Record<string, string>> {
  const client = new AwsClient({
    accessKeyId: credentials.apiKey,
    secretAccessKey: credentials.secretKey,
    region: credentials.region,
    service,
  });
  const signed = await client.sign(request.url, {
    method: "POST",
    headers: { "content-type": request.contentType },
    body: request.body,
  });
  return Object.fromEntries(signed.headers);
}
