import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  /** The SMTP envelope: what MAIL FROM and RCPT TO said, independent of the headers. */
  envelope: { from: string; to: string[] };
  /** The login the client authenticated with, if any. */
  user: string | null;
  /** The DATA section exactly as it arrived (headers, blank line, MIME body), dot-stuffing removed. */
  raw: string;
};

/** Logins the server accepts; anything else gets 535, as a real relay would. */
export const smtpUsers: Record<string, string> = { novu: "smtp-secret" };

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for the custom-SMTP adapter, plus an HTTP inbox that
 * returns what it received (`GET /messages?to=<address>`), since tests in workerd cannot share memory with Node.
 * Recipients at `reject.test` are refused with 550 and at `busy.test` with 451, to exercise both failure kinds.
 */
export async function startSmtpServer(): Promise<{
  port: number;
  inbox: string;
  close: () => Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username && smtpUsers[auth.username] === auth.password)
        return callback(null, { user: auth.username });
      const error = Object.assign(new Error("Invalid username or password"), { responseCode: 535 });
      return callback(error);
    },
    onRcptTo(address, _session, callback) {
      const domain = address.address.split("@")[1];
      if (domain === "reject.test")
        return callback(Object.assign(new Error("No such user"), { responseCode: 550 }));
      if (domain === "busy.test")
        return callback(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        received.push({
          envelope: {
            from: from ? from.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          user: typeof session.user === "string" ? session.user : null,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpAddress = smtp.server.address();
  if (!smtpAddress || typeof smtpAddress === "string") throw new Error("SMTP server has no port");

  const inbox = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const to = url.searchParams.get("to");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(received.filter((mail) => !to || mail.envelope.to.includes(to))));
  });
  await new Promise<void>((resolve) => inbox.listen(0, "127.0.0.1", resolve));
  const inboxAddress = inbox.address();
  if (!inboxAddress || typeof inboxAddress === "string") throw new Error("SMTP inbox has no port");

  return {
    port: smtpAddress.port,
    inbox: `http://127.0.0.1:${inboxAddress.port}`,
    close: async () => {
      inbox.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => inbox.close(() => resolve())),
      ]);
    },
  };
}
