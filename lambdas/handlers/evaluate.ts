import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { DynamoDbEventLedger } from '../adapters/aws/dynamodb/event-ledger';
import { type EventSummary, startLedgerRun, summaryOf } from '../app/ledger';
import { processEvent } from '../app/process-event';
import { afterRequestsSent } from './after-requests-sent';
import { composePipeline } from './compose';
import { readEnvelope } from './envelope';
import { readSettings } from './settings';
import { withMappedStacks } from './mapped-stacks';

const logger = new Logger({ serviceName: 'sg-guardian' });
const metrics = new Metrics({ namespace: 'SgGuardian', serviceName: 'sg-guardian' });
const settings = readSettings(process.env);
const { depsFor, dynamodb, ec2, prepareNotifications } = await composePipeline(settings, metrics);
const ledger = new DynamoDbEventLedger({ client: dynamodb, tableName: settings.SG_GUARDIAN_IDEMPOTENCY_TABLE });

/** The SDK clients the evaluator sends with (tests and benchmarks add middleware to count or fail calls). */
export const clients = { dynamodb, ec2 };

/** A claim lasts as long as this invocation may run; a crashed run's claim expires with it. */
function leaseUntil(context: Context): Date {
  return new Date(Date.now() + Math.max(0, context.getRemainingTimeInMillis?.() ?? 0));
}

/**
 * One EventBridge "AWS API Call via CloudTrail" event: judge, revert per policy, notify, audit. Each
 * CloudTrail event (its eventID) goes through the event ledger: a repeat of a completed event answers
 * as the first time did, a retry after a failure resumes after what was done (lambdas/app/ledger.ts).
 */
async function evaluate(event: unknown, context: Context) {
  const { eventId, events } = readEnvelope(event);
  logger.appendKeys({ eventId });
  const results: EventSummary[] = [];
  for (const item of events) {
    const run =
      eventId !== undefined && events.length === 1
        ? startLedgerRun(ledger, eventId, leaseUntil(context), nextTurn())
        : undefined;
    const r = await processEvent(item, depsFor(item.meta), run);
    if (r.status === 'completed') {
      logger.info('event already completed: nothing done', { ...r.stored });
      if (r.stored) results.push(r.stored);
      continue;
    }
    const summary = summaryOf({ status: r.status, verdict: r.verdict, revert: r.revert });
    logger.info('event processed', { ...summary, notifyErrors: r.notifyErrors });
    results.push(summary);
  }
  return jsonRoundTrip({ results });
}

/** Settles on the event loop's next turn: once the reads started in this one are on the wire. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Answers are what the ledger stores (JSON): the first run answers as a repeat would. */
function jsonRoundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The first event of a container loads the SNS notifier once its first calls (claim, state reads) are
 * on the wire: compiled while their answers are on their way, it is ready when the notification is
 * due, and the Publish goes out beside the progress write instead of after a compile.
 */
let prepareOnFirstEvent: (() => () => void) | undefined = () => afterRequestsSent(prepareNotifications);

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const stopPreparing = prepareOnFirstEvent?.();
  prepareOnFirstEvent = undefined;
  try {
    return await withMappedStacks(() => evaluate(event, context));
  } finally {
    stopPreparing?.();
    metrics.publishStoredMetrics();
    logger.removeKeys(['eventId']);
  }
};
