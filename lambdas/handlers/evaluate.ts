import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { makeEventIdempotent } from '../adapters/aws/dynamodb/idempotency';
import { processEvent } from '../app/process-event';
import { composePipeline } from './compose';
import { readEnvelope } from './envelope';
import { readSettings } from './settings';

const logger = new Logger({ serviceName: 'sg-guardian' });
const metrics = new Metrics({ namespace: 'SgGuardian', serviceName: 'sg-guardian' });
const settings = readSettings(process.env);
const { depsFor, dynamodb } = composePipeline(settings, metrics);

/** One EventBridge "AWS API Call via CloudTrail" event: judge, revert per policy, notify, audit. */
async function evaluate(event: unknown, _context: Context) {
  const { eventId, events } = readEnvelope(event);
  logger.appendKeys({ eventId });
  const results = [];
  for (const item of events) {
    const r = await processEvent(item, depsFor(item.meta));
    const summary = {
      status: r.status,
      verdict: r.verdict?.verdict,
      action: r.verdict?.action,
      revert: r.revert?.status,
    };
    logger.info('event processed', { ...summary, notifyErrors: r.notifyErrors });
    results.push(summary);
  }
  return { results };
}

const idempotent = makeEventIdempotent(evaluate, {
  client: dynamodb,
  tableName: settings.SG_GUARDIAN_IDEMPOTENCY_TABLE,
});

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  try {
    return await idempotent(event, context);
  } finally {
    metrics.publishStoredMetrics();
    logger.removeKeys(['eventId']);
  }
};
