import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCredentials } from '../../../lambdas/adapters/aws/secrets-manager/secrets';
import { SLACK_NOTIFIER_IAM_ACTIONS, SlackNotifier } from '../../../lambdas/adapters/slack/slack-notifier';
import type { Verdict } from '../../../lambdas/core/verdict/types';
import { CONTEXT, exampleVerdicts, reportOf } from '../../app/render/report-fixtures';

const TOKEN = 'xoxb-1111-2222-SECRETTOKEN';
const HOOK_PATH = '/services/T000/B000/SECRETHOOK';

interface Received {
  readonly method?: string;
  readonly url?: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A loopback stand-in for Slack: records requests, answers with the current handler. */
let server: Server;
let base: string;
let received: Received[];
let answer: (res: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  answer = (res) => json(res, 200, { ok: true, channel: 'C0ALERTS', ts: '1700000000.000100' });
});

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

let revoke: Verdict;
let notified: Verdict;

beforeAll(async () => {
  ({ revoke } = await exampleVerdicts());
  notified = { ...revoke, action: 'notify' };
});

const credentials = (c: SlackCredentials) => async () => c;

function botNotifier(options: { timeoutMs?: number; retries?: number } = {}) {
  return new SlackNotifier({
    credentials: credentials({ botToken: TOKEN }),
    context: CONTEXT,
    transport: { kind: 'bot', channel: 'C0ALERTS', slackApiUrl: `${base}/api/`, retries: 0, ...options },
  });
}

function webhookNotifier(options: { timeoutMs?: number; retries?: number } = {}) {
  return new SlackNotifier({
    credentials: credentials({ webhookUrl: `${base}${HOOK_PATH}` }),
    context: CONTEXT,
    transport: { kind: 'webhook', retries: 0, ...options },
  });
}

describe('SlackNotifier: bot token + channel (chat.postMessage)', () => {
  it('posts channel, fallback text and blocks with the bot token as bearer', async () => {
    // Act
    await botNotifier().notify(reportOf(notified));

    // Assess
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/api/chat.postMessage' });
    expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const form = new URLSearchParams(request!.body);
    expect(form.get('channel')).toBe('C0ALERTS');
    expect(form.get('text')).toContain('[critical] sg-guardian: nginx-to-backend broken');
    const blocks = JSON.parse(form.get('blocks')!);
    expect(blocks[0]).toMatchObject({ type: 'header' });
    expect(blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ action_id: 'sg-guardian:revert' }, {}],
    });
  });

  it('rejects with a clear error when Slack answers 500, without retrying when told not to', async () => {
    // Prepare
    answer = (res) => json(res, 500, { ok: false });

    // Act
    const error = await botNotifier()
      .notify(reportOf(revoke))
      .catch((e: Error) => e);

    // Assess
    expect(error).toMatchObject({
      name: 'SlackNotifyError',
      message: 'Slack chat.postMessage to C0ALERTS failed: HTTP 500',
    });
    expect(received).toHaveLength(1);
    expect(String(error)).not.toContain('SECRETTOKEN');
  });

  it('retries a 500 as many times as configured', async () => {
    // Prepare
    answer = (res) => json(res, 500, { ok: false });

    // Act
    const result = botNotifier({ retries: 1 }).notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toThrow('HTTP 500');
    expect(received).toHaveLength(2);
  });

  it("names Slack's error when the call is refused", async () => {
    // Prepare
    answer = (res) => json(res, 200, { ok: false, error: 'channel_not_found' });

    // Act
    const result = botNotifier().notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toThrow(
      'Slack chat.postMessage to C0ALERTS failed: Slack answered channel_not_found',
    );
  });

  it('gives up on a Slack that never answers within the timeout', async () => {
    // Prepare
    answer = () => {};
    const started = Date.now();

    // Act
    const result = botNotifier({ timeoutMs: 200 }).notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toThrow('Slack chat.postMessage to C0ALERTS failed: request timed out');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses credentials without a bot token', async () => {
    // Prepare
    const notifier = new SlackNotifier({
      credentials: credentials({ webhookUrl: `${base}${HOOK_PATH}` }),
      transport: { kind: 'bot', channel: 'C0ALERTS', slackApiUrl: `${base}/api/` },
    });

    // Act
    const result = notifier.notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toMatchObject({
      name: 'SlackNotifyError',
      message: 'Slack credentials have no botToken',
    });
    expect(received).toHaveLength(0);
  });

  it('reports credentials that cannot be read', async () => {
    // Prepare
    const notifier = new SlackNotifier({
      credentials: async () => {
        throw new Error('Reading secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:slack failed');
      },
      transport: { kind: 'bot', channel: 'C0ALERTS' },
    });

    // Act
    const result = notifier.notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toThrow(
      'Slack credentials unavailable: Reading secret arn:aws:secretsmanager',
    );
  });
});

