import type { GuardianConfig } from '../core/config/schema';
import { type AggregateOptions, FlowAggregator, type LearnedTraffic } from '../core/flowlogs/aggregate';
import { type LeastPrivilege, leastPrivilege } from '../core/flowlogs/least-privilege';
import { type Proposal, proposeDependencies } from '../core/flowlogs/propose';
import { isoSeconds, proposalYaml } from '../core/flowlogs/propose-yaml';
import { explainRejects, type RejectExplanation, type TimedChange } from '../core/flowlogs/rejects';
import type { FlowStats } from '../core/flowlogs/stats';
import type { FlowPart } from '../core/flowlogs/digester';
import type { FlowItem, FlowLineProblem, FlowProgress, FlowRecord } from '../core/flowlogs/types';
import type { NetworkModel } from '../core/model/types';

/** Where flow-log records come from (the port `learn` reads through): batches of items, in file order. */
export type FlowLogSource = (
  paths: readonly string[],
  options: {
    readonly format?: string;
    readonly onProgress?: (p: FlowProgress) => void;
    /**
     * A source that honours it hands each record here (a reused object, valid during the call) rather
     * than as an item: no allocation per record. A source that does not yields record items as before.
     */
    readonly onRecord?: (record: FlowRecord) => void;
    /**
     * A source that honours it digests the records itself (FlowDigester with the `digest` window, maybe
     * in several threads) and hands the parts here, in the order their records were read. Preferred to
     * `onRecord`; the result is the same.
     */
    readonly onPart?: (part: FlowPart) => void;
    readonly digest?: AggregateOptions;
    /** Threads a digesting source may use (1: one); default: the source decides. */
    readonly threads?: number;
  },
) => AsyncIterable<readonly FlowItem[]>;

export interface LearnDeps {
  readonly source: FlowLogSource;
  readonly model: NetworkModel;
  /** The current policy: marks proposals already declared and declared dependencies unseen. */
  readonly config?: Pick<GuardianConfig, 'dependencies'>;
  /** CloudTrail changes (the snapshot is the state before them, as for `replay`): REJECT causes. */
  readonly changes?: readonly TimedChange[];
  readonly onProgress?: (p: FlowProgress) => void;
}

export interface LearnOptions extends AggregateOptions {
  /** Field list for files without a header line (`${version} ${account-id} …`). */
  readonly format?: string;
  /** Threads reading and digesting the files (1: the main thread alone); default: the source decides. */
  readonly threads?: number;
  /** Line problems kept for the report (all are counted). Default 20. */
  readonly problemsKept?: number;
}

export interface LearnReport {
  readonly counts: LearnedTraffic['counts'];
  readonly problems: { readonly total: number; readonly first: readonly FlowLineProblem[] };
  /** The records seen in the window: earliest start, latest end (Unix seconds). */
  readonly span?: { readonly first: number; readonly last: number };
  readonly window: AggregateOptions;
  readonly proposal: Proposal;
  readonly leastPrivilege: LeastPrivilege;
  readonly rejects: readonly RejectExplanation[];
  /** The proposal as a guardian.yaml fragment. */
  readonly yaml: string;
}

function spanOf(edges: readonly { readonly stats: FlowStats }[]): LearnReport['span'] {
  if (edges.length === 0) return undefined;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of edges) {
    first = Math.min(first, e.stats.first);
    last = Math.max(last, e.stats.last);
  }
  return { first, last };
}

/**
 * `sg-guardian learn`: one streaming pass over the flow logs (memory bounded by distinct edges), then
 * proposals, least privilege and REJECT explanations from what it learned.
 */
export async function learnFromFlowLogs(
  paths: readonly string[],
  deps: LearnDeps,
  options: LearnOptions = {},
): Promise<LearnReport> {
  const window: AggregateOptions = {
    ...(options.since !== undefined ? { since: options.since } : {}),
    ...(options.until !== undefined ? { until: options.until } : {}),
  };
  const aggregator = new FlowAggregator(deps.model, window);
  const kept = options.problemsKept ?? 20;
  const problems: FlowLineProblem[] = [];
  let problemTotal = 0;
  const read = deps.source(paths, {
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    onRecord: (record) => aggregator.add(record),
    onPart: (part) => aggregator.merge(part),
    digest: window,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
  });
  for await (const batch of read)
    for (const item of batch) {
      if (item.kind === 'record') aggregator.add(item.record);
      else {
        problemTotal += 1;
        if (problems.length < kept) problems.push(item.problem);
      }
    }
  const traffic = aggregator.finish();
  const proposal = proposeDependencies(deps.model, traffic, deps.config);
  const span = spanOf([...traffic.accepted, ...traffic.rejected]);
  const header = [
    `Learned by sg-guardian learn from ${traffic.counts.records.toLocaleString('en-US')} flow-log records` +
      (span ? `, ${isoSeconds(span.first)} to ${isoSeconds(span.last)}` : ''),
    'Review before use: a dependency is what the window saw, not what the application needs.',
  ];
  return {
    counts: traffic.counts,
    problems: { total: problemTotal, first: problems },
    ...(span ? { span } : {}),
    window,
    proposal,
    leastPrivilege: leastPrivilege(deps.model, traffic),
    rejects: explainRejects(deps.model, traffic.rejected, deps.changes ?? []),
    yaml: proposalYaml(proposal, header),
  };
}
