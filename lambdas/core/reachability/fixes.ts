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
  const add = (fix: Fix) => {
    if (!fixes.has(fix.awsCli)) fixes.set(fix.awsCli, fix);
  };
  for (const block of blocks) {
    if ('naclId' in block) {
      const direction = `${block.naclId}|${block.egress}`;
      const ports = block.ports ? `${block.ports.from}-${block.ports.to}` : '';
      const key = `${block.layer}|${direction}|${block.peerIp}|${ports}`;
      if (naclSeen.has(key)) continue;
      naclSeen.add(key);
      let numbers = taken.get(direction);
      if (!numbers) {
        numbers = new Set<number>();
        taken.set(direction, numbers);
      }
      add(naclFix(ctx, block, numbers));
    } else for (const fix of sgFixes(ctx, block, first)) add(fix);
  }
  return [...fixes.values()];
}
