import { type Symptom, symptomOf } from '../../core/flowlogs/symptom';
import type { DependencyResult } from '../../core/verdict/types';
import { describeTraffic } from './describe-change';

/**
 * What a client would see on this path: a timeout when an SG or NACL blocks it (they drop silently);
 * when every pair is open, "connection refused" can only come from the host (an RST: nothing listening).
 * Undefined when no pair could be judged (unresolved).
 */
export function pathSymptom(result: DependencyResult): Symptom | undefined {
  if (result.pairs.length === 0) return undefined;
  const blocked = result.pairs.find((p) => !p.reachable)?.layers.find((l) => l.status === 'block');
  return symptomOf(result.protocol, blocked?.layer, result.port);
}

/** `sg-guardian explain`: one path, layer by layer, in the order a packet meets them. */
export function renderExplainText(result: DependencyResult): string {
  const traffic = describeTraffic(result.protocol, result.port, result.port);
  const lines = [
    `${result.sourceGroupIds.join(', ')} → ${result.destinationGroupIds.join(', ')} on ${traffic}: ${result.status.toUpperCase()}`,
  ];
  if (result.reason) lines.push(`  ${result.reason}`);
  const symptom = pathSymptom(result);
  if (symptom) lines.push(`  A client sees: ${symptom.text}`);
  for (const p of result.pairs) {
    lines.push(
      '',
      `${p.sourceEniId} (${p.sourceIp}) → ${p.destinationEniId} (${p.destinationIp}): ${p.reachable ? 'reachable' : 'BLOCKED'}`,
    );
    for (const l of p.layers)
      lines.push(`  ${symbol(l.status)} ${l.layer.padEnd(13)} ${l.status.padEnd(13)} ${l.detail}`);
  }
  if (result.fixes.length) {
    lines.push('', 'Least-privilege fix');
    for (const f of result.fixes)
      lines.push(`  ${f.summary}`, `    ${f.awsCli}`, ...f.terraform.split('\n').map((t) => `    ${t}`));
  }
  return lines.join('\n');
}

function symbol(status: string): string {
  return status === 'allow' ? '✓' : status === 'block' ? '✗' : '–';
}
