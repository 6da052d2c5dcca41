import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SNSClient } from '@aws-sdk/client-sns';

/**
 * The moto server `../shared/tools/moto/up.sh` started (it prints the URL; `npm run test:emulator`
 * passes it as MOTO_URL). Its default account is 123456789012, the example account's id.
 */
export const MOTO_URL = process.env.MOTO_URL ?? 'http://127.0.0.1:5055';
export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';

/** SDK clients of the test's own set-up and read-back calls (the handlers build their own). */
export function motoClients(endpoint = MOTO_URL) {
  const config = {
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  } as const;
  return {
    ec2: new EC2Client(config),
    dynamodb: new DynamoDBClient(config),
    sns: new SNSClient(config),
  };
}

export type MotoClients = ReturnType<typeof motoClients>;

/** Empties every service (moto-api/reset), so each test starts on a fresh account. */
export async function resetMoto(url = MOTO_URL): Promise<void> {
  const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`moto reset answered HTTP ${res.status}`);
}

/** Fails early, with the way to start it, when no moto answers. */
export async function assertMotoUp(): Promise<void> {
  try {
    const res = await fetch(`${MOTO_URL}/moto-api/`);
    if (res.ok) return;
    throw new Error(`HTTP ${res.status}`);
  } catch (error) {
    throw new Error(
      `no moto on ${MOTO_URL}: start it with MOTO_URL=$(../shared/tools/moto/up.sh) (npm run test:emulator does)`,
      { cause: error },
    );
  }
}
