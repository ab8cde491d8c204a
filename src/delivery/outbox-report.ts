import type { DeliveryJob, OutboxReport } from "./delivery.types";

/**
 * What one consumer batch has to tell the subscribers' outboxes, collected per subscriber so each hears once per
 * batch, not once per message. Jobs queued by anything but an outbox (no `outbox` flag) are not reported.
 */
export class OutboxReports {
  private readonly reports = new Map<
    string,
    { environmentId: string; subscriberId: string; report: OutboxReport }
  >();

  constructor(private readonly env: Env) {}

  ended(job: DeliveryJob): void {
    this.of(job)?.ended.push(job.messageId);
  }

  /** Handed back to the queue, to be looked at again after `delaySeconds`; `jobs` when others replace it. */
  requeued(job: DeliveryJob, delaySeconds: number, jobs?: DeliveryJob[]): void {
    this.of(job)?.requeued.push({ messageId: job.messageId, at: Date.now() + delaySeconds * 1000, jobs });
  }

  /**
   * Jobs with new ids replace `job` (one per integration): the outbox must hold them before the queue does, or a
   * copy that ends first would leave a row behind. So this one is told at once, before they are queued.
   */
  async replacing(job: DeliveryJob, jobs: DeliveryJob[]): Promise<void> {
    if (!job.outbox) return;
    await this.stub(job.environmentId, job.subscriberId).settleDeliveries({
      ended: [],
      requeued: [{ messageId: job.messageId, at: Date.now(), jobs }],
    });
  }

  /**
   * One call per subscriber, all at once. A failed call is only logged: its jobs' leases run out and the outbox sends
   * them again, which the consumer then recognises as sent (or tries, if they were not).
   */
  async send(): Promise<void> {
    await Promise.all(
      [...this.reports.values()].map(async ({ environmentId, subscriberId, report }) => {
        try {
          await this.stub(environmentId, subscriberId).settleDeliveries(report);
        } catch (error) {
          console.error(`the outbox of subscriber ${subscriberId} was not told about its deliveries`, error);
        }
      }),
    );
  }

  private stub(environmentId: string, subscriberId: string) {
    return this.env.SUBSCRIBER.getByName(`${environmentId}:${subscriberId}`);
  }

  private of(job: DeliveryJob): OutboxReport | undefined {
    if (!job.outbox) return undefined;
    const key = `${job.environmentId}:${job.subscriberId}`;
    let entry = this.reports.get(key);
    if (!entry) {
      entry = {
        environmentId: job.environmentId,
        subscriberId: job.subscriberId,
        report: { ended: [], requeued: [] },
      };
      this.reports.set(key, entry);
    }
    return entry.report;
  }
}
