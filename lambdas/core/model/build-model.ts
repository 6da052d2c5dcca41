import { buildGroups } from './build-groups';
import { buildEnis, buildNacls, buildPrefixLists } from './build-network';
import { buildInstances, buildLaunchTemplates } from './build-workloads';
import type { SnapshotDocuments } from './documents';
import { createModel } from './indexed-model';
import type { NetworkModel } from './types';

/** Builds the indexed network model from a snapshot's documents; throws SnapshotError on bad input. */
export function buildModel(docs: SnapshotDocuments): NetworkModel {
  const templates = buildLaunchTemplates(docs.launchTemplates, docs.launchTemplateVersions);
  return createModel({
    coverage: {
      ruleIds: docs.securityGroupRules !== undefined,
      nacls: docs.networkAcls !== undefined,
      prefixLists: docs.prefixLists !== undefined,
      instances: docs.instances !== undefined,
      launchTemplates: templates !== undefined,
    },
    groups: buildGroups(docs.securityGroups, docs.securityGroupRules),
    enis: buildEnis(docs.networkInterfaces),
    nacls: docs.networkAcls ? buildNacls(docs.networkAcls) : [],
    prefixLists: buildPrefixLists(docs.prefixLists, docs.prefixListEntries),
    instances: docs.instances ? buildInstances(docs.instances) : [],
    ...(templates ?? {}),
  });
}
