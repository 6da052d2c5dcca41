import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * AWS SDK v3 clients keep all their shape schemas in `schemas/schemas_N.js`, with object keys written
 * as computed names of module constants (`{ [_xN]: _m }` where `const _xN = "xmlName"`). esbuild must
 * assume a computed key has side effects, so it keeps every schema of the service (543 KB of EC2's
 * 1.3 MB file). Writing those keys as the literal strings they are makes the unused schemas
 * removable. Keys are only rewritten when the name is a top-level string constant of the same file;
 * `__proto__` stays computed (as a literal it would set the prototype instead of a property).
 */
export function staticSchemaKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const match of source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm))
    if (match[1] && match[2] && match[2] !== '"__proto__"') constants.set(match[1], match[2]);
  return source.replace(/\[(_\w+)\]:/g, (key, name: string) => {
    const literal = constants.get(name);
    return literal === undefined ? key : `${literal}:`;
  });
}

/**
 * `import { z } from 'zod'` binds a namespace that zod re-exports as a value; esbuild then keeps the
 * whole namespace, every locale included (~370 KB). `import * as z from 'zod'` has the same members
 * (plus `z.z` and `z.default`) and lets esbuild keep only those the code reads.
 */
export function namespaceZodImport(source: string): string {
  return source.replace(/import\s*\{\s*z\s*\}\s*from\s*(['"])zod\1/g, 'import * as z from $1zod$1');
}

const SDK_SCHEMAS = /[\\/]node_modules[\\/]@aws-sdk[\\/].+[\\/]schemas[\\/]schemas_\d+\.js$/;
/** Our TypeScript and Powertools' parser schemas: the modules that import zod. */
const ZOD_IMPORTERS = /(?:\.ts|[\\/]@aws-lambda-powertools[\\/]parser[\\/].+\.js)$/;
const DEPENDENCY = /[\\/]node_modules[\\/]/;

/** Lets esbuild tree-shake the AWS SDK schemas and zod (semantics unchanged; see the functions above). */
export function treeShakingPlugin(): Plugin {
  return {
    name: 'sg-guardian-tree-shaking',
    setup(build) {
      build.onLoad({ filter: SDK_SCHEMAS }, async (args) => ({
        contents: staticSchemaKeys(await readFile(args.path, 'utf8')),
        loader: 'js',
      }));
      build.onLoad({ filter: ZOD_IMPORTERS }, async (args) => {
        if (args.path.endsWith('.ts') && DEPENDENCY.test(args.path)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const rewritten = namespaceZodImport(source);
        if (rewritten === source) return undefined;
        return { contents: rewritten, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}
