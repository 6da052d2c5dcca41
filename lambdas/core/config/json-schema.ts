import { z } from 'zod';
import { ConfigSchema } from './schema';

/** JSON Schema of guardian.yaml for editors (yaml-language-server). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'sg-guardian configuration (guardian.yaml)',
  };
}
