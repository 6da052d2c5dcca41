import type { CannotJudge, PlanReport } from '../../core/plan/types';
import type { Finding, Severity } from '../../core/verdict/types';
import { describeUnjudged } from './describe-plan-op';
import { fixesProperty, fixesText } from './preflight-fixes';
import { CANNOT_JUDGE_RULE_ID, REPORT_RULES, reportRuleId } from './report-rules';

/** Where a resource is declared: a .tf file (path as code scanning should show it) and line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export type Locate = (address: string) => SourceLocation | undefined;

export interface SarifOptions {
  readonly toolVersion: string;
  /** Maps resource addresses to their declaration; without it results carry logical locations only. */
  readonly locate?: Locate;
}

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning reads `security-severity` (0-10) to rank security alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/**
 * The report as SARIF 2.1.0: one run, a rule per finding kind (with help text), one result per
 * finding of each resource change (a transient one as a note) and per part that cannot be judged.
 * There is no source file for a plan: each result has the resource address as a logical location,
 * and the `resource "type" "name"` line as a physical location when `locate` knows it.
 */
export function toPreflightSarif(report: PlanReport, options: SarifOptions) {
  const index = new Map(REPORT_RULES.map((r, i) => [r.id, i]));
  const results = [
    ...report.resources.flatMap((r) =>
      r.findings.map((f) =>
        findingResult(f, r.address, f.transient ? 'note' : LEVEL[f.severity], f.transient, index, options),
      ),
    ),
    ...report.net.findings
      .filter((f) => f.addresses.includes('(plan)'))
      .map((f) => findingResult(f, '(plan)', LEVEL[f.severity], false, index, options)),
    ...report.cannotJudge.map((c) => unjudgedResult(c, index, options)),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sg-guardian',
            version: options.toolVersion,
            rules: REPORT_RULES.map((r) => ({
              id: r.id,
              name: pascalCase(r.id),
              shortDescription: { text: r.title },
              fullDescription: { text: r.help },
              help: { text: r.help },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: {
                tags: ['security', 'terraform', 'aws'],
                'security-severity': SECURITY_SEVERITY[r.severity],
              },
            })),
          },
        },
        automationDetails: { id: 'sg-guardian/preflight/' },
        results,
      },
    ],
  };
}

function findingResult(
  f: Finding,
  address: string,
  level: Level,
  transient: boolean,
  index: ReadonlyMap<string, number>,
  options: SarifOptions,
) {
  const ruleId = reportRuleId(f);
  const suffix = transient ? ' Transient: a later change of this plan undoes it.' : '';
  const fixes = fixesText(f);
  return {
    ruleId,
    ...(index.has(ruleId) ? { ruleIndex: index.get(ruleId) } : {}),
    level,
    message: { text: `${address}: ${f.title}. ${f.explanation}${suffix}${fixes ? `\n${fixes}` : ''}` },
    locations: [location(address, options.locate)],
    partialFingerprints: { 'sgGuardianFinding/v1': `${f.id}@${address}` },
    properties: {
      severity: f.severity,
      kind: f.kind,
      transient,
      ...(f.groupId ? { groupId: f.groupId } : {}),
      ...(f.dependency ? { dependency: f.dependency } : {}),
      ...(f.fixes?.length ? { fixes: fixesProperty(f) } : {}),
    },
  };
}

function unjudgedResult(c: CannotJudge, index: ReadonlyMap<string, number>, options: SarifOptions) {
  return {
    ruleId: CANNOT_JUDGE_RULE_ID,
    ruleIndex: index.get(CANNOT_JUDGE_RULE_ID),
    level: 'warning' as const,
    message: { text: `${describeUnjudged(c)}: ${c.reason}` },
    locations: [location(c.address, options.locate)],
    partialFingerprints: { 'sgGuardianFinding/v1': `cannot-judge@${describeUnjudged(c)}` },
  };
}

function location(address: string, locate: Locate | undefined) {
  const source = address === '(plan)' ? undefined : locate?.(address);
  return {
    ...(source
      ? { physicalLocation: { artifactLocation: { uri: source.file }, region: { startLine: source.line } } }
      : {}),
    logicalLocations: [
      { fullyQualifiedName: address, name: address.split('.').pop() ?? address, kind: 'resource' },
    ],
  };
}

function pascalCase(id: string): string {
  return id
    .toLowerCase()
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
