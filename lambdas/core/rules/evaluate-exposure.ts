import { DEFAULT_WORLD_THRESHOLD } from '../config/defaults';
import type { GuardianConfig } from '../config/schema';
import type { NetworkModel, SecurityGroup } from '../model/types';
import { stableId } from '../util/hash';
import type { Finding } from '../verdict/types';
import { type AllowedLookup, allowedPortsLookup } from './allowed';
import { EXPOSURE_RULES } from './catalog';
import { describeTraffic } from './describe';
import { exposedPorts } from './exposure';
import type { ExposureContext, ExposureRule, GroupExposure, RuleHit } from './types';
import { describeSpace, scaledSeverity } from './world-breadth';
import { byCodeUnits } from '../util/compare';

export interface ExposureOptions {
  /** Only these groups (unknown ids are ignored); every group of the model otherwise. */
  readonly groupIds?: Iterable<string>;
  /** Rules to run instead of the registry (tests, custom rule sets). */
  readonly rules?: readonly ExposureRule[];
}

export interface ExposureResult {
  readonly findings: Finding[];
  /** Exposure that could not be judged (prefix lists whose entries are not loaded). */
  readonly notEvaluated: string[];
}

function groupsToCheck(model: NetworkModel, groupIds?: Iterable<string>): SecurityGroup[] {
  const groups = groupIds
    ? [...new Set(groupIds)].flatMap((id) => model.group(id) ?? [])
    : [...model.groups()];
  return groups.sort((a, b) => byCodeUnits(a.groupId, b.groupId));
}

/** '0.0.0.0/1 + 128.0.0.0/1 (the whole IPv4 internet; rules sgr-a, sgr-b)'. */
function peerText(hit: RuleHit): string {
  const space = hit.space ? describeSpace(hit.space) : '';
  const ids = [...new Set((hit.sources ?? []).flatMap((s) => s.ruleId ?? []))];
  const rules = ids.length ? `rule${ids.length > 1 ? 's' : ''} ${ids.join(', ')}` : '';
  const detail = [space, rules].filter(Boolean).join('; ');
  return `${hit.peers.join(' + ')}${detail ? ` (${detail})` : ''}`;
}

function toFinding(rule: ExposureRule, group: SecurityGroup, hit: RuleHit): Finding {
  const traffic = describeTraffic(hit.protocol, hit.ports);
  const verb = hit.direction === 'ingress' ? 'accepts' : 'sends';
  const preposition = hit.direction === 'ingress' ? 'from' : 'to';
  const breadth = hit.breadth ?? 'internet';
  const wide = breadth === 'wide';
  const idParts = [
    rule.kind,
    rule.id,
    group.groupId,
    hit.direction,
    hit.protocol,
    hit.ports ?? null,
    ...(wide ? [breadth] : []),
  ];
  return withLazyId(idParts, {
    id: '',
    kind: rule.kind,
    ruleId: rule.id,
    severity: scaledSeverity(rule.severity, breadth),
    title: `${rule.title}${wide ? ' (a large public range)' : ''}: ${traffic} on ${group.groupId} (${group.groupName})`,
    explanation: `${group.groupId} (${group.groupName}) ${verb} ${traffic} ${preposition} ${peerText(hit)}. ${rule.explanation}`,
    groupId: group.groupId,
    direction: hit.direction,
    protocol: hit.protocol,
    ...(hit.ports ? { ports: hit.ports } : {}),
    peers: hit.peers,
    ...(hit.sources ? { sources: hit.sources } : {}),
    ...(hit.space ? { space: describeSpace(hit.space) } : {}),
  });
}

/**
 * The finding's id, hashed on first read: most findings only serve as the state before a change and
 * are compared by slot, never by id. The property keeps its place (first) and is enumerable.
 */
