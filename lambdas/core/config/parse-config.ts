import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './errors';
import type { GuardianConfig } from './schema';
import { validateConfig } from './validate-config';

type YamlDocument = ReturnType<typeof parseDocument>;

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
  return validateConfig(doc.toJS(), file, (path) => {
    const node = findNode(doc, path);
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  });
}

function findNode(doc: YamlDocument, path: readonly PropertyKey[]) {
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
