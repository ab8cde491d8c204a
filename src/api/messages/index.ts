import { createRoute, z } from "@hono/zod-openapi";
import { database } from "../../db/client";
import { commonErrors, dataOf, json, notFound } from "../../http/responses";
import { createRouter } from "../../http/router";
import { listMessagesQuery, messageResponse } from "../../messages/message.schemas";
import { deleteMessage, deleteTransactionMessages, listMessages } from "../../messages/message.service";

const tags = ["Messages"];

const list = createRoute({
  method: "get",
  path: "/v1/messages",
  tags,
  summary: "List messages of every channel, newest first",
  request: { query: listMessagesQuery },
  responses: {
    200: json(
      z
        .object({
          data: z.array(messageResponse),
          hasMore: z.boolean(),
          page: z.number(),
          pageSize: z.number(),
          totalCount: z.number(),
        })
        .openapi("MessagesResponseDto"),
      "A page of messages",
    ),
    ...commonErrors,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/v1/messages/{messageId}",
  tags,
  summary: "Delete one message, whatever its channel",
  request: {
    params: z.object({
      messageId: z
        .string()
        .min(1)
        .openapi({ param: { name: "messageId", in: "path" } }),
    }),
  },
  responses: {
    200: json(dataOf(z.object({ acknowledged: z.boolean(), status: z.literal("deleted") })), "Deleted"),
    ...commonErrors,
    ...notFound,
  },
});

const removeTransaction = createRoute({
  method: "delete",
  path: "/v1/messages/transaction/{transactionId}",
  tags,
  summary: "Delete every message of a trigger, optionally of one channel",
  request: {
    params: z.object({
      transactionId: z
        .string()
        .min(1)
        .openapi({ param: { name: "transactionId", in: "path" } }),
    }),
    query: z.object({ channel: z.enum(["in_app", "email", "sms", "chat", "push"]).optional() }),
  },
  responses: { 204: { description: "Deleted" }, ...commonErrors, ...notFound },
});

export const messagesApi = createRouter()
  .openapi(list, async (c) =>
    c.json(await listMessages(c.env, database(c.env), c.get("tenant"), c.req.valid("query")), 200),
  )
  .openapi(remove, async (c) => {
    await deleteMessage(c.env, database(c.env), c.get("tenant"), c.req.valid("param").messageId);
    return c.json({ data: { acknowledged: true, status: "deleted" as const } }, 200);
  })
  .openapi(removeTransaction, async (c) => {
    const { transactionId } = c.req.valid("param");
    await deleteTransactionMessages(
      c.env,
      database(c.env),
      c.get("tenant"),
      transactionId,
      c.req.valid("query").channel,
    );
    return c.body(null, 204);
  });
