/**
 * No paid call goes unrecorded. When the ledger transaction still fails after its retries, the
 * invocation has been paid for already: its complete record (ledger entry, result, budget settlements)
 * is kept durably — locally appended to a JSON-lines file, deployed sent to an SQS queue — and
 * replayed later by `npm run replay-ledger`. The ledger item's condition makes a replay count once,
 * however often it runs.
 */
import { appendFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BudgetSubject } from '../../resolvers/lib/budget-keys.ts';
import type { BudgetSettlement } from './budget.ts';
import { idempotencyItemIndex, recordInvocation, type LedgerEntry, type StoredResult } from './ledger.ts';

export const FALLBACK_FILE = 'ledger-fallback.jsonl';

/** One budget's settlement as kept. */
export interface KeptSettlement {
  readonly subject: BudgetSubject;
  readonly periodKey: string;
  readonly limitNanoUsd: number;
  readonly reservation: { readonly invocationId: string; readonly amountNanoUsd: string } | null;
}

/** One unrecorded invocation, as kept. Table names are not kept: the replay uses its own. */
export interface FallbackRecord {
  readonly version: 1;
  readonly entry: LedgerEntry;
  readonly result: StoredResult;
  /** The settlements of every budget the invocation was subject to (its principal's and its team's). */
  readonly budgets?: readonly KeptSettlement[];
  /** Records kept before team budgets: the principal's budget alone. */
  readonly budget?: {
    readonly principalId: string;
    readonly periodKey: string;
    readonly limitNanoUsd: number;
    readonly reservation: { readonly invocationId: string; readonly amountNanoUsd: string } | null;
  } | null;
  readonly failedAt: string;
  /** The name of the error the write failed with (no message: it may quote the item). */
  readonly failure: string;
}

export interface LedgerFallback {
  /** Where records go, for logs: "file" or "queue". */
  readonly kind: 'file' | 'queue';
  keep(record: FallbackRecord): Promise<void>;
}

/** The record of an invocation whose ledger write failed. */
export function fallbackRecord(
  entry: LedgerEntry,
  result: StoredResult,
  budgets: readonly BudgetSettlement[],
  failure: unknown,
  failedAt: Date,
): FallbackRecord {
  return {
    version: 1,
    entry,
    result,
    budgets: budgets.map((budget) => ({
      subject: budget.subject,
      periodKey: budget.periodKey,
      limitNanoUsd: budget.limitNanoUsd,
      reservation: budget.reservation
        ? { invocationId: budget.reservation.invocationId, amountNanoUsd: budget.reservation.amountNanoUsd.toString() }
        : null,
    })),
    failedAt: failedAt.toISOString(),
    failure: failure instanceof Error ? failure.name : 'Unknown',
  };
}

