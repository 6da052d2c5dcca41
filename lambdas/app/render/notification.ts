import type { Change } from '../../core/events/types';
import type { Finding, FindingKind, Severity, Verdict } from '../../core/verdict/types';
import type { DecisionLink, DecisionReport } from '../ports';
import { describeTraffic } from './describe-change';
import { adviceSection, decisionSection, unknownPriorSection } from './notification-sections';
import { renderVerdictText } from './verdict-text';

/** Where the guardian runs; the event's own account and region win when it has them. */
export interface NotificationContext {
  readonly accountId?: string;
  readonly region?: string;
}

export interface ConsoleLink {
  readonly kind: 'security-group' | 'network-interface' | 'network-acl' | 'cloudtrail-event';
  readonly label: string;
  readonly url: string;
}

/** What happened after the verdict; drives the subject suffix and whether people are asked to decide. */
export type NotificationState =
  | 'reverted'
  | 'revert-partial'
  | 'revert-failed'
  | 'revert-skipped'
  | 'dry-run'
  | 'awaiting-decision'
  | 'notified'
  | 'no-action';

/** The channel-independent summary SNS and Slack both render. */
export interface NotificationSummary {
  /** One line, no control characters, shorter than SNS's 100-character limit. */
  readonly subject: string;
  /** The subject without severity prefix and state suffix, unclipped. */
  readonly headline: string;
  /** The highest finding severity; info when there is no finding. */
  readonly severity: Severity;
  readonly kinds: readonly FindingKind[];
  readonly groupIds: readonly string[];
  readonly accountId?: string;
  readonly region?: string;
  readonly state: NotificationState;
  readonly stateLabel: string;
  /** A violation with a ready revert plan that nobody applied yet: offer Revert / Keep. */
  readonly awaitingDecision: boolean;
  /** Plain text for people: who, what, from where, broken paths, fixes, revert plan and outcome, links. */
  readonly body: string;
  readonly links: readonly ConsoleLink[];
  /** Signed one-click links (confirmation pages) of pending decisions; empty when none were made. */
  readonly decisionLinks: readonly DecisionLink[];
}

/** SNS: "less than 100 characters". */
export const MAX_SUBJECT_CHARS = 99;
const MAX_LINKS = 10;

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

const STATE_LABEL: Record<NotificationState, string> = {
  reverted: 'reverted',
  'revert-partial': 'partially reverted',
  'revert-failed': 'REVERT FAILED',
  'revert-skipped': 'revert skipped',
  'dry-run': 'dry run, not reverted',
  'awaiting-decision': 'awaiting decision',
  notified: 'not reverted',
  'no-action': 'no action',
};

export function summarize(report: DecisionReport, context: NotificationContext): NotificationSummary {
  const { verdict } = report;
  const accountId = verdict.meta?.accountId ?? context.accountId;
  const region = verdict.meta?.awsRegion ?? context.region;
  const severity = highestSeverity(verdict.findings);
  const state = stateOf(report);
  const stateLabel = state === 'no-action' ? verdict.verdict : STATE_LABEL[state];
  const headlines = headlinesOf(verdict);
  const subject = fitSubject(`[${severity}] sg-guardian: `, headlines, ` — ${stateLabel}`);
  const groupIds = groupIdsOf(verdict);
  const links = region ? consoleLinks(verdict, groupIds, region) : [];
  const decisionLinks = report.decisionLinks ?? [];
  const body = [
    subject,
    '',
    `account: ${accountId ?? 'unknown'}  region: ${region ?? 'unknown'}  mode: ${report.mode}  outcome: ${stateLabel}`,
    renderVerdictText(verdict, report.revert),
    ...adviceSection(verdict),
    ...unknownPriorSection(verdict, decisionLinks.length > 0),
    ...decisionSection(decisionLinks, verdict),
    ...(links.length ? ['', 'Links', ...links.map((l) => `  ${l.label}: ${l.url}`)] : []),
  ].join('\n');
  return {
    subject,
    headline: headlines[0]!,
    severity,
    kinds: [...new Set(verdict.findings.map((f) => f.kind))],
    groupIds,
    ...(accountId ? { accountId } : {}),
    ...(region ? { region } : {}),
    state,
    stateLabel,
    // Dry run too: a pending decision is saved and the signed links are sent, so the buttons show.
    awaitingDecision: state === 'awaiting-decision' || (state === 'dry-run' && undoable(report.verdict)),
    body,
    links,
    decisionLinks,
  };
}

export function highestSeverity(findings: readonly Finding[]): Severity {
  let best: Severity = 'info';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity;
  return best;
}

function stateOf({ verdict, revert, mode }: DecisionReport): NotificationState {
  if (revert) {
    const byStatus = { reverted: 'reverted', partial: 'revert-partial', failed: 'revert-failed' } as const;
    return revert.status === 'skipped' ? 'revert-skipped' : byStatus[revert.status];
  }
  if (verdict.verdict !== 'violation') return 'no-action';
  if (mode === 'dry-run') return 'dry-run';
  return undoable(verdict) ? 'awaiting-decision' : 'notified';
}

function undoable(verdict: Verdict): boolean {
  return verdict.verdict === 'violation' && verdict.revert.status === 'ready' && verdict.revert.steps.length > 0;
}

