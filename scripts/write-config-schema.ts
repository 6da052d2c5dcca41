// Writes schema/guardian.schema.json from the zod schema (npm run schema); a test keeps it in sync.
import { mkdirSync, writeFileSync } from 'node:fs';
import { configJsonSchema } from '../lambdas/core/config/json-schema';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/guardian.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log('wrote schema/guardian.schema.json');
