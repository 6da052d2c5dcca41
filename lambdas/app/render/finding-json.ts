import type { Finding } from '../../core/verdict/types';

/** A finding as the CLI's JSON outputs print it; fixes as AWS CLI commands or Terraform blocks. */
export function findingJson(f: Finding, fixesAs: 'awsCli' | 'terraform') {
  return {
    id: f.id,
    kind: f.kind,
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    groupId: f.groupId,
    ...(f.dependency ? { dependency: f.dependency } : {}),
    ...(f.blockedBy ? { blockedBy: f.blockedBy } : {}),
    ...(f.direction ? { direction: f.direction } : {}),
    ...(f.protocol ? { protocol: f.protocol } : {}),
    ...(f.ports ? { ports: f.ports } : {}),
    ...(f.peers ? { peers: f.peers } : {}),
    ...(f.sources ? { sources: f.sources } : {}),
    ...(f.space ? { space: f.space } : {}),
    ...(f.fixes?.length ? { fixes: f.fixes.map((x) => x[fixesAs]) } : {}),
  };
}

/** A dependency already broken before the change (or the plan), as JSON. */
export function preexistingJson(f: Finding) {
  return { kind: f.kind, dependency: f.dependency, blockedBy: f.blockedBy };
}
