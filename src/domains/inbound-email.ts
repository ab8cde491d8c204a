import { and, eq } from "drizzle-orm";
import type { Tenant } from "../app-env";
import { database } from "../db/client";
import { domains, environments } from "../db/schema";
import { HttpError } from "../http/http-error";
import { sha256Hex } from "../lib/crypto";
import { deliverMail } from "./inbound/deliver";
import { parseEmail } from "./inbound/mime";
import { anyDelivered } from "./inbound/webhook-delivery";
import { matchRoute } from "./route.service";

/**
 * The Worker's `email` handler: Cloudflare Email Routing hands it each message sent to a domain whose MX records
 * point at it. The recipient's verified domain and route decide where the mail goes, and it is delivered as
 * `routes.test` delivers. What can never be delivered (unknown domain or address, nowhere to send it, an agent that
 * refuses) is rejected, which bounces it to the sender; a failure that may pass (no webhook endpoint or agent
 * reachable) is thrown, which Email Routing answers with a temporary SMTP error so the sender retries later.
 */
export async function handleInboundEmail(message: ForwardableEmailMessage, env: Env): Promise<void> {
  const recipient = message.to.trim().toLowerCase();
  const at = recipient.lastIndexOf("@");
  const db = database(env);
  const [found] = await db
    .select({ domain: domains, environment: environments })
    .from(domains)
    .innerJoin(environments, eq(environments.id, domains.environmentId))
    .where(and(eq(domains.name, recipient.slice(at + 1)), eq(domains.status, "verified")))
    .limit(1);
  if (at <= 0 || !found) return message.setReject("Recipient domain is not accepted here");
  const { domain, environment } = found;
  const route = await matchRoute(db, domain, recipient.slice(0, at));
  if (!route) return message.setReject("No such recipient");

  const mail = parseEmail(new Uint8Array(await new Response(message.raw).arrayBuffer()));
  if (mail.from.length === 0) mail.from = [{ address: message.from, name: "" }];
  const tenant: Tenant = {
    id: environment.id,
    organizationId: environment.organizationId,
    name: environment.name,
    type: environment.type,
    identifier: environment.identifier,
    workflowsRevision: environment.workflowsRevision,
    subscribersRevision: environment.subscribersRevision,
  };
  // The same message redelivered after a temporary failure raises the same event id, so receivers can drop it.
  const eventId = `email-${(await sha256Hex(`${domain.id}:${recipient}:${mail.messageId || crypto.randomUUID()}`)).slice(0, 32)}`;
  try {
    const delivery = await deliverMail(env, db, tenant, { domain, route, to: recipient }, mail, eventId);
    if (delivery.type === "webhook") {
      if (delivery.webhook.skipped)
        return message.setReject("No webhook endpoint takes mail for this address");
      if (!anyDelivered(delivery.webhook)) throw new Error(`no webhook endpoint accepted ${eventId}`);
    } else if (delivery.agent.httpStatus === 0 || delivery.agent.httpStatus >= 500) {
      throw new Error(`agent ${delivery.agent.agentId} answered ${delivery.agent.httpStatus}`);
    }
  } catch (error) {
    if (error instanceof HttpError && error.status < 500) return message.setReject(error.message);
    throw error;
  }
}
