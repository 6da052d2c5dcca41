import { type ExecFileSyncOptionsWithStringEncoding, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../../lib/bundling/handler-bundle';
import { namespaceZodImport, staticSchemaKeys } from '../../../lib/bundling/tree-shaking-plugin';
import { probeEc2 } from './ec2-probe';

const PROBE = 'test/lib/bundling/ec2-probe.ts';
const quiet: ExecFileSyncOptionsWithStringEncoding = {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
};

describe('staticSchemaKeys', () => {
  it('writes computed keys naming string constants of the module as literal keys', () => {
    // Prepare
    const source =
      'const _eQN = "ec2QueryName";\nconst _xN = "xmlName";\nvar A$ = [1, { [_eQN]: `Min`, [_xN]: _m }];';

    // Act
    const out = staticSchemaKeys(source);

    // Assess
    expect(out).toContain('var A$ = [1, { "ec2QueryName": `Min`, "xmlName": _m }];');
  });

  it('leaves keys it cannot prove constant, and __proto__, computed', () => {
    // Prepare
    const source = 'const _p = "__proto__";\nlet _l = "late";\nvar A$ = { [_p]: 1, [_l]: 2, [_u]: 3 };';

    // Act
    const out = staticSchemaKeys(source);

    // Assess
    expect(out).toContain('var A$ = { [_p]: 1, [_l]: 2, [_u]: 3 };');
  });
});

describe('namespaceZodImport', () => {
  it('imports zod as a namespace so that esbuild keeps only the members read', () => {
    // Act
    const out = namespaceZodImport(
      "import { z } from 'zod';\nimport {z} from \"zod\";\nimport { z as y } from 'zod';",
    );

    // Assess
    expect(out).toBe("import * as z from 'zod';\nimport * as z from \"zod\";\nimport { z as y } from 'zod';");
  });
});

describe('treeShakingPlugin', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sg-guardian-probe-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('bundles an EC2 client that sends and parses exactly what the unbundled SDK does', async () => {
    // Prepare
    const expected = JSON.parse(JSON.stringify(await probeEc2()));
    const { metafile } = await bundleHandler(PROBE, dir);

    // Act
    const bundled = JSON.parse(execFileSync(process.execPath, [join(dir, 'index.mjs')], quiet));

    // Assess
    expect(bundled).toEqual(expected);
    expect(bundled.requests[1]).toContain('IpPermissions.1.Groups.1.GroupId=sg-2');
    expect(bundled.described.SecurityGroups[0].IpPermissions[0].UserIdGroupPairs).toEqual([
      { UserId: '123456789012', GroupId: 'sg-2' },
    ]);
    // In whichever file of the split bundle it lands (index.mjs or a chunk)
    const ec2SchemaBytes = Object.values(metafile.outputs)
      .flatMap((o) => Object.entries(o.inputs))
      .filter(([file]) => file.endsWith('client-ec2/dist-es/schemas/schemas_0.js'))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    expect(ec2SchemaBytes).toBeGreaterThan(0);
    expect(ec2SchemaBytes).toBeLessThan(50_000);
  });
});
