import { join } from 'node:path';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Clock } from '../../../app/ports';
import type { SnapshotDocuments, SnapshotFile } from '../../../core/model/documents';
import { type AccessContext, explainAwsFailure } from '../aws-access-errors';
import { type ApiTally, Ec2ReadTally } from './ec2-read-tally';
import { EC2_READER_IAM_ACTIONS, Ec2AccountReader } from './ec2-reader';
import { noProgress, type ProgressBar } from '../../local/progress-bar';
import {
  checkSnapshotFolder,
  SNAPSHOT_METADATA_FILE,
  writeJsonAtomic,
  writeSnapshotDocuments,
} from '../../files/snapshot-writer';
import { systemClock } from '../../local/system-clock';

export interface CaptureOptions {
  /** The snapshot folder: created when absent; an existing one must be empty or a snapshot. */
  readonly dir: string;
  /** The AWS profile the client was built with, named in error messages. */
  readonly profile?: string;
  /** Ticked once per page read, labelled with pages and items per API. */
  readonly progress?: ProgressBar;
  readonly clock?: Clock;
  /** Passed to Ec2AccountReader. */
  readonly concurrency?: number;
  readonly pageSize?: number;
}

/** How many of each resource the snapshot holds. */
export interface SnapshotCounts {
  readonly securityGroups: number;
  readonly securityGroupRules: number;
  readonly networkInterfaces: number;
  readonly networkAcls: number;
  readonly prefixLists: number;
  /** Prefix lists whose entries were read (customer-managed ones). */
  readonly prefixListEntries: number;
  readonly instances: number;
  readonly launchTemplates: number;
  readonly launchTemplateVersions: number;
}

export interface CaptureSummary {
  readonly dir: string;
  readonly region: string;
  /** Owner of the security groups (every VPC has a default group); absent in an empty region. */
  readonly account?: string;
  /** When the reads began. */
  readonly capturedAt: string;
  /** Paths written, relative to dir. */
  readonly files: readonly string[];
  readonly counts: SnapshotCounts;
  /** EC2 requests sent (one per page; SDK retries not counted). */
  readonly calls: number;
  readonly apis: Readonly<Record<string, ApiTally>>;
}

/**
 * Reads every security group, rule, ENI, NACL, prefix list, instance and launch template (with all its
 * versions) of the client's region and writes them to `dir` as the AWS CLI's describe-* JSON, plus
 * `snapshot.json` (region, account, time, counts). Nothing is written (nor the folder created) unless
 * every read succeeds. Expected AWS failures (denied, credentials, region) reject with AwsAccessError;
 * an unusable folder with SnapshotFolderError.
 */
export async function captureSnapshot(client: EC2Client, options: CaptureOptions): Promise<CaptureSummary> {
  const context: AccessContext = {
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    actions: EC2_READER_IAM_ACTIONS,
  };
  const region = await explained(() => client.config.region(), context);
  await checkSnapshotFolder(options.dir);
  const tally = new Ec2ReadTally();
  const progress = options.progress ?? noProgress;
  const reader = new Ec2AccountReader(client, {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    onPage: (api, items) => progress.tick(1, tally.page(api, items)),
  });
  const capturedAt = (options.clock ?? systemClock).now().toISOString();
  progress.start();
  let docs: SnapshotDocuments;
  try {
    docs = await explained(() => reader.readAll(), { ...context, region });
  } finally {
    progress.done();
  }
  const files = await writeSnapshotDocuments(options.dir, docs);
  const account = accountOf(docs);
  const counts = countsOf(docs);
  await writeJsonAtomic(join(options.dir, SNAPSHOT_METADATA_FILE), {
    tool: 'sg-guardian snapshot',
    region,
    ...(account === undefined ? {} : { account }),
    capturedAt,
    counts,
    calls: reader.calls,
  });
  return {
    dir: options.dir,
    region,
    ...(account === undefined ? {} : { account }),
    capturedAt,
    files: [...files, SNAPSHOT_METADATA_FILE],
    counts,
    calls: reader.calls,
    apis: tally.byApi(),
  };
}

async function explained<T>(task: () => Promise<T>, context: AccessContext): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw explainAwsFailure(error, context) ?? error;
  }
}

type Item = Record<string, unknown>;

function items(file: SnapshotFile | undefined, key: string): Item[] {
  const list = (file?.json as Item | undefined)?.[key];
  return Array.isArray(list) ? (list as Item[]) : [];
}

function accountOf(docs: SnapshotDocuments): string | undefined {
  const owners = [
    ...items(docs.securityGroups, 'SecurityGroups'),
    ...items(docs.networkInterfaces, 'NetworkInterfaces'),
  ].map((item) => item.OwnerId);
  return owners.find((o): o is string => typeof o === 'string' && o !== '');
}

function countsOf(docs: SnapshotDocuments): SnapshotCounts {
  return {
    securityGroups: items(docs.securityGroups, 'SecurityGroups').length,
    securityGroupRules: items(docs.securityGroupRules, 'SecurityGroupRules').length,
    networkInterfaces: items(docs.networkInterfaces, 'NetworkInterfaces').length,
    networkAcls: items(docs.networkAcls, 'NetworkAcls').length,
    prefixLists: items(docs.prefixLists, 'PrefixLists').length,
    prefixListEntries: Object.keys(docs.prefixListEntries ?? {}).length,
    instances: items(docs.instances, 'Reservations').flatMap((r) => (Array.isArray(r.Instances) ? r.Instances : []))
      .length,
    launchTemplates: items(docs.launchTemplates, 'LaunchTemplates').length,
    launchTemplateVersions: items(docs.launchTemplateVersions, 'LaunchTemplateVersions').length,
  };
}
