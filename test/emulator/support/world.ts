import { vi } from 'vitest';
import { type AccountView, readAccount } from './account-view';
import { makeChange } from './changes';
import { exampleEvent, recordOf } from './cloudtrail';
import { lambdaContext } from './lambda-context';
import { MOTO_URL, motoClients, resetMoto } from './moto';
import { motoGapFixer } from './moto-gaps';
import { startRecordingProxy } from './recording-proxy';
import { emulatorPolicy, handlerEnvironment, prepareEmulatorAccount } from './setup';
import { subscribeHttp } from './sns-subscriber';

/**
 * A fresh moto account (examples/account built by API calls), the guardian's DynamoDB tables and SNS
 * topic in moto, an HTTP subscriber on the topic, and the real evaluator and sweep handlers, cold
 * started against it with their real SDK clients (AWS_ENDPOINT_URL -> a recording pass-through to moto).
 * The sweep has run once, so the state cache holds the account before any incident, as in production.
 */
export async function startEmulatorWorld() {
  await resetMoto();
  const clients = motoClients();
  const { ids, topicArn } = await prepareEmulatorAccount(clients);
  const subscriber = await subscribeHttp(clients.sns, topicArn);
  const proxy = await startRecordingProxy(MOTO_URL, motoGapFixer(clients.ec2));

  const env = handlerEnvironment({ endpoint: proxy.url, topicArn, policyJson: emulatorPolicy(ids) });
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  const evaluator = await import('../../../lambdas/handlers/evaluate');
  const sweeper = await import('../../../lambdas/handlers/sweep');
  const first = await sweeper.handler({}, lambdaContext);
  if (first.failed > 0) throw new Error(`the first sweep failed: ${JSON.stringify(first.targets)}`);
  proxy.calls.length = 0;

  return {
    ids,
    ec2: clients.ec2,
    topicArn,
    /** SNS notifications the subscriber received. */
    notifications: subscriber.deliveries,
    /** EC2 writes the handlers sent. */
    writes: () => proxy.ec2Writes(),
    evaluate: (event: unknown) => evaluator.handler(event, lambdaContext),
    sweep: () => sweeper.handler({}, lambdaContext),
    readAccount: () => readAccount(clients.ec2, ids),
    /**
     * Makes an example incident's call in moto (as its user would) and returns the CloudTrail event
     * of that call as EventBridge delivers it, and the account just after the call.
     */
    async happen(name: string): Promise<{ event: Record<string, unknown>; changed: AccountView }> {
      const example = exampleEvent(name);
      const made = await makeChange(clients.ec2, ids.toReal(example.detail as Record<string, unknown>));
      return { event: recordOf(example, ids, made), changed: await readAccount(clients.ec2, ids) };
    },
    async stop() {
      vi.unstubAllEnvs();
      await proxy.close();
      await subscriber.close();
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

export type EmulatorWorld = Awaited<ReturnType<typeof startEmulatorWorld>>;

