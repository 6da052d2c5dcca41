import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../lambdas/core/model/build-model';
import { SnapshotError } from '../../../lambdas/core/model/snapshot-error';
import { at, smallSnapshotDocs } from './fixture-docs';

function errorOf(run: () => unknown): SnapshotError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('expected a SnapshotError');
}

describe('buildModel errors', () => {
  it('names the file and field path of a port of the wrong type', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.securityGroups.json, 'SecurityGroups', 1, 'IpPermissions', 0).FromPort = '8080';

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.name).toBe('SnapshotError');
    expect(error.message).toBe(
      'describe-security-groups.json: SecurityGroups[1].IpPermissions[0].FromPort: expected number, received string',
    );
    expect(error.cause).toBeDefined();
  });

  it('names a missing required field', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    delete at(docs.networkInterfaces.json, 'NetworkInterfaces', 2).SubnetId;

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-network-interfaces.json: NetworkInterfaces[2].SubnetId: missing (expected string)',
    );
  });

  it('rejects a CIDR that is not one, with its value', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.networkAcls.json, 'NetworkAcls', 1, 'Entries', 1).CidrBlock = '10.0.0.0/99';

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-network-acls.json: NetworkAcls[1].Entries[1].CidrBlock: not a CIDR: "10.0.0.0/99"',
    );
  });

  it('rejects an unknown protocol and a tcp rule without ports', () => {
    // Prepare
    const badProtocol = smallSnapshotDocs();
    at(badProtocol.securityGroupRules.json, 'SecurityGroupRules', 4).IpProtocol = 'tcpp';
    const noPorts = smallSnapshotDocs();
    delete at(noPorts.securityGroupRules.json, 'SecurityGroupRules', 0).ToPort;

    // Act
    const protocolError = errorOf(() => buildModel(badProtocol));
    const portsError = errorOf(() => buildModel(noPorts));

    // Assess
    expect(protocolError.message).toBe(
      'describe-security-group-rules.json: SecurityGroupRules[4].IpProtocol: not an IP protocol: "tcpp"',
    );
    expect(portsError.message).toBe(
      'describe-security-group-rules.json: SecurityGroupRules[0].ToPort: missing (required for tcp)',
    );
  });

  it('names the prefix list entries file it could not read', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.prefixListEntries['pl-0vpn']!.json, 'Entries', 0).Cidr = 42;

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'get-managed-prefix-list-entries/pl-0vpn.json: Entries[0].Cidr: expected string, received number',
    );
  });

  it('rejects a rules file that disagrees with the groups file', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.securityGroupRules.json, 'SecurityGroupRules', 2).FromPort = 2222;
    at(docs.securityGroupRules.json, 'SecurityGroupRules', 2).ToPort = 2222;

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-security-group-rules.json: rules of sg-0web do not match describe-security-groups.json ' +
        '(only in describe-security-group-rules.json: ingress tcp 2222 from pl-0vpn; ' +
        'only in describe-security-groups.json: ingress tcp 22 from pl-0vpn)',
    );
  });

  it('rejects a rule of a group the groups file does not list', () => {
    // Prepare
    const docs = smallSnapshotDocs();
    at(docs.securityGroupRules.json, 'SecurityGroupRules', 6).GroupId = 'sg-0ghost';

    // Act
    const error = errorOf(() => buildModel(docs));

    // Assess
    expect(error.message).toBe(
      'describe-security-group-rules.json: SecurityGroupRules[6].GroupId: group sg-0ghost is not in describe-security-groups.json',
    );
  });

  it('rejects duplicate ids and a subnet associated with two NACLs', () => {
    // Prepare
    const dupGroup = smallSnapshotDocs();
    at(dupGroup.securityGroups.json, 'SecurityGroups', 2).GroupId = 'sg-0app';
    const twice = smallSnapshotDocs();
    at(twice.networkAcls.json, 'NetworkAcls', 1, 'Associations', 0).SubnetId = 'subnet-0pub';

    // Act
    const groupError = errorOf(() => buildModel(dupGroup));
    const subnetError = errorOf(() => buildModel(twice));

    // Assess
    expect(groupError.message).toBe(
      'describe-security-groups.json: SecurityGroups[2].GroupId: duplicate group sg-0app',
    );
    expect(subnetError.message).toBe(
      'describe-network-acls.json: NetworkAcls[1].Associations[0].SubnetId: subnet subnet-0pub is associated twice',
    );
  });

  it('says which top-level list is missing', () => {
    // Prepare
    const docs = smallSnapshotDocs();

    // Act
    const error = errorOf(() =>
      buildModel({ ...docs, securityGroups: { file: 'describe-security-groups.json', json: {} } }),
    );

    // Assess
    expect(error.message).toBe('describe-security-groups.json: SecurityGroups: missing (expected array)');
  });
});
