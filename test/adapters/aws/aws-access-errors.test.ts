import { describe, expect, it } from 'vitest';
import { AwsAccessError, explainAwsFailure } from '../../../lambdas/adapters/aws/aws-access-errors';
import { Ec2ReadError } from '../../../lambdas/adapters/aws/ec2/ec2-reader';
import { ec2Error } from './ec2/snapshot-paged-account';

const readFailure = (api: string, cause: unknown) => new Ec2ReadError(`ec2:${api} failed`, { cause, api });

describe('explainAwsFailure', () => {
  it('names the API and the permission when EC2 denies a call', () => {
    // Prepare
    const error = readFailure('DescribeSecurityGroups', ec2Error('UnauthorizedOperation', 'not authorized'));

    // Act
    const actions = ['ec2:DescribeSecurityGroups', 'ec2:DescribeNetworkAcls'];
    const explained = explainAwsFailure(error, { actions });

    // Assess
    expect(explained).toBeInstanceOf(AwsAccessError);
    expect(explained?.message).toBe(
      'ec2:DescribeSecurityGroups was denied (UnauthorizedOperation): grant the IAM permission ' +
        'ec2:DescribeSecurityGroups to the caller. It needs: ec2:DescribeSecurityGroups, ' +
        'ec2:DescribeNetworkAcls. AWS said: not authorized',
    );
    expect(explained?.cause).toBe(error.cause);
  });

  it('tells rejected credentials apart from missing ones', () => {
    // Prepare
    const authFailure = ec2Error('AuthFailure', 'AWS was not able to validate', 401);
    const rejected = readFailure('DescribeNetworkAcls', authFailure);
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });

    // Act
    const r = explainAwsFailure(rejected, { profile: 'prod' });
    const m = explainAwsFailure(missing, { profile: 'prod' });

    // Assess
    expect(r?.message).toMatch(
      /^AWS rejected the credentials \(profile "prod"\) calling ec2:DescribeNetworkAcls \(AuthFailure\)/,
    );
    expect(m?.message).toMatch(/^no AWS credentials found \(profile "prod"\): pass --profile/);
  });

  it('explains a missing, malformed, unreachable or disabled region', () => {
    // Prepare
    const unreachable = Object.assign(new Error('getaddrinfo ENOTFOUND ec2.xx-nowhere-9.amazonaws.com'), {
      code: 'ENOTFOUND',
    });

    // Act
    const messages = [
      explainAwsFailure(new Error('Region is missing')),
      explainAwsFailure(new Error('Region not accepted: region="a b" is not a valid hostname component.'), {
        region: 'a b',
      }),
      explainAwsFailure(readFailure('DescribeSecurityGroups', unreachable), { region: 'xx-nowhere-9' }),
      explainAwsFailure(readFailure('DescribeSecurityGroups', ec2Error('OptInRequired', 'opt in')), {
        region: 'ap-east-1',
      }),
    ].map((e) => e?.message);

    // Assess
    expect(messages).toEqual([
      'no AWS region: pass --region, set AWS_REGION, or set region in the AWS profile',
      'invalid AWS region (pass --region with a name like eu-west-1): Region not accepted: region="a b" is not a valid hostname component.',
      'cannot reach ec2:DescribeSecurityGroups in region xx-nowhere-9 (getaddrinfo ENOTFOUND ' +
        'ec2.xx-nowhere-9.amazonaws.com): the DNS lookup failed; check that --region names a real region, ' +
        'AWS_ENDPOINT_URL if set, and that the network is up',
      'region ap-east-1 is not enabled for this account (OptInRequired)',
    ]);
  });

  it('leaves unexpected failures alone', () => {
    // Prepare
    const error = readFailure('DescribeSecurityGroups', ec2Error('InternalError', 'boom', 500));

    // Act
    const explained = explainAwsFailure(error);

    // Assess
    expect(explained).toBeUndefined();
  });
});
