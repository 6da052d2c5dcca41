/** Who pressed Revert or Keep: recorded on the decision and in the audit log. */
export interface Approver {
  /** Stable id: `slack:<user id>` or `link:<source ip>`. */
  readonly id: string;
  /** For people and the audit log: "Slack user U0123 (alice)", "signed link from 203.0.113.7". */
  readonly label: string;
}

export function slackApprover(user: { id: string; name?: string; username?: string }): Approver {
  const name = user.username ?? user.name;
  return { id: `slack:${user.id}`, label: `Slack user ${user.id}${name ? ` (${name})` : ''}` };
}

export function linkApprover(sourceIp: string | undefined): Approver {
  const ip = sourceIp || 'unknown address';
  return { id: `link:${ip}`, label: `signed link from ${ip}` };
}

/** How the approver decided: "Slack" or "signed link". */
export function approverChannel(approver: Approver): string {
  return approver.id.startsWith('slack:') ? 'Slack' : 'signed link';
}
