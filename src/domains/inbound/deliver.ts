import { deliverInboundToAgent } from "../../agents/agent-inbound";
import type { Tenant } from "../../app-env";
import type { Database } from "../../db/client";
import type { DomainRouteRow, DomainRow } from "../../db/schema";
import type { AgentResult, WebhookResult } from "../domain-ops.schemas";
import { type InboundMail, webhookPayload } from "./mail";
import { emitEmailReceived } from "./webhook-delivery";

export type Delivery = { type: "webhook"; webhook: WebhookResult } | { type: "agent"; agent: AgentResult };

/** A plain-text stand-in for an HTML-only email, for agents that read text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** What an agent route hands its agent: the sender, the recipient and the content. */
export function agentInput(route: DomainRouteRow, mail: InboundMail, to: string) {
  const from = mail.from[0];
  return {
    agentId: route.agentId ?? "",
    channel: "email" as const,
    from: { address: from?.address ?? "", ...(from?.name ? { name: from.name } : {}) },
    to,
    subject: mail.subject,
    text: mail.text || htmlToText(mail.html),
    ...(mail.html ? { html: mail.html } : {}),
  };
}

/**
 * Delivers one email through its route, as production does: a webhook route raises `email.received` on the
 * environment's outbound webhooks (`eventId` identifies it, so receivers can drop a redelivery), an agent route
 * hands the mail to the agent's bridge.
 */
export async function deliverMail(
  env: Env,
  db: Database,
  tenant: Tenant,
  target: { domain: DomainRow; route: DomainRouteRow; to: string },
  mail: InboundMail,
  eventId: string,
): Promise<Delivery> {
  const { domain, route, to } = target;
  if (route.type === "webhook") {
    const data = webhookPayload(domain, route, mail);
    return { type: "webhook", webhook: await emitEmailReceived(env, db, tenant.id, { id: eventId, data }) };
  }
  const agent = await deliverInboundToAgent(env, db, tenant, {
    ...agentInput(route, mail, to),
    dryRun: false,
  });
  return { type: "agent", agent };
}
