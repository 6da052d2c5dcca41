import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { writeValidatedPolicy } from '../../lib/bundling/policy-asset';

/**
 * Writes guardian.json the way the CDK app bundles it beside the handlers (guardian.yaml, plus any
 * extra YAML appended, validated and written as JSON, with its stamp) and returns its path.
 */
export function writeBundledPolicy(yamlFile = 'examples/guardian.yaml', extraYaml = ''): string {
  const config = parseConfig(readFileSync(yamlFile, 'utf8') + extraYaml, yamlFile);
  return writeValidatedPolicy(mkdtempSync(join(tmpdir(), 'sg-guardian-policy-')), 'guardian.json', config);
}
