import { describe, expect, it } from 'vitest';
import { classifyVia, type ViaInput } from '../../../lambdas/core/events/via';

const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.45.0 aws-sdk-go-v2/1.26.1 os/linux';

describe('classifyVia', () => {
  it.each<[string, ViaInput, ReturnType<typeof classifyVia>]>([
    ['the EC2 console', { userAgent: 'console.ec2.amazonaws.com' }, 'console'],
    ['the generic console host', { userAgent: 'console.amazonaws.com' }, 'console'],
    ['a console sign-in', { userAgent: 'signin.amazonaws.com' }, 'console'],
    ['"AWS Internal" with console credentials', { userAgent: 'AWS Internal', fromConsole: true }, 'console'],
    [
      'a browser with console credentials',
      { userAgent: 'Mozilla/5.0 (Macintosh)', fromConsole: true },
      'console',
    ],
    ['AWS CLI v2', { userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64 prompt/off' }, 'cli'],
    [
      'AWS CLI v1, which also names botocore',
      { userAgent: 'aws-cli/1.32.10 Python/3.9 botocore/1.34.10' },
      'cli',
    ],
    ['Terraform, which also names the Go SDK', { userAgent: TERRAFORM }, 'terraform'],
    ['a HashiCorp-only agent', { userAgent: 'HashiCorp/1.0 something' }, 'terraform'],
    ['CloudFormation by user agent', { userAgent: 'cloudformation.amazonaws.com' }, 'cloudformation'],
    [
      'CloudFormation by invokedBy, even from a console session',
      { userAgent: 'AWS Internal', invokedBy: 'cloudformation.amazonaws.com', fromConsole: true },
      'cloudformation',
    ],
    ['Boto3', { userAgent: 'Boto3/1.34.84 md/Botocore#1.34.84 ua/2.0 os/linux' }, 'sdk'],
    ['bare Botocore', { userAgent: 'Botocore/1.34.84 ua/2.0' }, 'sdk'],
    ['the JavaScript SDK v3', { userAgent: 'aws-sdk-js/3.556.0 ua/2.0 os/linux lang/js' }, 'sdk'],
    ['the Java SDK', { userAgent: 'aws-sdk-java/1.12.600 Linux/5.10' }, 'sdk'],
    ['an AWS service identity', { userAgent: 'AWS Internal', identityType: 'AWSService' }, 'service'],
    ['a service host as user agent', { userAgent: 'autoscaling.amazonaws.com' }, 'service'],
    [
      'a service in invokedBy',
      { userAgent: 'AWS Internal', invokedBy: 'elasticloadbalancing.amazonaws.com' },
      'service',
    ],
    ['"AWS Internal" without console credentials', { userAgent: 'AWS Internal' }, 'unknown'],
    ['a custom agent', { userAgent: 'my-script/0.1' }, 'unknown'],
    ['no user agent at all', {}, 'unknown'],
  ])('classifies %s', (_, input, expected) => {
    // Act
    const via = classifyVia(input);

    // Assess
    expect(via).toBe(expected);
  });
});
