import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GuardianConfig } from '../../../lambdas/core/config/schema';
import { parseDocument } from '../../../lambdas/core/events/parse';
import type { ParsedEvent } from '../../../lambdas/core/events/types';
import type { NetworkModel } from '../../../lambdas/core/model/types';
import { applyChange } from '../../../lambdas/core/state/apply-change';
import { isWatched } from '../../../lambdas/core/verdict/exemption-changes';
import { judge } from '../../../lambdas/core/verdict/judge';
import { loadExamples } from '../../support/examples';

const TAG = 'guardian:exempt-until';
const BOB = 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_OnCall_4f1e2d3c/bob@example.com';

let model: NetworkModel;
let config: GuardianConfig;
let events: Record<string, ParsedEvent>;

beforeAll(async () => {
  ({ model, config, events } = await loadExamples());
});

/** The break-glass CreateTags / DeleteTags fixture, on another group or with another value when asked. */
function tagEvent(
  file: 'create-tags-break-glass' | 'delete-tags-break-glass',
  edit: { groupId?: string; until?: string } = {},
): ParsedEvent {
  const record = JSON.parse(readFileSync(`test/events/${file}.json`, 'utf8'));
  if (edit.groupId) record.requestParameters.resourcesSet.items[0].resourceId = edit.groupId;
  if (edit.until) record.requestParameters.tagSet.items[0].value = edit.until;
  return parseDocument(record)[0]!;
}

function tagged(groupId: string, until: string, on: NetworkModel = model): NetworkModel {
  return applyChange(on, { kind: 'tags-set', resourceIds: [groupId], tags: { [TAG]: until } }).model;
}

const AT_TAG_TIME = new Date('2026-11-20T16:00:05Z');

describe('judge: break-glass tag changes', () => {
  it('notifies and records who opened a 2099 exemption on a watched group, and that it is capped', () => {
    // Act
    const v = judge({ event: tagEvent('create-tags-break-glass'), model, config, now: AT_TAG_TIME });

    // Assess
    expect(v.verdict).toBe('ok');
    expect(v.action).toBe('notify');
    expect(v.reason).toContain(
      `break-glass exemption opened on sg-0backend123 by ${BOB} from 198.51.100.23 via cli until 2099-01-01T00:00:00Z`,
    );
    expect(v.reason).toContain('exceeds exemptions.breakGlassMaxHours 24: honoured until 2026-11-21T16:00:00.000Z');
    expect(v.exemptions).toEqual([
      expect.objectContaining({
        groupId: 'sg-0backend123',
        event: 'opened',
        until: '2099-01-01T00:00:00Z',
        openedAt: '2026-11-20T16:00:00Z',
        honouredUntil: '2026-11-21T16:00:00.000Z',
        exceedsLimit: true,
        watched: true,
      }),
    ]);
  });

  it('notifies an exemption within the limit without calling it over-long', () => {
    // Act
    const v = judge({
      event: tagEvent('create-tags-break-glass', { until: '2026-11-20T20:00:00Z' }),
      model,
      config,
      now: AT_TAG_TIME,
    });

    // Assess
    expect(v.action).toBe('notify');
    expect(v.reason).toContain('until 2026-11-20T20:00:00Z; honoured until 2026-11-20T20:00:00.000Z');
    expect(v.reason).not.toContain('exceeds');
    expect(v.exemptions?.[0]).toMatchObject({ event: 'opened', exceedsLimit: false });
  });

  it('reports a changed exemption with the time it replaces', () => {
    // Prepare
    const before = tagged('sg-0backend123', '2026-11-20T18:00:00Z');

    // Act
    const v = judge({ event: tagEvent('create-tags-break-glass'), model: before, config, now: AT_TAG_TIME });

    // Assess
    expect(v.action).toBe('notify');
    expect(v.exemptions?.[0]).toMatchObject({ event: 'changed', previousUntil: '2026-11-20T18:00:00Z' });
    expect(v.reason).toContain('break-glass exemption changed (was until 2026-11-20T18:00:00Z) on sg-0backend123');
  });

  it('records the closing of an exemption without notifying it', () => {
    // Prepare
    const before = tagged('sg-0backend123', '2026-11-20T20:00:00Z');

    // Act
    const v = judge({
      event: tagEvent('delete-tags-break-glass'),
      model: before,
      config,
      now: new Date('2026-11-20T17:00:05Z'),
    });

    // Assess
    expect(v.action).toBe('none');
    expect(v.exemptions).toEqual([
      expect.objectContaining({ event: 'closed', groupId: 'sg-0backend123', previousUntil: '2026-11-20T20:00:00Z' }),
    ]);
    expect(v.reason).toContain(`break-glass exemption closed on sg-0backend123 by ${BOB}`);
  });

  it('says nothing about a break-glass tag on a group the policy does not watch', () => {
    // Prepare: exposure only notified, so only the dependencies' groups are watched
    const policy: GuardianConfig = { ...config, actions: { ...config.actions, 'world-exposure': 'notify' } };
    expect(isWatched('sg-0default00', model, policy)).toBe(false);
    expect(isWatched('sg-0backend123', model, policy)).toBe(true);

    // Act
    const v = judge({
      event: tagEvent('create-tags-break-glass', { groupId: 'sg-0default00' }),
      model,
      config: policy,
      now: AT_TAG_TIME,
    });

    // Assess
    expect(v.action).toBe('none');
    expect(v.exemptions).toBeUndefined();
  });
});

