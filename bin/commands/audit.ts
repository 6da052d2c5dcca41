import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Command } from 'commander';
import { DEFAULT_AUDIT_LIMIT, DynamoDbAuditLog } from '../../lambdas/adapters/aws/dynamodb/dynamodb-audit-log';
import type { AuditEntry } from '../../lambdas/app/ports';
import { describeActor } from '../../lambdas/app/render/describe-change';
import { EXIT, type Io, runCommand, UsageError } from './shared';
import { withoutRequestLogging } from '../../lambdas/adapters/aws/no-request-logging';

interface AuditOptions {
  group: string;
  table: string;
  limit: string;
  json?: boolean;
}

/** Builds the DynamoDB client; the default honours AWS_ENDPOINT_URL, AWS_REGION and the credential chain. */
export type DynamoDbClientFactory = () => DynamoDBClient;

export function registerAudit(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
  clientFactory?: DynamoDbClientFactory,
): void {
  program
    .command('audit')
    .description("List a security group's audited changes, newest first, from the audit table")
    .requiredOption('--group <sg-id>', 'security group id')
    .requiredOption('--table <name>', 'DynamoDB audit table name')
    .option('--limit <n>', 'how many entries at most', String(DEFAULT_AUDIT_LIMIT))
    .option('--json', 'print the entries as JSON')
    .action(async (opts: AuditOptions) => {
      setExit(
        await runCommand(io, opts.json === true, async () => {
          const limit = parseLimit(opts.limit);
          const entries = await readEntries(opts, limit, clientFactory);
          if (opts.json) io.out(JSON.stringify(entries, null, 2));
          else io.out(renderAuditText(opts.group, entries));
          return EXIT.ok;
        }),
      );
    });
}

async function readEntries(
  opts: AuditOptions,
  limit: number,
  clientFactory: DynamoDbClientFactory | undefined,
): Promise<AuditEntry[]> {
  const client = clientFactory ? clientFactory() : withoutRequestLogging(new DynamoDBClient({}));
  try {
    return await new DynamoDbAuditLog({ client, tableName: opts.table }).forGroup(opts.group, limit);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === 'ResourceNotFoundException')
      throw new UsageError(`--table: audit table "${opts.table}" not found (${error.message})`);
    if (/region is missing/i.test(error.message))
      throw new UsageError('no AWS region configured: set AWS_REGION or a profile region');
    throw error;
  } finally {
    if (!clientFactory) client.destroy();
  }
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1)
    throw new UsageError(`--limit: expected a positive integer, got "${text}"`);
  return limit;
}

/** A header, then one line per entry: time, event, actor, verdict, action, outcome, approver. */
export function renderAuditText(groupId: string, entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return `No audited changes for ${groupId}.`;
  const lines = entries.map((e) =>
    [
      e.eventTime ?? e.recordedAt,
      e.eventName,
      describeActor(e.actor),
      e.verdict,
      e.action,
      e.outcome ?? '-',
      e.approver ? `approved by ${e.approver}` : '-',
    ].join('  '),
  );
  return [`Audit of ${groupId}: ${entries.length} change(s), newest first`, ...lines].join('\n');
}
