import type { Fix } from '../verdict/types';
import { naclFix } from './nacl-fix';
import { type FixContext, sgFixes } from './sg-fix';
import type { Block } from './types';

export type { FixContext } from './sg-fix';

/**
 * Least-privilege fixes (SG-to-SG rules, /32 NACL entries; never 0.0.0.0/0) for every block, deduplicated.
 * NACL entries proposed together get distinct rule numbers.
 */
export function buildFixes(ctx: FixContext, blocks: readonly Block[]): Fix[] {
  const fixes = new Map<string, Fix>();
  const naclSeen = new Set<string>();
  const asked = new Set<string>();
  const first = (key: string): boolean => {
    if (asked.has(key)) return false;
    asked.add(key);
    return true;
  };
  const taken = new Map<string, Set<number>>();
  for (const block of blocks) {
    let found: Fix[];
    if ('naclId' in block) {
      const ports = block.ports ? `${block.ports.from}-${block.ports.to}` : '';
      const key = `${block.layer}|${block.naclId}|${block.egress}|${block.peerIp}|${ports}`;
      if (naclSeen.has(key)) continue;
      naclSeen.add(key);
      const numbers = taken.get(`${block.naclId}|${block.egress}`) ?? new Set<number>();
      taken.set(`${block.naclId}|${block.egress}`, numbers);
      found = [naclFix(ctx, block, numbers)];
    } else found = sgFixes(ctx, block, first);
    for (const fix of found) if (!fixes.has(fix.awsCli)) fixes.set(fix.awsCli, fix);
  }
  return [...fixes.values()];
}
