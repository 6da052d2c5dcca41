import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../lambdas/core/config/parse-config';
import { parseDocument } from '../../../lambdas/core/events/parse';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { judge } from '../../../lambdas/core/verdict/judge';
import { loadExamples, NOW } from '../../support/examples';

let model: NetworkModel;

beforeAll(async () => {
  ({ model } = await loadExamples());
});

/** The real-shaped RunInstances record of the parser tests (two ENIs: sg-0backend123 on device 0, sg-0legacy789 on device 1). */
function runInstances() {
  const [event] = parseDocument(JSON.parse(readFileSync('test/events/run-instances-two-enis.json', 'utf8')));
  return event!;
}

describe('judge: a real-shaped RunInstances record against the example account', () => {
  it('reports the launched backend whose device-1 ENI carries the legacy group as unreachable from nginx', () => {
    // Prepare
    const config = parseConfig(
      [
        'dependencies:',
        '  - { name: nginx-to-backends, from: { groupId: sg-0nginx456 }, to: { instanceTags: { Role: backend } }, port: 8080 }',
      ].join('\n'),
      'guardian.yaml',
    );

    // Act
    const v = judge({ event: runInstances(), model, config, now: NOW });

    // Assess
    expect(v.verdict).toBe('violation');
    const destinations = new Set(v.findings.flatMap((f) => f.pairs ?? []).map((p) => p.destinationEniId));
    expect([...destinations]).toEqual(['eni-0backend3b']);
    expect(v.revert.steps).toEqual([]);
    expect(v.action).toBe('notify');
  });
});
