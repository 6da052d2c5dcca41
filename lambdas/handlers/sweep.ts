import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { sweepAll } from '../app/sweep-all';
import { composePipeline } from './compose';
import { readSettings } from './settings';
import { withMappedStacks } from './mapped-stacks';

const logger = new Logger({ serviceName: 'sg-guardian-sweep' });
const metrics = new Metrics({ namespace: 'SgGuardian', serviceName: 'sg-guardian' });
const settings = readSettings(process.env);
const { cache, sweepTargets } = await composePipeline(settings, metrics);

/**
 * Scheduled: in every watched region of the home account and every account/region whose state is
 * cached, refresh the last-known state and judge what changed without an event reaching us.
 */
export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  try {
    return await withMappedStacks(() => sweep());
  } finally {
    metrics.publishStoredMetrics();
  }
};

async function sweep() {
  const targets = sweepTargets(settings.SG_GUARDIAN_REGIONS, await cache.listScopes());
  const result = await sweepAll(targets);
  metrics.addMetric('SweepDrift', MetricUnit.Count, result.drifted);
  metrics.addMetric('SweepFailures', MetricUnit.Count, result.failed);
  for (const target of result.targets)
    if (target.status === 'failed') logger.error('sweep failed', { scope: target.scope, error: target.error });
  logger.info('sweep done', { drifted: result.drifted, violations: result.violations, failed: result.failed });
  return result;
}
