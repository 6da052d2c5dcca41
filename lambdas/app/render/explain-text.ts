import type { DependencyResult } from '../../core/verdict/types';
import { describeTraffic } from './describe-change';

/** `sg-guardian explain`: one path, layer by layer, in the order a packet meets them. */
export function renderExplainText(result: DependencyResult): string {
  const traffic = describeTraffic(result.protocol, result.port, result.port);
  const lines = [
    `${result.sourceGroupIds.join(', ')} → ${result.destinationGroupIds.join(', ')} on ${traffic}: ${result.status.toUpperCase()}`,
  ];
  if (result.reason) lines.push(`  ${result.reason}`);
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
