/**
 * The dead-letter queue of ledger writes: when the invoke-model function cannot write an invocation's
 * ledger transaction after its retries, it sends the write here (LEDGER_FALLBACK_QUEUE_URL) instead of
 * losing a paid-for invocation. Nothing consumes it automatically: a message waiting here is usage not
 * yet in the ledger, which the DLQ-depth alarm reports.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { NodeFunction } from './node-function.ts';

/** The environment variable functions/lib/config.ts reads the queue's URL from. */
export const LEDGER_FALLBACK_QUEUE_URL = 'LEDGER_FALLBACK_QUEUE_URL';

export class LedgerFallbackQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      // The longest SQS keeps a message: two weeks to notice the alarm and replay the writes.
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Grants send and passes the URL in LEDGER_FALLBACK_QUEUE_URL, in one step. */
  bind(fn: NodeFunction): void {
    this.queue.grantSendMessages(fn.function);
    fn.addEnvironment(LEDGER_FALLBACK_QUEUE_URL, this.queue.queueUrl);
  }
}
