import { awsSignedHeaders } from "../aws";
import { nowIso, providerRequest, required } from "../http";
import { type Provider, ProviderError } from "../types";

/** Amazon SNS Publish to a phone number (query API, JSON answer): https://docs.aws.amazon.com/sns/latest/api/API_Publish.html */
export const sns: Provider<"sms"> = {
  id: "sns",
  channel: "sms",
  async send(message, credentials, options) {
    const keys = required("sns", credentials, "apiKey", "secretKey", "region");
    const form = new URLSearchParams({
      Action: "Publish",
      Version: "2010-03-31",
      PhoneNumber: message.to,
      Message: message.content,
    });
    const sender = message.from ?? credentials.senderId ?? credentials.from;
    if (sender) {
      form.set("MessageAttributes.entry.1.Name", "AWS.SNS.SMS.SenderID");
      form.set("MessageAttributes.entry.1.Value.DataType", "String");
      form.set("MessageAttributes.entry.1.Value.StringValue", sender);
    }
    const url = `${credentials.baseUrl ?? `https://sns.${keys.region}.amazonaws.com`}/`;
    const contentType = "application/x-www-form-urlencoded;charset=UTF-8";
    const headers = await awsSignedHeaders({ ...credentials, ...keys }, "sns", {
      url,
      body: form.toString(),
      contentType,
    });
    const response = await providerRequest(
      { providerId: "sns", url, headers: { ...headers, accept: "application/json" }, body: form },
      options,
    );
    const answer = (await response.json()) as {
      PublishResponse?: { PublishResult?: { MessageId?: string } };
    };
    const id = answer.PublishResponse?.PublishResult?.MessageId;
    if (!id)
      throw new ProviderError("sns: no MessageId in the answer", { retryable: false, providerId: "sns" });
    return { id, date: nowIso() };
  },
};
