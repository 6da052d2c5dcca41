import type { Approvals } from '../../core/config/schema';
import type { UserGroupDirectory } from '../ports';

export type Authorization = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * Whether a Slack user may press Revert / Keep: listed in approvals.slackUsers, or a member of one of
 * approvals.slackUserGroups. Nobody is allowed by default; a directory that cannot answer denies.
 */
export async function mayDecide(
  userId: string,
  approvals: Approvals,
  directory: UserGroupDirectory | undefined,
): Promise<Authorization> {
  if (approvals.slackUsers.includes(userId)) return { allowed: true };
  const problems: string[] = [];
  for (const group of approvals.slackUserGroups) {
    if (!directory) {
      problems.push(`user group ${group} cannot be read (no Slack bot token)`);
      continue;
    }
    try {
      if ((await directory.membersOf(group)).includes(userId)) return { allowed: true };
    } catch (error) {
      problems.push(`user group ${group} cannot be read: ${error instanceof Error ? error.message : error}`);
    }
  }
  const why = `${userId} is not in approvals.slackUsers or a member of approvals.slackUserGroups`;
  return { allowed: false, reason: problems.length ? `${why} (${problems.join('; ')})` : why };
}
