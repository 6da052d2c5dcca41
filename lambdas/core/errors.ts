/**
 * The one error base class of sg-guardian. Every failure a user can act on is a subclass, so that a
 * caller maps it to an exit code or a response by its class, never by its name:
 * - InputError: what was given is wrong (a config, snapshot, plan, event file, an option) — fix it.
 * - EnvironmentError: what is around us failed (credentials, permissions, network, DNS, a taken port)
 *   — the message says what failed and what to do.
 * Anything else that is thrown is a bug. `cause` keeps the original error.
 */
export abstract class GuardianError extends Error {
  abstract readonly kind: 'bad-input' | 'environment';
}

export abstract class InputError extends GuardianError {
  readonly kind = 'bad-input' as const;
}

export abstract class EnvironmentError extends GuardianError {
  readonly kind = 'environment' as const;
}
