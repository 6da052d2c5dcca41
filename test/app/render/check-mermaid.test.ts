import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../../lambdas/app/check-account';
import { renderCheckMermaid } from '../../../lambdas/app/render/check-mermaid';
import type { DependencyResult } from '../../../lambdas/core/verdict/types';

/** Group names with each character Mermaid reads as syntax inside a label. */
const NAMES = [
  'web #1; {prod}',
  'say "hi"',
  'rack [a]',
  'a|b',
  '<b>bold</b>',
  'code `x`',
  'two\nlines',
  'semi;colon',
  'amp &amp; #35; already',
];

function dependency(i: number, status: DependencyResult['status']): DependencyResult {
  return {
    dependency: NAMES[i]!,
    protocol: 'tcp',
    port: 8000 + i,
    status,
    sourceGroupIds: [`sg-src${i}`],
    destinationGroupIds: [`sg-dst${i}`],
    pairs: [],
    blockedBy: status === 'blocked' ? ['sg-ingress'] : [],
    notEvaluated: [],
    fixes: [],
  };
}

/** Mermaid's reading of a quoted label: `#<decimal>;` is the character with that code, `<br/>` a line break. */
function decode(label: string): string {
  return label.replace(/<br\/>/g, '\n').replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function render() {
  const report: CheckReport = {
    dependencies: NAMES.map((_, i) => dependency(i, i % 2 ? 'blocked' : 'reachable')),
    exposures: [],
    notEvaluated: [],
    violation: true,
    partial: false,
  };
  const names = new Map<string, string>(NAMES.flatMap((n, i) => [[`sg-src${i}`, n] as const, [`sg-dst${i}`, `dst ${n}`] as const]));
  return renderCheckMermaid(report, (g) => names.get(g) ?? g);
}

describe('renderCheckMermaid', () => {
  it('keeps one statement per line whatever the names hold', () => {
    // Act
    const lines = render().split('\n');

    // Assess: header, two nodes and one edge per dependency, one linkStyle per broken one
    expect(lines).toHaveLength(1 + NAMES.length * 3 + Math.floor(NAMES.length / 2));
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}(\w+\["[^"]*"\]|\w+ -\.?->\|"[^"]*"\| \w+|linkStyle .*)$/);
  });

  it.each(NAMES.map((name, i) => [name, i] as const))('draws the group name %j as written', (name, i) => {
    // Act
    const out = render();

    // Assess: the label holds no character Mermaid would read as syntax, and decodes to the name
    const node = out.match(new RegExp(`^ {2}sg_src${i}\\["(.*)"\\]$`, 'm'))?.[1];
    expect(node).toBeDefined();
    const shownName = node!.slice(0, -`<br/>sg-src${i}`.length);
    expect(node!.endsWith(`<br/>sg-src${i}`)).toBe(true);
    expect(shownName.replace(/#\d+;|<br\/>/g, '')).not.toMatch(/["#;{}[\]|<>`\n]/);
    expect(decode(shownName)).toBe(name);
  });

  it.each(NAMES.map((name, i) => [name, i] as const))('writes the dependency %j in its edge label as written', (name, i) => {
    // Act
    const out = render();

    // Assess
    const edge = out.match(new RegExp(`^ {2}sg_src${i} -\\.?->\\|"(.*)"\\| sg_dst${i}$`, 'm'))?.[1];
    expect(edge).toBeDefined();
    expect(decode(edge!)).toBe(i % 2 ? `✗ ${name}: tcp/${8000 + i} blocked by sg-ingress` : `${name}: tcp/${8000 + i}`);
  });
});
