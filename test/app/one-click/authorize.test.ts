import { describe, expect, it } from 'vitest';
import { mayDecide } from '../../../lambdas/app/one-click/authorize';

const APPROVALS = { slackUsers: ['U0ALICE'], slackUserGroups: ['S0ONCALL', 'S0SEC'], linkTtlHours: 24 };
const directory = (groups: Record<string, string[] | Error>) => ({
  async membersOf(id: string) {
    const members = groups[id];
    if (members instanceof Error) throw members;
    return members ?? [];
  },
});

describe('who may decide', () => {
  it('allows a listed user without asking Slack', async () => {
    // Act
    const result = await mayDecide('U0ALICE', APPROVALS, undefined);

    // Assess
    expect(result).toEqual({ allowed: true });
  });

  it('allows a member of any approver group', async () => {
    // Act
    const result = await mayDecide('U0CAROL', APPROVALS, directory({ S0ONCALL: [], S0SEC: ['U0CAROL'] }));

    // Assess
    expect(result).toEqual({ allowed: true });
  });

  it('allows nobody when no approvers are configured', async () => {
    // Act
    const result = await mayDecide(
      'U0ALICE',
      { ...APPROVALS, slackUsers: [], slackUserGroups: [] },
      undefined,
    );

    // Assess
    expect(result).toEqual({
      allowed: false,
      reason: 'U0ALICE is not in approvals.slackUsers or a member of approvals.slackUserGroups',
    });
  });

  it('denies, and says why, when a group cannot be read', async () => {
    // Act
    const result = await mayDecide(
      'U0CAROL',
      APPROVALS,
      directory({ S0ONCALL: new Error('missing_scope'), S0SEC: [] }),
    );

    // Assess
    expect(result).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('S0ONCALL cannot be read: missing_scope'),
    });
  });
});
