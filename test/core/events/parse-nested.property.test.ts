import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../lambdas/core/events/parse';

/**
 * The new calls keep what matters in nested objects (PascalCase request wrappers, response sets),
 * which random top-level JSON rarely reaches: put random JSON exactly there.
 */
const SHAPES: readonly (readonly [string, (v: unknown) => unknown, (v: unknown) => unknown])[] = [
  ['RunInstances', (v) => ({ launchTemplate: v, tagSpecificationSet: v }), (v) => ({ instancesSet: { items: [v] } })],
  [
    'RunInstances',
    () => ({}),
    (v) => ({ instancesSet: { items: [{ instanceId: 'i-1', networkInterfaceSet: { items: [v] } }] } }),
  ],
  ['CreateNetworkInterface', () => ({}), (v) => ({ networkInterface: v })],
  [
    'CreateLaunchTemplate',
    (v) => ({ CreateLaunchTemplateRequest: { LaunchTemplateData: v } }),
    (v) => ({ CreateLaunchTemplateResponse: { launchTemplate: v } }),
  ],
  [
    'CreateLaunchTemplateVersion',
    (v) => ({ CreateLaunchTemplateVersionRequest: { LaunchTemplateData: { NetworkInterface: v, TagSpecification: v } } }),
    (v) => ({ CreateLaunchTemplateVersionResponse: { launchTemplateVersion: v } }),
  ],
  ['ModifyLaunchTemplate', (v) => ({ ModifyLaunchTemplateRequest: v }), (v) => ({ ModifyLaunchTemplateResponse: v })],
  ['ModifyManagedPrefixList', (v) => ({ ModifyManagedPrefixListRequest: { PrefixListId: 'pl-1', AddEntry: v } }), () => ({})],
  ['CreateSecurityGroup', (v) => ({ groupName: 'g', tagSpecificationSet: v }), (v) => ({ groupId: v })],
  ['DeleteTags', (v) => ({ resourcesSet: { items: [{ resourceId: 'i-1' }] }, tagSet: v }), () => ({})],
];

describe('the new parsers on random nested input', () => {
  it('never throw and answer parsed, ignored or invalid (with a path and a reason)', () => {
    fc.assert(
      fc.property(fc.nat(SHAPES.length - 1), fc.jsonValue({ maxDepth: 4 }), (index, value) => {
        // Prepare
        const [eventName, request, response] = SHAPES[index] ?? SHAPES[0]!;
        const record = {
          eventSource: 'ec2.amazonaws.com',
          eventName,
          eventID: 'e-1',
          requestParameters: request(value),
          responseElements: response(value),
        };

        // Act
        const event = parseRecord({ path: '$.detail', record });

        // Assess
        expect(['parsed', 'ignored', 'invalid']).toContain(event.status);
        if (event.status === 'invalid') {
          expect(event.path.startsWith('$.detail.')).toBe(true);
          expect(event.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 800 },
    );
  });
});
