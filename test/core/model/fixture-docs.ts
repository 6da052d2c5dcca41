import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotDocuments, SnapshotFile } from '../../../lambdas/core/model/documents';

export const SMALL_SNAPSHOT = join(import.meta.dirname, '../../fixtures/snapshot-small');

function load(file: string): SnapshotFile {
  return { file, json: JSON.parse(readFileSync(join(SMALL_SNAPSHOT, file), 'utf8')) };
}

/** The small fixture snapshot as documents (fresh JSON each call, safe to edit). */
export function smallSnapshotDocs(): {
  securityGroups: SnapshotFile;
  networkInterfaces: SnapshotFile;
  securityGroupRules: SnapshotFile;
  networkAcls: SnapshotFile;
  prefixLists: SnapshotFile;
  prefixListEntries: Record<string, SnapshotFile>;
  instances: SnapshotFile;
  launchTemplates: SnapshotFile;
  launchTemplateVersions: SnapshotFile;
} & SnapshotDocuments {
  const dir = 'get-managed-prefix-list-entries';
  const entries = readdirSync(join(SMALL_SNAPSHOT, dir)).map((f) => [
    f.replace(/\.json$/, ''),
    load(`${dir}/${f}`),
  ]);
  return {
    securityGroups: load('describe-security-groups.json'),
    networkInterfaces: load('describe-network-interfaces.json'),
    securityGroupRules: load('describe-security-group-rules.json'),
    networkAcls: load('describe-network-acls.json'),
    prefixLists: load('describe-managed-prefix-lists.json'),
    prefixListEntries: Object.fromEntries(entries),
    instances: load('describe-instances.json'),
    launchTemplates: load('describe-launch-templates.json'),
    launchTemplateVersions: load('describe-launch-template-versions.json'),
  };
}

/** Reads a nested field of a JSON document by path, for editing in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper over untyped JSON
export function at(json: unknown, ...path: (string | number)[]): any {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper over untyped JSON
  return path.reduce<any>((node, key) => node[key], json);
}
