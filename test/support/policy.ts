import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { toPolicyJson } from '../../lambdas/core/config/validate-config';

/**
 * Writes guardian.json the way the CDK app bundles it beside the handlers (guardian.yaml, plus any
 * extra YAML appended, validated and written as JSON) and returns its path.
 */
export function writeBundledPolicy(yamlFile = 'examples/guardian.yaml', extraYaml = ''): string {
  const config = parseConfig(readFileSync(yamlFile, 'utf8') + extraYaml, yamlFile);
  const path = join(mkdtempSync(join(tmpdir(), 'sg-guardian-policy-')), 'guardian.json');
  writeFileSync(path, toPolicyJson(config));
  return path;
}