describe('SlackNotifier: incoming webhook', () => {
  it('POSTs text and blocks as JSON, without buttons', async () => {
    // Act
    await webhookNotifier().notify(reportOf(notified));

    // Assess
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: HOOK_PATH });
    expect(request!.headers['content-type']).toContain('application/json');
    const body = JSON.parse(request!.body);
    expect(body.text).toContain('nginx-to-backend broken');
    expect(body.blocks[0]).toMatchObject({ type: 'header' });
    expect(body.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(false);
  });

  it('carries the signed Revert and Keep links, since a webhook message cannot call back', async () => {
    // Prepare: the links the decision hook signed (the same ones e-mail gets)
    const findingId = notified.findings[0]!.id;
    const url = `https://guardian.example.com/decide?f=${findingId}&exp=1795000000&sig=${'a'.repeat(64)}`;
    const report = { ...reportOf(notified), decisionLinks: [{ findingId, url, expiresAt: '2026-11-20T04:42:05.000Z' }] };

    // Act
    await webhookNotifier().notify(report);

    // Assess
    const body = JSON.parse(received[0]!.body) as { blocks: { type: string; text?: { text: string } }[] };
    const text = body.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(text).toContain(`<${url}|Revert> · <${url}&choice=keep|Keep>`);
    expect(text).toContain('valid until 2026-11-20T04:42:05.000Z');
    expect(body.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('does not retry a 4xx answer and never shows the webhook URL', async () => {
    // Prepare
    answer = (res) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end('invalid_blocks');
    };

    // Act
    const error = await webhookNotifier({ retries: 2 })
      .notify(reportOf(revoke))
      .catch((e: Error) => e);

    // Assess
    expect(error).toMatchObject({
      name: 'SlackNotifyError',
      message: 'Slack webhook POST failed: HTTP 400 invalid_blocks',
    });
    expect(String(error)).not.toContain('SECRETHOOK');
    expect(received).toHaveLength(1);
  });

  it('retries a 500 and then rejects', async () => {
    // Prepare
    answer = (res) => {
      res.writeHead(500);
      res.end();
    };

    // Act
    const result = webhookNotifier({ retries: 1 }).notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toThrow('Slack webhook POST failed: HTTP 500');
    expect(received).toHaveLength(2);
  });

  it('gives up on a webhook that never answers within the timeout', async () => {
    // Prepare
    answer = () => {};

    // Act
    const result = webhookNotifier({ timeoutMs: 200 }).notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toThrow('Slack webhook POST failed: timed out after 200 ms');
  });

  it('refuses credentials without a webhook URL', async () => {
    // Prepare
    const notifier = new SlackNotifier({
      credentials: credentials({ botToken: TOKEN }),
      transport: { kind: 'webhook' },
    });

    // Act
    const result = notifier.notify(reportOf(revoke));

    // Assess
    await expect(result).rejects.toThrow('Slack credentials have no webhookUrl');
  });
});

describe('SlackNotifier: permissions', () => {
  it('needs no AWS action of its own', () => {
    // Assess
    expect(SLACK_NOTIFIER_IAM_ACTIONS).toEqual([]);
  });
});
