import { createRoute } from "@hono/zod-openapi";
import {
  createDomainBody,
  domainParam,
  domainResponse,
  listDomainsQuery,
  updateDomainBody,
} from "../../domains/domain.schemas";
import {
  applyUrlBody,
  applyUrlResponse,
  diagnoseResponse,
  domainConnectStatusResponse,
} from "../../domains/domain-ops.schemas";
import { cursorList } from "../../http/pagination";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Domains"];
const domain = json(dataOf(domainResponse), "The domain and the DNS records it needs");

export const list = createRoute({
  method: "get",
  path: "/v1/domains",
  tags,
  summary: "List the environment's inbound-email domains",
  request: { query: listDomainsQuery },
  responses: {
    200: json(cursorList(domainResponse, "ListDomainsResponseDto"), "A page of domains"),
    ...commonErrors,
  },
});

export const create = createRoute({
  method: "post",
  path: "/v1/domains",
  tags,
  summary: "Register an inbound-email domain (pending until its MX records are verified)",
  request: { body: jsonBody(createDomainBody) },
  responses: { 201: domain, ...commonErrors, ...conflict },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v1/domains/{domain}",
  tags,
  summary: "Retrieve a domain by name (no DNS lookup: verify refreshes the status)",
  request: { params: domainParam },
  responses: { 200: domain, ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: "/v1/domains/{domain}",
  tags,
  summary: "Replace a domain's metadata",
  request: { params: domainParam, body: jsonBody(updateDomainBody) },
  responses: { 200: domain, ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: "/v1/domains/{domain}",
  tags,
  summary: "Delete a domain and its routes",
  request: { params: domainParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const verify = createRoute({
  method: "post",
  path: "/v1/domains/{domain}/verify",
  tags,
  summary: "Look the domain's MX records up now and refresh its status",
  request: { params: domainParam },
  responses: { 200: domain, ...commonErrors, ...notFound },
});

export const diagnose = createRoute({
  method: "post",
  path: "/v1/domains/{domain}/diagnose",
  tags,
  summary: "Run live DNS checks for inbound mail (MX, CNAME collision, blocklists)",
  request: { params: domainParam },
  responses: {
    200: json(dataOf(diagnoseResponse), "Checks and issues, with fixes"),
    ...commonErrors,
    ...notFound,
  },
});

export const autoConfigure = createRoute({
  method: "get",
  path: "/v1/domains/{domain}/auto-configure",
  tags,
  summary: "Whether Domain Connect can set the DNS records up, and the records to add by hand",
  request: { params: domainParam },
  responses: {
    200: json(dataOf(domainConnectStatusResponse), "Availability and manual records"),
    ...commonErrors,
    ...notFound,
  },
});

export const startAutoConfigure = createRoute({
  method: "post",
  path: "/v1/domains/{domain}/auto-configure/start",
  tags,
  summary: "A signed Domain Connect URL that applies the DNS records at the customer's provider",
  request: { params: domainParam, body: { ...jsonBody(applyUrlBody), required: false } },
  responses: {
    201: json(dataOf(applyUrlResponse), "The URL to send the customer to"),
    ...commonErrors,
    ...notFound,
  },
});
