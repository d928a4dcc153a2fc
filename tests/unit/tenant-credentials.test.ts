import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { ulid } from 'ulidx';
import { documentClient, tenantClient } from '../../functions/lib/dynamo';

/**
 * Defence in depth: in AWS every tenant's data is read with STS credentials tagged with that tenant's id, which
 * the IAM policy turns into a `dynamodb:LeadingKeys` restriction (proved by the CDK assertions).
 */
const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::123456789012:role/parkpunt-tenant-data';

beforeEach(() => {
  sts.reset();
  sts.on(AssumeRoleCommand).callsFake((input) => ({
    Credentials: {
      AccessKeyId: `AKIA-${input.Tags[0].Value}`,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + 15 * 60_000),
    },
  }));
  process.env.TENANT_DATA_ROLE_ARN = ROLE;
});
afterEach(() => {
  delete process.env.TENANT_DATA_ROLE_ARN;
});

async function credentialsOf(client: ReturnType<typeof tenantClient>) {
  const provider = client.config.credentials as () => Promise<{ accessKeyId: string }>;
  return provider();
}

describe('tenant-scoped credentials', () => {
  it('assumes the tenant data role with the tenant id as session tag', async () => {
    const tenantId = ulid();
    const credentials = await credentialsOf(tenantClient(tenantId));
    expect(credentials.accessKeyId).toBe(`AKIA-${tenantId}`);
    const [call] = sts.commandCalls(AssumeRoleCommand);
    expect(call!.args[0].input).toMatchObject({ RoleArn: ROLE, Tags: [{ Key: 'TenantId', Value: tenantId }], DurationSeconds: 900 });
  });

  it('keeps one session per tenant and never shares one between tenants', async () => {
    const [a, b] = [ulid(), ulid()];
    await credentialsOf(tenantClient(a));
    await credentialsOf(tenantClient(a));
    await credentialsOf(tenantClient(b));
    const tags = sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.Tags?.[0]?.Value);
    expect(tags).toEqual([a, b]);
    expect(tenantClient(a)).not.toBe(tenantClient(b));
  });

  it('refuses anything but a ULID as tenant id', () => {
    expect(() => tenantClient('*')).toThrow(TypeError);
  });

  it('uses the process client locally, where there is no STS', () => {
    delete process.env.TENANT_DATA_ROLE_ARN;
    expect(tenantClient(ulid())).toBe(documentClient());
  });
});
