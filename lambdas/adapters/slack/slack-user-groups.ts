import type { WebClient } from '@slack/web-api';
import type { UserGroupDirectory } from '../../app/ports';
import { createWebClient, type SlackWebClientOptions } from './slack-transport';

/** No AWS actions; the bot token needs the Slack scope usergroups:read. */
export const SLACK_USER_GROUPS_IAM_ACTIONS = [] as const;

export class SlackDirectoryError extends Error {
  override name = 'SlackDirectoryError';
}

export interface SlackUserGroupsOptions extends SlackWebClientOptions {
  /** The bot token (from the Slack secret); undefined when the secret has none. */
  readonly token: () => Promise<string | undefined>;
  /** Members are cached this long per group; default 60 s. */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

/** Members of a Slack user group via usergroups.users.list, cached briefly per warm Lambda. */
export class SlackUserGroups implements UserGroupDirectory {
  readonly #cache = new Map<string, { members: readonly string[]; until: number }>();
  #web?: { token: string; client: WebClient };

  constructor(private readonly options: SlackUserGroupsOptions) {}

  async membersOf(userGroupId: string): Promise<readonly string[]> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.#cache.get(userGroupId);
    if (cached && cached.until > now) return cached.members;
    const token = await this.options.token();
    if (!token) throw new SlackDirectoryError('the Slack secret has no botToken');
    let users: string[] | undefined;
    try {
      users = (await this.#client(token).usergroups.users.list({ usergroup: userGroupId })).users;
    } catch (error) {
      const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      throw new SlackDirectoryError(`usergroups.users.list ${userGroupId} failed: ${reason}`, {
        cause: error,
      });
    }
    const members = users ?? [];
    this.#cache.set(userGroupId, { members, until: now + (this.options.cacheMs ?? 60_000) });
    return members;
  }

  #client(token: string): WebClient {
    if (this.#web?.token !== token) this.#web = { token, client: createWebClient(token, this.options) };
    return this.#web.client;
  }
}
