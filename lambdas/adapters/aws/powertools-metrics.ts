import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricsSink, PipelineMetric } from '../../app/ports';

/** The pipeline's counters as CloudWatch EMF metrics through Powertools. */
export class PowertoolsMetricsSink implements MetricsSink {
  constructor(private readonly metrics: Metrics) {}

  count(name: PipelineMetric, value = 1): void {
    this.metrics.addMetric(name, MetricUnit.Count, value);
  }
}
