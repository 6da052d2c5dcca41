import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints `code` as if it were a file in lambdas/core (nothing is written to disk). */
async function lintAsCore(code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath: 'lambdas/core/util/probe.ts' });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the core purity lint rules', () => {
  it.each([
    ["import { readFileSync } from 'fs';\nexport const f = readFileSync;", 'no-restricted-imports'],
    ["import { readFile } from 'node:fs/promises';\nexport const f = readFile;", 'no-restricted-imports'],
    ["import { createHash } from 'node:crypto';\nexport const f = createHash;", 'no-restricted-imports'],
    ["import { createHash } from 'crypto';\nexport const f = createHash;", 'no-restricted-imports'],
    ["import os from 'os';\nexport const f = os;", 'no-restricted-imports'],
    ["import { EC2Client } from '@aws-sdk/client-ec2';\nexport const f = EC2Client;", 'no-restricted-imports'],
    ['export const f = () => globalThis.process.env.X;', 'no-restricted-syntax'],
    ['export const f = () => process.env.X;', 'no-restricted-syntax'],
    ['export const f = () => Math.random();', 'no-restricted-syntax'],
    ['export const f = () => performance.now();', 'no-restricted-syntax'],
    ['export const f = () => Date.now();', 'no-restricted-syntax'],
    ['export const f = () => new Date();', 'no-restricted-syntax'],
    ["export const f = () => import('node:fs');", 'no-restricted-syntax'],
    ['export const f = () => crypto.randomUUID();', 'no-restricted-globals'],
    ['export const f = () => fetch("http://example.com");', 'no-restricted-globals'],
  ])('rejects %s', async (code, rule) => {
    // Act
    const messages = await lintAsCore(code);

    // Assess
    expect(messages.some((m) => m.startsWith(`${rule}:`))).toBe(true);
  });

  it('accepts pure code that imports core modules and takes time as a value', async () => {
    // Act
    const messages = await lintAsCore(
      "import type { Change } from '../events/types';\nimport { normalizeCidr } from './cidr';\n" +
        'export const f = (c: Change, now: Date) => [c.kind, normalizeCidr("10.0.0.0/8"), new Date(now.getTime())];\n',
    );

    // Assess
    expect(messages).toEqual([]);
  });
});
