// Server side with @novu/api: make sure a workflow with one Inbox step exists, then trigger it for a subscriber.
//   NOVU_API_URL=http://127.0.0.1:8787 NOVU_SECRET_KEY=<secret key> node examples/trigger.mjs
// Optional: NOVU_SUBSCRIBER_ID (default "example-subscriber"), NOVU_WORKFLOW_ID (default "example-welcome").
import { Novu } from "@novu/api";

const { NOVU_API_URL, NOVU_SECRET_KEY } = process.env;
if (!NOVU_API_URL || !NOVU_SECRET_KEY) {
  console.error("Set NOVU_API_URL and NOVU_SECRET_KEY (`npm start` prints the Development secret key).");
  process.exit(1);
}
const subscriberId = process.env.NOVU_SUBSCRIBER_ID ?? "example-subscriber";
const workflowId = process.env.NOVU_WORKFLOW_ID ?? "example-welcome";

const novu = new Novu({
  secretKey: NOVU_SECRET_KEY,
  serverURL: NOVU_API_URL,
  retryConfig: { strategy: "none" },
});

async function main() {
  try {
    await novu.workflows.get(workflowId);
    console.log(`workflow ${workflowId} exists`);
  } catch (error) {
    if (error?.statusCode !== 404) throw error;
    await novu.workflows.create({
      name: "Example welcome",
      workflowId,
      // The SDK sends `active: false` unless told otherwise, and an inactive workflow is never delivered.
      active: true,
      steps: [
        {
          name: "Inbox",
          type: "in_app",
          controlValues: { subject: "Welcome, {{subscriber.firstName}}", body: "{{payload.text}}" },
        },
      ],
    });
    console.log(`workflow ${workflowId} created`);
  }

  const { result } = await novu.trigger({
    workflowId,
    to: { subscriberId, firstName: "Ada" },
    payload: { text: `Sent by examples/trigger.mjs at ${new Date().toISOString()}` },
  });
  console.log(
    `triggered ${workflowId} for ${subscriberId}: ${result.status} (transaction ${result.transactionId})`,
  );
}

main().catch((error) => {
  // The SDK's errors carry the HTTP status and Novu's error body; a network failure carries its cause.
  const status = error?.statusCode ? `${error.statusCode} ` : "";
  console.error(
    `trigger.mjs failed: ${status}${error?.message ?? error}${error?.cause ? ` (${error.cause})` : ""}`,
  );
  process.exit(1);
});
