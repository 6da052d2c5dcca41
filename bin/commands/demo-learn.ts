import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudTrailChanges } from '../../lambdas/adapters/files/cloudtrail-changes';
import { readConfigFile } from '../../lambdas/adapters/files/config-file';
import { readFlowLogBatches } from '../../lambdas/adapters/files/flow-log-files';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { learnFromFlowLogs } from '../../lambdas/app/learn';

const INCIDENT = join('events', '01-revoke-8080-from-nginx.json');

/**
 * The last step of `npm run demo`: `learn` on the example flow logs (examples/flow-logs), in a few
 * lines. Skipped when the examples folder has no flow logs (an older copy).
 */
export async function runLearnDemo(dir: string, say: (text: string) => void): Promise<void> {
  const flowLogs = join(dir, 'flow-logs');
  if (!existsSync(flowLogs)) return;
  const [model, config, history] = await Promise.all([
    loadSnapshotModel(join(dir, 'account')),
    readConfigFile(join(dir, 'guardian.yaml')),
    readCloudTrailChanges([join(dir, INCIDENT)]),
  ]);
  const report = await learnFromFlowLogs([flowLogs], { source: readFlowLogBatches, model, config, changes: history.changes });
  const { proposed } = report.proposal;
  const declared = proposed.filter((p) => p.declaredAs).length;
  say(`\n▶ learn: ${report.counts.records.toLocaleString('en-US')} flow-log records from ${flowLogs}`);
  say(`   ${proposed.length} dependencies learned (${declared} already declared): ${proposed.map((p) => p.dependency.name).join(', ')}`);
  for (const w of report.leastPrivilege.world)
    say(`   ${w.ruleId ?? w.key} (${w.groupName}) opens ${w.rule}: only ${w.sources.map((s) => s.value).join(', ')} came through`);
  const top = report.rejects[0];
  if (top) {
    say(`   ${top.summary}`);
    say(`     ${top.layer ?? 'open now'}; a client sees ${top.symptom.text}`);
  }
  say(`   sg-guardian learn --snapshot ${join(dir, 'account')} --flow-logs ${flowLogs} --config ${join(dir, 'guardian.yaml')} --events ${join(dir, INCIDENT)} --out learned.yaml`);
}
