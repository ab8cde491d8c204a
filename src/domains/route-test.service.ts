import { findAgentById } from "../agents/agent-inbound";
import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import type { DomainRouteRow, DomainRow } from "../db/schema";
import { getDomain } from "./domain.service";
import type { TestRouteDto, TestRouteInput } from "./domain-ops.schemas";
import { agentInput, deliverMail } from "./inbound/deliver";
import { type InboundMail, testMail, webhookPayload } from "./inbound/mail";
import { emailEndpoints } from "./inbound/webhook-delivery";
import { matchRoute } from "./route.service";

/**
 * Sends a synthetic email to `<address>@<domain>` through the route that real mail to it would take (the same
 * matching and the same delivery), or, with `dryRun`, says where it would go and what would be sent without
 * calling any webhook or agent. The domain need not be verified: its status comes back with the result.
 */
export async function testRoute(
  env: Env,
  db: Database,
  tenant: Tenant,
  target: { domain: string; address: string },
  input: TestRouteInput,
): Promise<TestRouteDto> {
  const domain = await getDomain(db, tenant, target.domain);
  const route = await matchRoute(db, domain, target.address);
  const dryRun = input.dryRun === true;
  const base = { dryRun, domainStatus: domain.status, mxRecordConfigured: domain.mxRecordConfigured };
  if (!route) return { matched: false, ...base };
  const to = `${target.address}@${domain.name}`;
  const mail = testMail(input, to);
  if (dryRun)
    return { matched: true, ...base, type: route.type, ...(await preview(db, domain, route, mail, to)) };
  const delivery = await deliverMail(
    env,
    db,
    tenant,
    { domain, route, to },
    mail,
    `test-${crypto.randomUUID()}`,
  );
  return { matched: true, ...base, ...delivery };
}

async function preview(
  db: Database,
  domain: DomainRow,
  route: DomainRouteRow,
  mail: InboundMail,
  to: string,
) {
  if (route.type === "webhook") {
    const endpoints = await emailEndpoints(db, domain.environmentId);
    return {
      wouldDeliverTo:
        endpoints.length > 0
          ? `email.received event to this environment's outbound webhooks: ${endpoints.map((e) => e.url).join(", ")}`
          : "no outbound webhook endpoint of this environment takes email.received events: nothing would be sent",
      payload: webhookPayload(domain, route, mail),
    };
  }
  const agent = route.agentId ? await findAgentById(db, domain.environmentId, route.agentId) : undefined;
  return {
    wouldDeliverTo: agent
      ? `agent "${agent.identifier}" (its bridge's onMessage event)`
      : `agent ${route.agentId ?? "(none)"}, which does not exist any more: delivery would fail`,
    payload: agentInput(route, mail, to),
  };
}
