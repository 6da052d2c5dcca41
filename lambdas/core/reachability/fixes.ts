import type { Fix } from '../verdict/types';
import { naclFix } from './nacl-fix';
import { type FixContext, sgFixes } from './sg-fix';
import type { Block } from './types';

export type { FixContext } from './sg-fix';

/** Least-privilege fixes (SG-to-SG rules, /32 NACL entries; never 0.0.0.0/0) for every block, deduplicated. */
export function buildFixes(ctx: FixContext, blocks: readonly Block[]): Fix[] {
  const fixes = new Map<string, Fix>();
  for (const block of blocks) {
    const found = 'naclId' in block ? [naclFix(ctx, block)] : sgFixes(ctx, block);
    for (const fix of found) if (!fixes.has(fix.awsCli)) fixes.set(fix.awsCli, fix);
  }
  return [...fixes.values()];
}
