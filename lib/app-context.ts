import type { App } from 'aws-cdk-lib';
import { GuardianPropsError } from './errors';

const MODES = ['enforce', 'dry-run'] as const;

/** `-c key=value`, or undefined when absent or empty. */
export function contextString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new GuardianPropsError(`context ${key} must be a string`);
  return value;
}

/** `-c key=a,b,c` as a list (blank items dropped), or undefined when absent. */
export function contextList(app: App, key: string): string[] | undefined {
  return contextString(app, key)
    ?.split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `-c key=true` (or false); absent is false. */
export function contextFlag(app: App, key: string): boolean {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '' || value === false || value === 'false')
    return false;
  if (value === true || value === 'true') return true;
  throw new GuardianPropsError(`context ${key} must be true or false, got "${String(value)}"`);
}

export function contextMode(app: App): (typeof MODES)[number] | undefined {
  const value = contextString(app, 'mode');
  if (value === undefined) return undefined;
  const mode = MODES.find((m) => m === value);
  if (!mode) throw new GuardianPropsError(`context mode must be ${MODES.join(' or ')}, got "${value}"`);
  return mode;
}
