import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { sweep } from '../app/sweep';
import { composePipeline } from './compose';
import { readSettings } from './settings';

const logger = new Logger({ serviceName: 'sg-guardian-sweep' });
const metrics = new Metrics({ namespace: 'SgGuardian', serviceName: 'sg-guardian' });
const { deps, reader, cache } = composePipeline(readSettings(process.env), metrics);

/** Scheduled: refresh the last-known state and judge what changed without an event reaching us. */
export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  try {
    const result = await sweep({ ...deps, reader, cache });
    metrics.addMetric('SweepDrift', MetricUnit.Count, result.drifted);
    logger.info('sweep done', { ...result, ec2Calls: reader.calls });
    return result;
  } finally {
    metrics.publishStoredMetrics();
  }
};
