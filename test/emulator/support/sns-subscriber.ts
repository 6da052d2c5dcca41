import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';

/**
 * What an SNS HTTP subscription receives for one publish (the JSON body AWS documents:
 * https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html).
 */
export interface SnsDelivery {
  readonly Type: string;
  readonly TopicArn?: string;
  readonly Subject?: string;
  readonly Message: string;
}

/**
 * An HTTP endpoint subscribed to the topic: SNS POSTs every notification to it, so the test sees what
 * subscribers would get. moto confirms HTTP subscriptions itself (AWS first sends a
 * SubscriptionConfirmation the endpoint must visit); such messages are ignored here.
 */
export async function subscribeHttp(sns: SNSClient, topicArn: string) {
  const deliveries: SnsDelivery[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const message = JSON.parse(raw) as SnsDelivery;
      if (message.Type === 'Notification') deliveries.push(message);
      res.writeHead(200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sns`;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: endpoint }));
  return {
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
