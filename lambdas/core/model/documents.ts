import * as z from '../util/zod-mini';
import { formatPath, SnapshotError } from './snapshot-error';

/** One snapshot file: its name (for messages) and its parsed JSON. */
export interface SnapshotFile {
  readonly file: string;
  readonly json: unknown;
}

/** The `aws ec2 describe-*` outputs a snapshot folder holds; optional layers may be absent. */
export interface SnapshotDocuments {
  readonly securityGroups: SnapshotFile;
  readonly networkInterfaces: SnapshotFile;
  readonly securityGroupRules?: SnapshotFile;
  readonly networkAcls?: SnapshotFile;
  readonly prefixLists?: SnapshotFile;
  /** get-managed-prefix-list-entries output per prefix list id. */
  readonly prefixListEntries?: Readonly<Record<string, SnapshotFile>>;
  /** describe-instances output: instances, their tags and attached ENIs. */
  readonly instances?: SnapshotFile;
  /** describe-launch-templates output; needs launchTemplateVersions too. */
  readonly launchTemplates?: SnapshotFile;
  /** describe-launch-template-versions output (every version of every template). */
  readonly launchTemplateVersions?: SnapshotFile;
}

/** File names in a snapshot folder, one per AWS CLI command. */
export const SNAPSHOT_FILES = {
  securityGroups: 'describe-security-groups.json',
  networkInterfaces: 'describe-network-interfaces.json',
  securityGroupRules: 'describe-security-group-rules.json',
  networkAcls: 'describe-network-acls.json',
  prefixLists: 'describe-managed-prefix-lists.json',
  prefixListEntriesDir: 'get-managed-prefix-list-entries',
  instances: 'describe-instances.json',
  launchTemplates: 'describe-launch-templates.json',
  launchTemplateVersions: 'describe-launch-template-versions.json',
} as const;

export function prefixListEntriesFile(prefixListId: string): string {
  return `${SNAPSHOT_FILES.prefixListEntriesDir}/${prefixListId}.json`;
}

/** Validates one document; throws a SnapshotError naming the file and the first bad field. */
export function parseDocument<S extends z.core.$ZodType>(doc: SnapshotFile, schema: S): z.output<S> {
  const result = z.safeParse(schema, doc.json);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const detail = first ? `${formatPath(first.path)}: ${readable(first.message)}` : 'invalid document';
  const more = rest.length > 0 ? ` (and ${rest.length} more issue${rest.length > 1 ? 's' : ''})` : '';
  throw new SnapshotError(`${doc.file}: ${detail}${more}`, { cause: result.error });
}

function readable(message: string): string {
  const text = message.replace(/^Invalid (input|option): /, '');
  return text.endsWith('received undefined')
    ? `missing (${text.replace(/, received undefined$/, '')})`
    : text;
}
