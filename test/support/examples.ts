import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSnapshotModel } from '../../lambdas/adapters/files/snapshot-files';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { parseDocument } from '../../lambdas/core/events/parse';
import type { ParsedEvent } from '../../lambdas/core/events/types';

export const EXAMPLES = 'examples';

/** The example account, policy and incident events the demo uses. */
export async function loadExamples() {
  const model = await loadSnapshotModel(join(EXAMPLES, 'account'));
  const config = parseConfig(readFileSync(join(EXAMPLES, 'guardian.yaml'), 'utf8'), 'guardian.yaml');
  const events: Record<string, ParsedEvent> = {};
  for (const file of readdirSync(join(EXAMPLES, 'events')).sort()) {
    const [event] = parseDocument(JSON.parse(readFileSync(join(EXAMPLES, 'events', file), 'utf8')));
    events[file.replace(/\.json$/, '')] = event!;
  }
  return { model, config, events };
}

export const NOW = new Date('2026-11-20T20:00:00Z');
