import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors';
import { ConfigSchema, type GuardianConfig } from './schema';

/**
 * Parses guardian.yaml (or JSON) text. Throws ConfigError naming the file, the path of each bad field,
 * its line, and what was expected. Unknown keys are rejected.
 */
export function parseConfig(text: string, file: string): GuardianConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        line: lineCounter.linePos(e.pos[0]).line,
      })),
    );
  }
  const raw = doc.toJS() ?? {};
  const result = ConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(
    file,
    result.error.issues.map((issue) => toConfigIssue(issue, doc, lineCounter)),
    { cause: result.error },
  );
}

function toConfigIssue(
  issue: z.core.$ZodIssue,
  doc: ReturnType<typeof parseDocument>,
  lines: LineCounter,
): ConfigIssue {
  const path = formatPath(issue.path);
  const node = findNode(doc, issue.path);
  const line = node?.range ? lines.linePos(node.range[0]).line : undefined;
  return { path, message: describeIssue(issue), line };
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

function findNode(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]) {
  let node: unknown = doc.contents;
  let found: { range?: [number, number, number] | null } | undefined;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(key as number, true);
    else break;
    if (node && typeof node === 'object' && 'range' in node) found = node as typeof found;
  }
  return found;
}
