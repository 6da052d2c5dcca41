import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { makeEventIdempotent } from '../adapters/idempotency';
import { processEvent } from '../app/process-event';
import { parseDocument } from '../core/events/parse';
import { composePipeline } from './compose';
import { readSettings } from './settings';

const logger = new Logger({ serviceName: 'sg-guardian' });
const metrics = new Metrics({ namespace: 'SgGuardian', serviceName: 'sg-guardian' });
const tracer = new Tracer({ serviceName: 'sg-guardian' });
const settings = readSettings(process.env);
const { deps, dynamodb, clients } = composePipeline(settings, metrics);
for (const client of clients) tracer.captureAWSv3Client(client);

/** One EventBridge "AWS API Call via CloudTrail" event: judge, revert per policy, notify, audit. */
async function evaluate(event: unknown, _context: Context) {
  const envelope = EventBridgeSchema.safeParse(event);
  const eventId = envelope.success ? (envelope.data.detail as { eventID?: string }).eventID : undefined;
  logger.appendKeys({ eventId });
  const parsed = envelope.success
    ? parseDocument(event)
    : [
        {
          status: 'invalid' as const,
          path: '$',
          reason: `not an EventBridge event: ${envelope.error.issues[0]?.message}`,
        },
      ];
  const results = [];
  for (const item of parsed) {
    const result = await processEvent(item, deps);
    logger.info('event processed', {
      status: result.status,
      verdict: result.verdict?.verdict,
      action: result.verdict?.action,
      revert: result.revert?.status,
      notifyErrors: result.notifyErrors,
    });
    results.push({
      status: result.status,
      verdict: result.verdict?.verdict,
      action: result.verdict?.action,
      revert: result.revert?.status,
    });
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
