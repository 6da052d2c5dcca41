import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLAY_OPTIONS, ReplaySession } from '../../../lambdas/core/replay/session';
import {
  at,
  INCIDENT,
  lakeResults,
  logFile,
  lookupEvents,
  otherRecord,
  reauthorize8080,
  replayFixture,
} from './fixtures';

const ms = (iso: string) => Date.parse(iso);

async function session(windowMinutes = 30, limit = 100) {
  const { model, config } = await replayFixture();
  return new ReplaySession(model, config, { ...DEFAULT_REPLAY_OPTIONS, windowMinutes, limit });
}

describe('ReplaySession', () => {
  it('judges changes in time order when a later file holds an earlier change (within the reorder window)', async () => {
    // Prepare
    const replay = await session();
    const revoke = at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke');
    const restore = reauthorize8080('2026-11-20T03:51:40Z', 'restore');

    // Act
    replay.watermark(ms('2026-11-20T03:55:00Z'));
    replay.document(logFile([restore]), 'a.json');
    replay.watermark(ms('2026-11-20T04:00:00Z'));
    replay.document(logFile([revoke]), 'b.json');
    const summary = replay.finish();

    // Assess
    expect(summary.violations.items.map((v) => v.eventId)).toEqual(['revoke']);
    expect(summary.verdicts).toMatchObject({ violation: 1, ok: 1 });
    expect(summary.outages.items).toEqual([
      expect.objectContaining({
        dependency: 'nginx-to-backend',
        brokenBy: expect.objectContaining({ eventId: 'revoke', source: 'b.json $.Records[0]' }),
        restoredBy: expect.objectContaining({ eventId: 'restore' }),
        durationMs: 575_000,
      }),
    ]);
    expect(summary.ordering.late).toBe(0);
  });

  it('counts a change that arrives after later ones were judged as late, and still judges it', async () => {
    // Prepare
    const replay = await session(5);

    // Act
    replay.watermark(ms('2026-11-20T04:00:00Z'));
    replay.document(logFile([reauthorize8080('2026-11-20T03:51:40Z', 'restore')]), 'a.json');
    replay.watermark(ms('2026-11-20T04:05:00Z'));
    replay.document(logFile([at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke')]), 'b.json');
    const summary = replay.finish();

    // Assess
    expect(summary.ordering.late).toBe(1);
    expect(summary.violations.total).toBe(1);
    expect(summary.outages.items[0]).toMatchObject({ brokenBy: { eventId: 'revoke' } });
    expect(summary.outages.items[0]?.restoredBy).toBeUndefined();
  });

  it('judges lookup-events output (newest first) oldest first', async () => {
    // Prepare
    const replay = await session();
    const newestFirst = [
      reauthorize8080('2026-11-20T03:51:40Z', 'restore'),
      at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke'),
    ];

    // Act
    replay.document(lookupEvents(newestFirst), 'lookup.json');
    const summary = replay.finish();

    // Assess
    expect(summary.outages.items[0]).toMatchObject({ brokenBy: { eventId: 'revoke' }, restoredBy: { eventId: 'restore' } });
    expect(summary.violations.items[0]?.source).toBe('lookup.json $.Events[1].CloudTrailEvent');
  });

  it('reads only the supported records of lookup-events output, counting the others from their EventName', async () => {
    // Prepare
    const replay = await session();
    const doc = lookupEvents([otherRecord('2026-11-20T03:00:00Z', 'o1'), INCIDENT.sshToWorld]);
    doc.Events[0]!.CloudTrailEvent = 'not JSON: never parsed';

    // Act
    replay.document(doc, 'lookup.json');
    const summary = replay.finish();

    // Assess
    expect(summary.records).toBe(2);
    expect(summary.verdicts).toMatchObject({ ignored: 1, violation: 1, invalid: 0 });
  });

  it('reads CloudTrail Lake results from an eventJson column or from the record columns', async () => {
    // Prepare
    const replay = await session();
    const fromColumns = [
      { eventid: 'columns-1' },
      { eventname: 'AuthorizeSecurityGroupIngress' },
      { eventsource: 'ec2.amazonaws.com' },
      { eventtime: '2026-11-20 16:40:00.000' },
      { useridentity: JSON.stringify(INCIDENT.sshToWorld.userIdentity) },
      { requestparameters: JSON.stringify(INCIDENT.sshToWorld.requestParameters) },
      { responseelements: JSON.stringify(INCIDENT.sshToWorld.responseElements) },
    ];
    const doc = lakeResults([INCIDENT.revoke8080]);
    doc.QueryResultRows.push(fromColumns as never);

    // Act
    replay.document(doc, 'lake.json');
    const summary = replay.finish();

    // Assess
    expect(summary.violations.items.map((v) => [v.eventId, v.eventTime])).toEqual([
      [INCIDENT.revoke8080.eventID, '2026-11-20T03:42:05Z'],
      ['columns-1', '2026-11-20 16:40:00.000'],
    ]);
    expect(summary.violations.items[1]?.findings[0]?.kind).toBe('world-exposure');
  });

  it('counts records that are not supported changes as ignored, invalid ones with their file and JSON path, and unreadable files apart', async () => {
    // Prepare
    const replay = await session();
    const records = [
      otherRecord('2026-11-20T01:00:00Z', 'o1'),
      otherRecord('2026-11-20T01:00:01Z', 'o2', 'DescribeInstances', 'ec2.amazonaws.com'),
      42,
      { eventName: '' },
      { ...INCIDENT.sshToWorld, requestParameters: 'oops' },
    ];

    // Act
    replay.document(logFile(records), 'x.json.gz');
    replay.unreadable('broken.json.gz', 'cannot read: incorrect header check');
    const summary = replay.finish();

    // Assess
    expect(summary.records).toBe(5);
    expect(summary.verdicts).toMatchObject({ ignored: 2, invalid: 3, violation: 0 });
    expect(summary.invalid.items).toEqual([
      { file: 'x.json.gz', path: '$.Records[2]', reason: 'record is 42, expected an object' },
      { file: 'x.json.gz', path: '$.Records[3].eventName', reason: 'eventName is ""' },
      { file: 'x.json.gz', path: '$.Records[4].requestParameters', reason: 'requestParameters is "oops"' },
    ]);
    expect(summary.files.problems).toEqual([{ file: 'broken.json.gz', reason: 'cannot read: incorrect header check' }]);
    expect(summary.actions.notify).toBe(1);
    expect(summary.files.unreadable).toBe(1);
  });

  it('does not apply a failed call and counts it for its principal', async () => {
    // Prepare
    const replay = await session();
    const failedRevoke = { ...at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'failed'), errorCode: 'Client.UnauthorizedOperation' };

    // Act
    replay.document(logFile([failedRevoke, at(INCIDENT.open8080ToWorld, '2026-11-20T03:50:00Z', 'later')]), 'a.json');
    const summary = replay.finish();

    // Assess
    expect(summary.verdicts).toMatchObject({ 'not-applied': 1 });
    expect(summary.outages.total).toBe(0);
    expect(summary.principals[0]).toMatchObject({ principal: 'arn:aws:iam::123456789012:user/alice', failedCalls: 1 });
  });

  it('judges a record seen twice (same eventID, overlapping inputs) once', async () => {
    // Prepare
    const replay = await session();

    // Act
    replay.document(logFile([INCIDENT.sshToWorld]), 'a.json');
    replay.document(lookupEvents([INCIDENT.sshToWorld]), 'b.json');
    const summary = replay.finish();

    // Assess
    expect(summary.violations.total).toBe(1);
    expect(summary.ordering.duplicates).toBe(1);
  });

  it('applies each change so later ones are judged against the state it left', async () => {
    // Prepare: 8080 opened to the world first, so nginx still gets in when its own rule goes
    const replay = await session();
    const open = at(INCIDENT.open8080ToWorld, '2026-11-20T03:40:00Z', 'open');
    const revoke = at(INCIDENT.revoke8080, '2026-11-20T03:42:05Z', 'revoke');

    // Act
    replay.document(logFile([revoke, open]), 'a.json');
    const summary = replay.finish();

    // Assess
    expect(summary.violations.items.map((v) => v.eventId)).toEqual(['open']);
    expect(summary.verdicts.ok).toBe(1);
    expect(summary.outages.total).toBe(0);
  });
});
