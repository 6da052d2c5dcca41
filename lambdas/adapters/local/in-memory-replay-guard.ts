import type { ReplayGuard } from '../../app/ports';

/** Request keys in a map (the local demo server and tests). */
export class InMemoryReplayGuard implements ReplayGuard {
  readonly #seen = new Map<string, number>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async firstUse(key: string, expiresAt: Date): Promise<boolean> {
    const until = this.#seen.get(key);
    if (until !== undefined && until >= this.clock().getTime()) return false;
    this.#seen.set(key, expiresAt.getTime());
    return true;
  }
}