describe('judge: a violation on a group carrying a break-glass tag', () => {
  const ssh = () => events['05-ssh-open-to-world']!;
  const openings = new Map([
    ['sg-0backend123', { groupId: 'sg-0backend123', until: '2099-01-01T00:00:00Z', openedAt: '2026-11-20T16:00:00Z' }],
  ]);

  it('honours a 2099 tag only up to breakGlassMaxHours after it was set, and says so', () => {
    // Prepare
    const after = tagged('sg-0backend123', '2099-01-01T00:00:00Z');

    // Act
    const within = judge({
      event: ssh(),
      model: after,
      config,
      now: new Date('2026-11-20T16:30:03Z'),
      breakGlassOpenings: openings,
    });
    const later = judge({
      event: ssh(),
      model: after,
      config,
      now: new Date('2026-11-21T16:30:03Z'),
      breakGlassOpenings: openings,
    });

    // Assess
    expect(within.action).toBe('notify');
    expect(within.actionReason).toBe(
      'exemption on sg-0backend123 until 2099-01-01T00:00:00Z (set 2026-11-20T16:00:00.000Z) ' +
        'exceeds exemptions.breakGlassMaxHours 24: honoured until 2026-11-21T16:00:00.000Z',
    );
    expect(later.action).toBe('revert');
    expect(later.actionReason).toMatch(/honoured until 2026-11-21T16:00:00.000Z \(passed\)$/);
    expect(later.exemptions).toEqual([expect.objectContaining({ event: 'over-limit', exceedsLimit: true })]);
  });

  it('does not honour a 2099 tag whose set time nobody knows, and reports it', () => {
    // Prepare
    const after = tagged('sg-0backend123', '2099-01-01T00:00:00Z');

    // Act
    const v = judge({ event: ssh(), model: after, config, now: new Date('2026-11-20T16:30:03Z') });

    // Assess
    expect(v.action).toBe('revert');
    expect(v.actionReason).toMatch(/^exemption on sg-0backend123 until 2099-01-01T00:00:00Z exceeds .* set is unknown/);
  });

  it('honours a tag within the limit silently, as before', () => {
    // Prepare
    const after = tagged('sg-0backend123', '2026-11-20T20:00:00Z');

    // Act
    const v = judge({ event: ssh(), model: after, config, now: new Date('2026-11-20T16:30:03Z') });

    // Assess
    expect(v.action).toBe('notify');
    expect(v.actionReason).toBe('break-glass tag on sg-0backend123 until 2026-11-20T20:00:00Z');
    expect(v.exemptions).toBeUndefined();
  });
});