/** Appends each record as one line and flushes it to disk before returning. */
export function fileFallback(directory: string): LedgerFallback {
  return {
    kind: 'file',
    async keep(record) {
      await mkdir(directory, { recursive: true });
      const handle = await open(join(directory, FALLBACK_FILE), 'a', 0o600);
      try {
        await handle.appendFile(`${JSON.stringify(record)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

/** Sends each record to the fallback queue (an SQS queue the stack creates). */
export function queueFallback(sqs: SQSClient, queueUrl: string): LedgerFallback {
  return {
    kind: 'queue',
    async keep(record) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(record) }));
    },
  };
}

/** A line or message that is not a fallback record. */
export class InvalidFallbackRecordError extends Error {
  override readonly name = 'InvalidFallbackRecordError';
}

export function parseFallbackRecord(text: string): FallbackRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidFallbackRecordError('A fallback record is not JSON', { cause: error });
  }
  const record = parsed as Partial<FallbackRecord> | null;
  if (!record || record.version !== 1 || !record.entry?.invocationId || !record.result?.invocationId) {
    throw new InvalidFallbackRecordError('A fallback record lacks version 1, entry or result');
  }
  return record as FallbackRecord;
}

export interface ReplayTables {
  readonly ledger: string;
  readonly budgets: string;
}

/**
 * Writes a kept record to the ledger: 'recorded' the first time, 'already-recorded' after that.
 * The budget reservation is settled if it is still open; if its idempotency claim was taken over
 * meanwhile, the invocation is recorded without completing it.
 */
export async function replayFallbackRecord(
  db: DynamoDBDocumentClient,
  tables: ReplayTables,
  record: FallbackRecord,
): Promise<'recorded' | 'already-recorded'> {
  const kept: readonly KeptSettlement[] =
    record.budgets ?? (record.budget ? [{ ...record.budget, subject: { kind: 'PRINCIPAL', id: record.budget.principalId } }] : []);
  const budgets: BudgetSettlement[] = kept.map((settlement) => ({
    table: tables.budgets,
    subject: settlement.subject,
    periodKey: settlement.periodKey,
    limitNanoUsd: settlement.limitNanoUsd,
    reservation: settlement.reservation
      ? {
          subject: settlement.subject,
          invocationId: settlement.reservation.invocationId,
          periodKey: settlement.periodKey,
          amountNanoUsd: BigInt(settlement.reservation.amountNanoUsd),
        }
      : null,
  }));
  try {
    return await recordInvocation(db, tables.ledger, record.entry, record.result, { budgets });
  } catch (error) {
    const claimLost =
      error instanceof TransactionCanceledException &&
      record.entry.idempotencyKey !== null &&
      error.CancellationReasons?.[idempotencyItemIndex(record.entry)]?.Code === 'ConditionalCheckFailed';
    if (!claimLost) throw error;
    return recordInvocation(db, tables.ledger, record.entry, record.result, { budgets, completeIdempotency: false });
  }
}

export interface FileReplaySummary {
  readonly recorded: number;
  readonly alreadyRecorded: number;
  /** Records that failed again; they stay in the file. */
  readonly failed: number;
}

/**
 * Replays every record of the fallback file. The file is first renamed (so new failures go to a new
 * file meanwhile); records that fail again are appended back to the fallback file.
 */
export async function replayFallbackFile(
  db: DynamoDBDocumentClient,
  tables: ReplayTables,
  directory: string,
  now: Date = new Date(),
): Promise<FileReplaySummary> {
  const path = join(directory, FALLBACK_FILE);
  const claimed = join(directory, `ledger-fallback.replaying-${now.getTime()}.jsonl`);
  try {
    await rename(path, claimed);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { recorded: 0, alreadyRecorded: 0, failed: 0 };
    throw error;
  }
  const lines = (await readFile(claimed, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  let recorded = 0;
  let alreadyRecorded = 0;
  const failedLines: string[] = [];
  for (const line of lines) {
    try {
      const outcome = await replayFallbackRecord(db, tables, parseFallbackRecord(line));
      if (outcome === 'recorded') recorded += 1;
      else alreadyRecorded += 1;
    } catch {
      failedLines.push(line);
    }
  }
  if (failedLines.length > 0) await appendFile(path, `${failedLines.join('\n')}\n`, { mode: 0o600 });
  await rm(claimed);
  return { recorded, alreadyRecorded, failed: failedLines.length };
}

/**
 * Replays the fallback queue until it is empty: each message replayed is deleted; one that fails
 * again stays and returns after its visibility timeout.
 */
export async function replayFallbackQueue(
  db: DynamoDBDocumentClient,
  sqs: SQSClient,
  tables: ReplayTables,
  queueUrl: string,
): Promise<FileReplaySummary> {
  let recorded = 0;
  let alreadyRecorded = 0;
  let failed = 0;
  for (;;) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const messages = out.Messages ?? [];
    if (messages.length === 0) return { recorded, alreadyRecorded, failed };
    for (const message of messages) {
      try {
        const outcome = await replayFallbackRecord(db, tables, parseFallbackRecord(message.Body ?? ''));
        if (outcome === 'recorded') recorded += 1;
        else alreadyRecorded += 1;
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      } catch {
        failed += 1;
      }
    }
  }
}