/** Headline variants, most detailed first; the subject takes the first that fits. */
function headlinesOf(v: Verdict): string[] {
  const target = targetOf(v.change) ?? v.findings[0]?.groupId ?? 'unknown resource';
  const top = [...v.findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])[0];
  const glass = v.exemptions?.find((e) => e.event === 'opened' || e.event === 'changed');
  if (!top && glass)
    return [`break-glass ${glass.event} on ${glass.groupId} until ${glass.until}`, `break-glass on ${glass.groupId}`];
  if (!top) return [`${v.eventName} on ${target}`, v.eventName];
  const more = v.findings.length > 1 ? ` (+${v.findings.length - 1} more)` : '';
  return HEADLINES[top.kind](top, v.eventName, target).map((h) => h + more);
}

const HEADLINES: Record<FindingKind, (f: Finding, event: string, target: string) => string[]> = {
  'dependency-broken': (f, event, target) => [
    `${f.dependency} broken by ${event} on ${target}`,
    `${f.dependency} broken on ${target}`,
    `${f.dependency} broken`,
  ],
  'world-exposure': (f, event, target) => [
    `${trafficOf(f)} open to the world on ${f.groupId ?? target} by ${event}`,
    `${trafficOf(f)} open to the world on ${f.groupId ?? target}`,
  ],
  'world-egress': (f, event, target) => [
    `${trafficOf(f)} egress to the world from ${f.groupId ?? target} by ${event}`,
    `${trafficOf(f)} egress to the world from ${f.groupId ?? target}`,
  ],
  'rule-error': (f, event) => [`${f.title} (${event})`, f.title],
};

function trafficOf(f: Finding): string {
  const range = f.ports?.[0];
  return describeTraffic(f.protocol ?? '-1', range?.from, range?.to);
}

function targetOf(change: Change | undefined): string | undefined {
  if (!change) return undefined;
  if ('groupId' in change) return change.groupId;
  if ('eniId' in change) return change.eniId;
  if ('naclId' in change) return change.naclId;
  switch (change.kind) {
    case 'instances-launched':
      return change.instances.map((i) => i.instanceId).join(', ');
    case 'eni-created':
      return change.eni.eniId;
    case 'eni-detached':
      return change.attachmentId;
    case 'instance-groups-set':
      return change.instanceId;
    case 'launch-template-version-created':
      return `${change.version.launchTemplateId} v${change.version.versionNumber}`;
    case 'launch-template-default-set':
      return change.launchTemplateId;
    case 'prefix-list-modified':
      return change.prefixListId;
    case 'sg-created':
      return change.group.groupId;
    case 'tags-set':
    case 'tags-removed':
      return change.resourceIds.join(', ');
  }
}

function fitSubject(prefix: string, headlines: readonly string[], suffix: string): string {
  const room = MAX_SUBJECT_CHARS - charCount(prefix) - charCount(suffix);
  const clean = headlines.map(oneLine);
  const fitting = clean.find((h) => charCount(h) <= room);
  const subject = prefix + (fitting ?? clip(clean[clean.length - 1]!, Math.max(room, 1))) + suffix;
  return clip(oneLine(subject), MAX_SUBJECT_CHARS);
}

function charCount(text: string): number {
  return Array.from(text).length;
}

/** Replaces line breaks and other control characters with spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' '); // eslint-disable-line no-control-regex
}

/** Cuts text to at most `max` characters (code points), ending in "…" when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(max - 1, 0)).join('')}…`;
}

function groupIdsOf(v: Verdict): string[] {
  const ids: string[] = [];
  const c = v.change;
  if (c && 'groupId' in c) ids.push(c.groupId);
  if (c?.kind === 'eni-groups-set' || c?.kind === 'instance-groups-set') ids.push(...c.groupIds);
  if (c?.kind === 'sg-created') ids.push(c.group.groupId);
  for (const f of v.findings) if (f.groupId) ids.push(f.groupId);
  return [...new Set(ids)];
}

/** EC2, VPC and CloudTrail console pages for what the change touched. */
export function consoleLinks(v: Verdict, groupIds: readonly string[], region: string): ConsoleLink[] {
  const base = consoleBase(region);
  const r = encodeURIComponent(region);
  const links: ConsoleLink[] = [];
  if (v.eventId)
    links.push({
      kind: 'cloudtrail-event',
      label: `CloudTrail event ${v.eventId}`,
      url: `${base}/cloudtrailv2/home?region=${r}#/events/${encodeURIComponent(v.eventId)}`,
    });
  if (v.change?.kind === 'eni-groups-set')
    links.push({
      kind: 'network-interface',
      label: `Network interface ${v.change.eniId}`,
      url: `${base}/ec2/home?region=${r}#NetworkInterface:networkInterfaceId=${encodeURIComponent(v.change.eniId)}`,
    });
  if (v.change && 'naclId' in v.change)
    links.push({
      kind: 'network-acl',
      label: `Network ACL ${v.change.naclId}`,
      url: `${base}/vpc/home?region=${r}#NetworkAclDetails:networkAclId=${encodeURIComponent(v.change.naclId)}`,
    });
  for (const id of groupIds)
    links.push({
      kind: 'security-group',
      label: `Security group ${id}`,
      url: `${base}/ec2/home?region=${r}#SecurityGroup:groupId=${encodeURIComponent(id)}`,
    });
  return links.slice(0, MAX_LINKS);
}

/** The console host of the region's partition. */
function consoleBase(region: string): string {
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}
