import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexTerraformSources, resourceKey } from '../../../lambdas/adapters/files/terraform-sources';

function sources(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sgg-tf-'));
  writeFileSync(
    join(dir, 'main.tf'),
    [
      'provider "aws" {}',
      '',
      'resource "aws_security_group" "backend" {',
      '  name = "backend"',
      '}',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'modules', 'net'), { recursive: true });
  writeFileSync(
    join(dir, 'modules', 'net', 'rules.tf'),
    ['# rules', '  resource "aws_security_group_rule" "ssh" {', '}'].join('\n'),
  );
  writeFileSync(
    join(dir, 'modules', 'net', 'dup.tf'),
    'resource "aws_security_group" "backend" {}\nresource "aws_network_acl_rule" "x" {}\n',
  );
  mkdirSync(join(dir, '.terraform', 'modules'), { recursive: true });
  writeFileSync(join(dir, '.terraform', 'modules', 'cached.tf'), 'resource "aws_network_acl_rule" "x" {}\n');
  return dir;
}

describe('Terraform sources index', () => {
  it('maps an address, with module prefixes and instance keys, to its resource line', async () => {
    // Prepare
    const dir = sources();

    // Act
    const locate = await indexTerraformSources(dir);

    // Assess
    const file = relative(process.cwd(), join(dir, 'modules', 'net', 'rules.tf'));
    expect(locate('module.net.aws_security_group_rule.ssh["a"]')).toEqual({ file, line: 2 });
    expect(locate('aws_network_acl_rule.x[0]')?.line).toBe(2);
  });

  it('does not guess between two declarations of the same type and name, nor read .terraform', async () => {
    // Prepare
    const dir = sources();

    // Act
    const locate = await indexTerraformSources(dir);

    // Assess
    expect(locate('aws_security_group.backend')).toBeUndefined();
    expect(locate('aws_network_acl_rule.x')?.file).toContain('dup.tf');
  });

  it('fails as bad input when the folder cannot be read', async () => {
    // Act
    const attempt = indexTerraformSources(join(tmpdir(), 'sgg-no-such-dir'));

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'InputFileError',
      message: expect.stringContaining('cannot read the Terraform sources'),
    });
  });

  it.each([
    ['aws_security_group.web', 'aws_security_group.web'],
    ['aws_security_group.web[0]', 'aws_security_group.web'],
    ['module.a.module.b["k"].aws_security_group.web["x.y"]', 'aws_security_group.web'],
  ])('reads %s as %s', (address, key) => {
    // Act
    const read = resourceKey(address);

    // Assess
    expect(read).toBe(key);
  });
});
