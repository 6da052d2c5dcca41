// The smallest useful EC2 handler: the baseline bench/bundle.ts compares the evaluator bundle with.
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';

const ec2 = new EC2Client({});

export const handler = async () => ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5 }));
