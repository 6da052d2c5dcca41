import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../lambdas/handlers/settings';

const TABLES = {
  SG_GUARDIAN_STATE_TABLE: 'state',
  SG_GUARDIAN_AUDIT_TABLE: 'audit',
  SG_GUARDIAN_IDEMPOTENCY_TABLE: 'idempotency',
};

/** One bad variable each, and the message the error must carry (variable and zod's English message). */
const INVALID: readonly (readonly [string, Record<string, string>, RegExp])[] = [
  ['a missing table', { SG_GUARDIAN_STATE_TABLE: '' }, /SG_GUARDIAN_STATE_TABLE: Too small/],
  ['an unknown mode', { SG_GUARDIAN_MODE: 'revert' }, /SG_GUARDIAN_MODE: Invalid option: expected one of "enforce"\|"dry-run"/],
  ['a TTL that is not a whole number', { SG_GUARDIAN_AUDIT_TTL_DAYS: '1.5' }, /SG_GUARDIAN_AUDIT_TTL_DAYS: Invalid input: expected int/],
  ['a topic that is not an ARN', { SG_GUARDIAN_TOPIC_ARN: 'my-topic' }, /SG_GUARDIAN_TOPIC_ARN: Invalid string: must start with "arn:"/],
  ['a role name with a space', { SG_GUARDIAN_MEMBER_ROLE_NAME: 'sg guardian' }, /SG_GUARDIAN_MEMBER_ROLE_NAME: Invalid string/],
  ['a Slack API URL that is not a URL', { SG_GUARDIAN_SLACK_API_URL: 'slack' }, /SG_GUARDIAN_SLACK_API_URL: Invalid URL/],
];

describe('readSettings', () => {
  it('fills the defaults and splits the watched regions', () => {
    // Act
    const settings = readSettings({ ...TABLES, SG_GUARDIAN_REGIONS: ' eu-west-1, ,us-east-1 ' });

    // Assess
    expect(settings).toEqual({
      ...TABLES,
      SG_GUARDIAN_CONFIG: 'guardian.json',
      SG_GUARDIAN_MODE: 'dry-run',
      SG_GUARDIAN_AUDIT_TTL_DAYS: 365,
      SG_GUARDIAN_REGIONS: ['eu-west-1', 'us-east-1'],
    });
  });

  it('reads a TTL given as text as a number', () => {
    // Act
    const settings = readSettings({ ...TABLES, SG_GUARDIAN_AUDIT_TTL_DAYS: '30' });

    // Assess
    expect(settings.SG_GUARDIAN_AUDIT_TTL_DAYS).toBe(30);
  });

  it.each(INVALID)('refuses %s, naming the variable', (_name, env, message) => {
    // Act
    const act = () => readSettings({ ...TABLES, ...env });

    // Assess
    expect(act).toThrow(SettingsError);
    expect(act).toThrow(message);
  });
});
