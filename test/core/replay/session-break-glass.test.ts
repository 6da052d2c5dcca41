import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLAY_OPTIONS, ReplaySession } from '../../../lambdas/core/replay/session';
import { at, INCIDENT, logFile, replayFixture } from './fixtures';

const breakGlass = () => JSON.parse(readFileSync('test/events/create-tags-break-glass.json', 'utf8'));

describe('ReplaySession: break-glass', () => {
  it('honours a 2099 break-glass tag from its CreateTags time for breakGlassMaxHours only', async () => {
    // Prepare: the tag on sg-0backend123 at 16:00; SSH opened there 30 min later, nginx's rule revoked 25 h later
    const { model, config } = await replayFixture();
    const replay = new ReplaySession(model, config, DEFAULT_REPLAY_OPTIONS);
    const records = [
      breakGlass(),
      at(INCIDENT.sshToWorld, '2026-11-20T16:30:03Z', 'ssh-within'),
      at(INCIDENT.revoke8080, '2026-11-21T17:00:00Z', 'revoke-after'),
    ];

    // Act
    replay.document(logFile(records), 'history.json');
    const summary = replay.finish();

    // Assess
    const byId = Object.fromEntries(summary.violations.items.map((v) => [v.eventId, v]));
    expect(byId['ssh-within']).toMatchObject({
      action: 'notify',
      actionReason: expect.stringContaining('honoured until 2026-11-21T16:00:00.000Z'),
    });
    expect(byId['revoke-after']).toMatchObject({
      action: 'revert',
      actionReason: expect.stringContaining('honoured until 2026-11-21T16:00:00.000Z (passed)'),
    });
  });
});
