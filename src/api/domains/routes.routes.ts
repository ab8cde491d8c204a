import { createRoute } from "@hono/zod-openapi";
import {
  createRouteBody,
  domainParam,
  listRoutesQuery,
  routeParam,
  routeResponse,
  updateRouteBody,
} from "../../domains/domain.schemas";
import { testRouteBody, testRouteResponse } from "../../domains/domain-ops.schemas";
import { cursorList } from "../../http/pagination";
import { commonErrors, conflict, dataOf, json, jsonBody, notFound } from "../../http/responses";

const tags = ["Domains"];
const route = json(dataOf(routeResponse), "The route");
const path = "/v1/domains/{domain}/routes";

export const list = createRoute({
  method: "get",
  path,
  tags,
  summary: "List a domain's routes, optionally only those to one agent",
  request: { params: domainParam, query: listRoutesQuery },
  responses: {
    200: json(cursorList(routeResponse, "ListDomainRoutesResponseDto"), "A page of routes"),
    ...commonErrors,
    ...notFound,
  },
});

export const create = createRoute({
  method: "post",
  path,
  tags,
  summary: "Route mail for <address>@<domain> (or every other address: *) to the webhooks or an agent",
  request: { params: domainParam, body: jsonBody(createRouteBody) },
  responses: { 201: route, ...commonErrors, ...notFound, ...conflict },
});

export const retrieve = createRoute({
  method: "get",
  path: `${path}/{address}`,
  tags,
  summary: "Retrieve the route of an address",
  request: { params: routeParam },
  responses: { 200: route, ...commonErrors, ...notFound },
});

export const update = createRoute({
  method: "patch",
  path: `${path}/{address}`,
  tags,
  summary: "Change where a route delivers, or its metadata (the address stays)",
  request: { params: routeParam, body: jsonBody(updateRouteBody) },
  responses: { 200: route, ...commonErrors, ...notFound },
});

export const remove = createRoute({
  method: "delete",
  path: `${path}/{address}`,
  tags,
  summary: "Delete a route: mail to its address is refused from now on",
  request: { params: routeParam },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const test = createRoute({
  method: "post",
  path: `${path}/{address}/test`,
  tags,
  summary: "Send a synthetic email through the route real mail to <address> would take (dryRun: only say)",
  request: { params: routeParam, body: jsonBody(testRouteBody) },
  responses: {
    200: json(dataOf(testRouteResponse), "What matched, and what was (or would be) delivered"),
    ...commonErrors,
    ...notFound,
  },
});
