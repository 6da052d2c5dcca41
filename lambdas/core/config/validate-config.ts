import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors';
import { ConfigSchema, type GuardianConfig } from './schema';

/** Finds the line of a field in the source text, when the format knows it. */
export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

/**
 * Validates a policy already read into plain data (YAML or JSON). Throws ConfigError naming the
 * file, the path of each bad field, its line when known, and what was expected.
 */
export function validateConfig(raw: unknown, file: string, lineOf: LineOf = () => undefined): GuardianConfig {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new ConfigError(
    file,
    result.error.issues.map((issue) => toConfigIssue(issue, lineOf)),
    { cause: result.error },
  );
}

/**
 * Parses the JSON policy the CDK app bundles with the handlers (`toPolicyJson`), so that the
 * Lambda functions need no YAML parser.
 */
export function parseConfigJson(text: string, file: string): GuardianConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: `JSON syntax: ${(error as Error).message}` }], {
      cause: error,
    });
  }
  return validateConfig(raw, file);
}

/** A validated policy as JSON; validating it again gives the same policy. */
export function toPolicyJson(config: GuardianConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

function toConfigIssue(issue: z.core.$ZodIssue, lineOf: LineOf): ConfigIssue {
  return { path: formatPath(issue.path), message: describeIssue(issue), line: lineOf(issue.path) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value' && 'values' in issue)
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
  return issue.message;
}

/** dependencies[0].from.groupId */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
