import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAudit } from '../../bin/commands/audit';
import { DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import type { AuditEntry } from '../../lambdas/app/ports';
import { type Dynalite, startDynalite } from '../support/dynalite';

let db: Dynalite;
let table: string;

function entry(
  eventId: string,
  recordedAt: string,
  groupIds: string[],
  extra: Partial<AuditEntry> = {},
): AuditEntry {
  return {
    eventId,
    eventName: 'AuthorizeSecurityGroupIngress',
    recordedAt,
    groupIds,
    actor: {
      arn: 'arn:aws:iam::123456789012:user/alice',
      type: 'IAMUser',
      sourceIp: '203.0.113.45',
      via: 'console',
    },
    verdict: 'violation',
    findings: [],
    action: 'revert',
    outcome: 'reverted',
    mode: 'enforce',
    ...extra,
  };
}

beforeAll(async () => {
  db = await startDynalite();
  table = db.tables.audit;
  const log = new DynamoDbAuditLog({ client: db.client, tableName: table });
  await log.record(entry('ev-1', '2026-11-20T10:00:00.000Z', ['sg-0abc', 'sg-0def']));
  await log.record(
    entry('ev-2', '2026-11-20T11:00:00.000Z', ['sg-0abc'], {
      eventName: 'RevokeSecurityGroupIngress',
      eventTime: '2026-11-20T10:59:58Z',
      actor: {
        arn: 'arn:aws:sts::123456789012:assumed-role/deployer/ci',
        type: 'AssumedRole',
        via: 'terraform',
      },
      verdict: 'violation',
      action: 'approved-revert',
      outcome: 'partial',
      approver: 'U123 (bob)',
    }),
  );
  await log.record(entry('ev-3', '2026-11-20T12:00:00.000Z', ['sg-0def'], { verdict: 'ok', action: 'none' }));
});
afterAll(async () => {
  await db.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Runs `sg-guardian audit ...` on a program built here, with the loopback dynalite client. */
async function audit(...args: string[]) {
  return auditWith(() => db.client, ...args);
}

async function auditWith(clientFactory: (() => DynamoDBClient) | undefined, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const program = new Command('sg-guardian').exitOverride().configureOutput({
    writeOut: (s) => io.out(s),
    writeErr: (s) => io.err(s),
  });
  registerAudit(program, io, (c) => (code = c), clientFactory);
  await program.parseAsync(['audit', ...args], { from: 'user' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sg-guardian audit', () => {
  it('prints one line per entry of the group, newest first, with actor, verdict, action, outcome and approver', async () => {
    // Act
    const { code, out } = await audit('--group', 'sg-0abc', '--table', table);

    // Assess
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'Audit of sg-0abc: 2 change(s), newest first',
      '2026-11-20T10:59:58Z  RevokeSecurityGroupIngress  deployer/ci (AssumedRole) from unknown address via terraform  violation  approved-revert  partial  approved by U123 (bob)',
      '2026-11-20T10:00:00.000Z  AuthorizeSecurityGroupIngress  user/alice (IAMUser) from 203.0.113.45 via console  violation  revert  reverted  -',
    ]);
  });

  it('prints the entries as JSON with --json and honours --limit', async () => {
    // Act
    const { code, out } = await audit('--group', 'sg-0def', '--table', table, '--json', '--limit', '1');

    // Assess
    expect(code).toBe(0);
    const entries = JSON.parse(out) as AuditEntry[];
    expect(entries).toEqual([
      entry('ev-3', '2026-11-20T12:00:00.000Z', ['sg-0def'], { verdict: 'ok', action: 'none' }),
    ]);
  });

  it('says so when the group has no audited changes', async () => {
    // Act
    const { code, out } = await audit('--group', 'sg-0quiet', '--table', table);

    // Assess
    expect(code).toBe(0);
    expect(out).toBe('No audited changes for sg-0quiet.');
  });

  it('exits 2 naming the table when it does not exist', async () => {
    // Act
    const { code, err } = await audit('--group', 'sg-0abc', '--table', 'no-such-table');

    // Assess
    expect(code).toBe(2);
    expect(err).toContain('audit table "no-such-table" not found');
  });

  it('exits 2 on a --limit that is not a positive integer, as JSON with --json', async () => {
    // Act
    const text = await audit('--group', 'sg-0abc', '--table', table, '--limit', '0');
    const json = await audit('--group', 'sg-0abc', '--table', table, '--limit', 'ten', '--json');

    // Assess
    expect(text.code).toBe(2);
    expect(text.err).toContain('--limit: expected a positive integer, got "0"');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out).error.name).toBe('UsageError');
  });

  it('builds its own client from the environment (AWS_ENDPOINT_URL, AWS_REGION) when none is injected', async () => {
    // Prepare
    vi.stubEnv('AWS_ENDPOINT_URL', db.endpoint);
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');

    // Act
    const { code, out } = await auditWith(undefined, '--group', 'sg-0abc', '--table', table, '--json');

    // Assess
    expect(code).toBe(0);
    expect((JSON.parse(out) as AuditEntry[]).map((e) => e.eventId)).toEqual(['ev-2', 'ev-1']);
  });
});