function withLazyId(parts: readonly unknown[], finding: Finding): Finding {
  let id: string | undefined;
  return Object.defineProperty(finding, 'id', {
    enumerable: true,
    configurable: true,
    get: () => (id ??= stableId('fnd', parts)),
  });
}

function ruleError(rule: ExposureRule, group: SecurityGroup, error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  return {
    id: stableId('fnd', ['rule-error', rule.id, group.groupId]),
    kind: 'rule-error',
    ruleId: rule.id,
    severity: 'high',
    title: `Rule ${rule.id} failed on ${group.groupId} (${group.groupName})`,
    explanation: `The rule threw "${message}", so ${group.groupId} was not checked by it. Other rules still ran.`,
    groupId: group.groupId,
  };
}

function checkGroup(rules: readonly ExposureRule[], ctx: ExposureContext): Finding[] {
  return rules.flatMap((rule) => {
    try {
      return rule.check(ctx).map((hit) => toFinding(rule, ctx.group, hit));
    } catch (error) {
      return [ruleError(rule, ctx.group, error)];
    }
  });
}

interface GroupResult {
  readonly findings: readonly Finding[];
  readonly notes: readonly string[];
}

/**
 * Results of the built-in rules per (model, exposure config, group). Models and groups are immutable
 * values (a change patches in new ones), so a snapshot judged event after event is evaluated once.
 */
const results = new WeakMap<NetworkModel, WeakMap<object, WeakMap<SecurityGroup, GroupResult>>>();

function cacheOf(model: NetworkModel, exposure: object): WeakMap<SecurityGroup, GroupResult> {
  const byConfig = results.get(model) ?? new WeakMap<object, WeakMap<SecurityGroup, GroupResult>>();
  results.set(model, byConfig);
  const byGroup = byConfig.get(exposure) ?? new WeakMap<SecurityGroup, GroupResult>();
  byConfig.set(exposure, byGroup);
  return byGroup;
}

/** The egress exposure no rule reads (not reported): left empty instead of computed. */
function unread(group: SecurityGroup): GroupExposure {
  return { groupId: group.groupId, direction: 'egress', entries: new Map(), unevaluated: [] };
}

/** Runs every exposure rule on every (selected) group. A throwing rule becomes a rule-error finding. */
export function evaluateExposure(
  model: NetworkModel,
  config: Pick<GuardianConfig, 'exposure'>,
  options: ExposureOptions = {},
): ExposureResult {
  const reportEgress = config.exposure.reportEgress;
  const rules = (options.rules ?? EXPOSURE_RULES).filter((r) => r.kind !== 'world-egress' || reportEgress);
  const allowed: AllowedLookup = allowedPortsLookup(model, config.exposure.allowPublic);
  const world = config.exposure.world ?? DEFAULT_WORLD_THRESHOLD;
  const findings: Finding[] = [];
  const notEvaluated = new Set<string>();
  // The built-in rules read egress only through SG-EGRESS-WORLD, which runs when egress is reported.
  const readsEgress = reportEgress || options.rules !== undefined;
  const cache = options.rules ? undefined : cacheOf(model, config.exposure);
  for (const group of groupsToCheck(model, options.groupIds)) {
    const cached = cache?.get(group);
    if (cached) {
      findings.push(...cached.findings);
      for (const note of cached.notes) notEvaluated.add(note);
      continue;
    }
    const ctx: ExposureContext = {
      group,
      exposure: {
        ingress: exposedPorts(model, group, 'ingress', world),
        egress: readsEgress ? exposedPorts(model, group, 'egress', world) : unread(group),
      },
      allowed: allowed(group),
    };
    const result = {
      findings: checkGroup(rules, ctx),
      notes: [...ctx.exposure.ingress.unevaluated, ...(reportEgress ? ctx.exposure.egress.unevaluated : [])],
    };
    cache?.set(group, result);
    findings.push(...result.findings);
    for (const note of result.notes) notEvaluated.add(note);
  }
  return { findings, notEvaluated: [...notEvaluated] };
}
