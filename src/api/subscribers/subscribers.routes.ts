import { createRoute, z } from "@hono/zod-openapi";
import { cursorList } from "../../http/pagination";
import { commonErrors, dataOf, errorBody, json, jsonBody, notFound } from "../../http/responses";
import {
  createSubscriberBody,
  createSubscriberQuery,
  patchSubscriberBody,
  searchSubscribersQuery,
  subscriberIdParam,
  subscriberResponse,
} from "../../subscribers/subscriber.schemas";

const tags = ["Subscribers"];

export const search = createRoute({
  method: "get",
  path: "/v2/subscribers",
  tags,
  summary: "Search subscribers",
  request: { query: searchSubscribersQuery },
  responses: {
    200: json(cursorList(subscriberResponse, "ListSubscribersResponseDto"), "A page of subscribers"),
    ...commonErrors,
  },
});

export const create = createRoute({
  method: "post",
  path: "/v2/subscribers",
  tags,
  summary: "Create a subscriber (upsert unless failIfExists=true)",
  request: { query: createSubscriberQuery, body: jsonBody(createSubscriberBody) },
  responses: {
    201: json(dataOf(subscriberResponse), "The subscriber"),
    ...commonErrors,
    409: json(
      z.object({ ...errorBody.shape, ...subscriberResponse.shape }).openapi("SubscriberConflictDto"),
      "failIfExists=true and the subscriber exists: Novu's error body plus the existing subscriber",
    ),
  },
});

export const retrieve = createRoute({
  method: "get",
  path: "/v2/subscribers/{subscriberId}",
  tags,
  summary: "Retrieve a subscriber",
  request: { params: subscriberIdParam },
  responses: { 200: json(dataOf(subscriberResponse), "The subscriber"), ...commonErrors, ...notFound },
});

export const patch = createRoute({
  method: "patch",
  path: "/v2/subscribers/{subscriberId}",
  tags,
  summary: "Update a subscriber",
  request: { params: subscriberIdParam, body: jsonBody(patchSubscriberBody) },
  responses: {
    200: json(dataOf(subscriberResponse), "The updated subscriber"),
    ...commonErrors,
    ...notFound,
  },
});

export const remove = createRoute({
  method: "delete",
  path: "/v2/subscribers/{subscriberId}",
  tags,
  summary: "Delete a subscriber and its inbox",
  request: { params: subscriberIdParam },
  responses: {
    200: json(
      dataOf(
        z.object({ acknowledged: z.boolean(), status: z.string() }).openapi("RemoveSubscriberResponseDto"),
      ),
      "Deleted",
    ),
    ...commonErrors,
    ...notFound,
  },
});
