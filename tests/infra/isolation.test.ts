import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contexts, scheduledJobs, streamConsumers, type ContextName, type ScheduledJobName } from '../../functions/routes';
import { mailSettings } from '../../infra/parkpunt';
import { creditActions, dataActions, occurrenceDayLeadingKeys, participationTags } from '../../infra/stacks/api-stack';
import { PARTICIPATION_TAGS } from '../../functions/activities/participation-client';
import { tableDefinition } from '../../shared/table';
import { cfnImports, cfnText, cleanUp, synthParkpunt } from './synth';

/**
 * Issue #3, defence in depth: what IAM itself allows, read from the synthesized templates. The functions' own roles
 * never reach a tenant's partitions; tenant data goes through `TenantDataRole`, assumed with a `TenantId` session
 * tag and limited by `dynamodb:LeadingKeys` to that tenant's partitions.
 */

type Resource = { Type: string; Properties: any };
type Statement = {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
};

const contextNames = Object.keys(contexts) as ContextName[];
const actionsOf = (statement: Statement) => [statement.Action].flat();
const isDynamo = (statement: Statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:'));

/** Every policy document anywhere in a template (identity, trust, resource policies), with the resource it is in. */
function policyDocuments(template: Template): { resource: string; where: string; statements: Statement[] }[] {
  const found: { resource: string; where: string; statements: Statement[] }[] = [];
  const walk = (value: unknown, resource: string, where: string) => {
    if (value === null || typeof value !== 'object') return;
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.Statement)) found.push({ resource, where, statements: v.Statement as Statement[] });
    for (const [key, child] of Object.entries(v)) walk(child, resource, `${where}.${key}`);
  };
  for (const [id, resource] of Object.entries(template.toJSON().Resources as Record<string, unknown>)) walk(resource, id, id);
  return found;
}

/**
 * IAM's `ForAllValues:StringLike` on `dynamodb:LeadingKeys`, offline: each partition key of a request must match
 * one pattern (`*` any run, `?` one character), after `${aws:PrincipalTag/…}` is replaced by the session's tag.
 * A missing tag never matches. An empty set of keys is allowed, which is why no such role may have Scan.
 */
function leadingKeysAllow(condition: Statement['Condition'], keys: string[], tags: Record<string, string> = {}) {
  const patterns = [condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []].flat();
  const matches = (pattern: string, key: string) => {
    let unresolved = false;
    const substituted = pattern.replace(/\$\{aws:PrincipalTag\/([^}]+)\}/g, (_, tag: string) => {
      if (tags[tag] === undefined) unresolved = true;
      return tags[tag] ?? '';
    });
    if (unresolved) return false;
    const regex = [...substituted]
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${regex}$`, 's').test(key);
  };
  return keys.every((key) => patterns.some((pattern) => matches(pattern, key)));
}

const tenantA = '01HZX7K3M9Q4W8E2R6T0Y5V1JA';
const tenantB = '01HZX7K3M9Q4W8E2R6T0Y5V1JB';
const tenantKeys = (id: string) => [`T#${id}`, `T#${id}#COMPANY`, `T#${id}#PARK#01HZX7K3M9Q4W8E2R6T0Y5V1JC#COMPANY`];

afterAll(cleanUp);

describe('tenant isolation in IAM', () => {
  let synth: ReturnType<typeof synthParkpunt>;
  let api: Template;
  let apiStack: ReturnType<typeof synthParkpunt>['stacks']['api'];
  const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);
  /** The (one) identity policy attached to a role: its logical ID and statements. */
  const policyOf = (role: IRole): [string, Statement[]] => {
    const roleId = logicalId(apiStack, role);
    const policies = Object.entries(api.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter(([, policy]) =>
      policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId),
    );
    expect(policies, roleId).toHaveLength(1);
    return [policies[0]![0], policies[0]![1].Properties.PolicyDocument.Statement];
  };
  const statementsOf = (role: IRole) => policyOf(role)[1];
  const httpRoles = () => contextNames.map((name) => apiStack.functions[name].role!);
  /** The scheduled jobs' roles (the reminders): they use the tenant role like the HTTP functions. */
  const jobRoles = () => (Object.keys(scheduledJobs) as ScheduledJobName[]).map((name) => apiStack.scheduledJobs[name].role!);
  const tableArnExport = () => cfnImports(statementsOf(apiStack.tenantDataRole)[0]!.Resource)[0]!;

  beforeAll(() => {
    synth = synthParkpunt({ stage: 'test', bundle: false });
    api = synth.templates.api;
    apiStack = synth.stacks.api;
  });

  describe('TenantDataRole', () => {
    it('allows the handlers’ item actions on the table and its indexes, in the tagged tenant’s partitions only', () => {
      const statements = statementsOf(apiStack.tenantDataRole);
      expect(statements).toHaveLength(1);
      const [statement] = statements;
      expect(statement!.Effect).toBe('Allow');
      expect(statement!.Action).toEqual(dataActions);
      expect(dataActions).not.toContain('dynamodb:Scan');
      expect([statement!.Resource].flat().map(cfnText)).toEqual([
        `\${Import:${tableArnExport()}}`,
        ...tableDefinition.globalSecondaryIndexes.map((index) => `\${Import:${tableArnExport()}}/index/${index.indexName}`),
      ]);
      expect(statement!.Condition).toEqual({
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': ['T#${aws:PrincipalTag/TenantId}', 'T#${aws:PrincipalTag/TenantId}#*', 'U#*'],
        },
      });
    });

    it('lets a session tagged with tenant A reach A’s partitions and people’s, never B’s or the platform’s', () => {
      const condition = statementsOf(apiStack.tenantDataRole)[0]!.Condition;
      const asA = { TenantId: tenantA };
      expect(leadingKeysAllow(condition, tenantKeys(tenantA), asA)).toBe(true);
      expect(leadingKeysAllow(condition, [`T#${tenantA}`, 'U#3f1c2a9e-0b7d-4c55-9a61-2f8e4d7b1c00'], asA)).toBe(true);
      for (const key of [...tenantKeys(tenantB), 'PLATFORM', 'TENANTS#umbrella', `T#${tenantA}X`, 'T#', `X#${tenantA}`]) {
        expect(leadingKeysAllow(condition, [key], asA), key).toBe(false);
        expect(leadingKeysAllow(condition, [`T#${tenantA}`, key], asA), `batch with ${key}`).toBe(false);
      }
      // Without the tag, no tenant partition at all.
      expect(leadingKeysAllow(condition, [`T#${tenantA}`], {})).toBe(false);
    });

    it('may be assumed, with TagSession, only by the HTTP functions’ and scheduled jobs’ roles and only with a TenantId tag', () => {
      const role = api.findResources('AWS::IAM::Role')[logicalId(apiStack, apiStack.tenantDataRole)] as Resource;
      expect(role.Properties.MaxSessionDuration).toBeGreaterThanOrEqual(900);
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.Policies).toBeUndefined();
      const trust = role.Properties.AssumeRolePolicyDocument.Statement as Statement[];
      expect(trust).toEqual([
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Principal: { AWS: [...httpRoles(), ...jobRoles()].map((r) => ({ 'Fn::GetAtt': [logicalId(apiStack, r), 'Arn'] })) },
          Condition: {
            StringLike: { 'aws:RequestTag/TenantId': '?*' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['TenantId'] },
          },
        },
      ]);
    });

    it('is named in TENANT_DATA_ROLE_ARN of every HTTP function, and of no stream consumer', () => {
      const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
      const roleArn = { 'Fn::GetAtt': [logicalId(apiStack, apiStack.tenantDataRole), 'Arn'] };
      for (const name of contextNames) {
        const fn = functions[logicalId(apiStack, apiStack.functions[name])]!;
        expect(fn.Properties.Environment.Variables.TENANT_DATA_ROLE_ARN, name).toEqual(roleArn);
      }
      for (const fn of Object.values(apiStack.streamConsumers)) {
        expect(functions[logicalId(apiStack, fn)]!.Properties.Environment.Variables.TENANT_DATA_ROLE_ARN).toBeUndefined();
      }
      for (const fn of Object.values(apiStack.scheduledJobs)) {
        expect(functions[logicalId(apiStack, fn)]!.Properties.Environment.Variables.TENANT_DATA_ROLE_ARN).toEqual(roleArn);
      }
    });
  });

  describe('ParticipationDataRole (activities: one write over organiser, home association and its umbrella)', () => {
    const tenantC = '01HZX7K3M9Q4W8E2R6T0Y5V1JD';
    const umbrellaU = '01HZX7K3M9Q4W8E2R6T0Y5V1JE';
    const tags = { TenantId: tenantA, HomeAssociationId: tenantB, HomeUmbrellaId: umbrellaU };
    const statement = (sid: string) => statementsOf(apiStack.participationDataRole).find((s) => s.Sid === sid)!;

    it('uses the tag names the function’s participation client sets', () => {
      expect(participationTags).toEqual(PARTICIPATION_TAGS);
    });

    it('allows the item actions in the organiser’s partitions, and single-item reads and writes on exactly the home’s and umbrella’s', () => {
      expect(statementsOf(apiStack.participationDataRole).map((s) => s.Sid)).toEqual(['OrganiserPartitions', 'CreditRows']);
      const organiser = statement('OrganiserPartitions');
      expect(organiser.Action).toEqual(dataActions);
      expect(leadingKeysAllow(organiser.Condition, tenantKeys(tenantA), tags)).toBe(true);
      expect(leadingKeysAllow(organiser.Condition, [`T#${tenantB}`], tags)).toBe(false);
      expect(leadingKeysAllow(organiser.Condition, ['U#3f1c2a9e-0b7d-4c55-9a61-2f8e4d7b1c00'], tags)).toBe(false);

      const credits = statement('CreditRows');
      expect(credits.Action).toEqual(creditActions);
      expect(creditActions.some((action) => /Query|Scan|Batch/.test(action))).toBe(false);
      expect(cfnText(credits.Resource)).toBe(`\${Import:${tableArnExport()}}`); // the table, no index
      expect(leadingKeysAllow(credits.Condition, [`T#${tenantB}`, `T#${umbrellaU}`], tags)).toBe(true);
      for (const key of [`T#${tenantB}#COMPANY`, `T#${umbrellaU}#ACTIVITIES`, `T#${tenantC}`, `T#${tenantA}`, 'PLATFORM', 'U#x', `T#${tenantB}X`]) {
        expect(leadingKeysAllow(credits.Condition, [key], tags), key).toBe(false);
      }
      // Without an umbrella tag (an association without umbrella), no umbrella partition at all.
      expect(leadingKeysAllow(credits.Condition, [`T#${umbrellaU}`], { TenantId: tenantA, HomeAssociationId: tenantB })).toBe(false);
    });

    it('may be assumed, with TagSession, only by the activities function’s role and only with organiser and home tags', () => {
      const role = api.findResources('AWS::IAM::Role')[logicalId(apiStack, apiStack.participationDataRole)] as Resource;
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Principal: { AWS: { 'Fn::GetAtt': [logicalId(apiStack, apiStack.functions.activities.role!), 'Arn'] } },
          Condition: {
            StringLike: { 'aws:RequestTag/TenantId': '?*', 'aws:RequestTag/HomeAssociationId': '?*' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['TenantId', 'HomeAssociationId', 'HomeUmbrellaId'] },
          },
        },
      ]);
      const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
      const arn = { 'Fn::GetAtt': [logicalId(apiStack, apiStack.participationDataRole), 'Arn'] };
      for (const name of contextNames) {
        const env = functions[logicalId(apiStack, apiStack.functions[name])]!.Properties.Environment.Variables;
        expect(env.PARTICIPATION_DATA_ROLE_ARN, name).toEqual(name === 'activities' ? arn : undefined);
      }
    });
  });

  describe('the HTTP functions’ own roles', () => {
    it('may assume the tenant role with a TenantId tag (the activities function also the participation role), and nothing else of STS', () => {
      const tenantRoleArn = { 'Fn::GetAtt': [logicalId(apiStack, apiStack.tenantDataRole), 'Arn'] };
      const participationRoleArn = { 'Fn::GetAtt': [logicalId(apiStack, apiStack.participationDataRole), 'Arn'] };
      for (const role of httpRoles()) {
        const sts = statementsOf(role).filter((s) => actionsOf(s).some((action) => action.startsWith('sts:')));
        expect(sts).toEqual([
          expect.objectContaining({
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Resource: tenantRoleArn,
            Condition: expect.objectContaining({ StringLike: { 'aws:RequestTag/TenantId': '?*' } }),
          }),
          ...(role === apiStack.functions.activities.role
            ? [
                expect.objectContaining({
                  Action: ['sts:AssumeRole', 'sts:TagSession'],
                  Resource: participationRoleArn,
                  Condition: {
                    StringLike: { 'aws:RequestTag/TenantId': '?*', 'aws:RequestTag/HomeAssociationId': '?*' },
                    'ForAllValues:StringEquals': { 'aws:TagKeys': ['TenantId', 'HomeAssociationId', 'HomeUmbrellaId'] },
                  },
                }),
              ]
            : []),
        ]);
      }
    });

    it('reach people, the platform rows and the tenant directory only: every DynamoDB statement is LeadingKeys-bound, none to T#', () => {
      for (const role of httpRoles()) {
        const dynamo = statementsOf(role).filter(isDynamo);
        expect(dynamo.map((s) => s.Sid)).toEqual(['OwnPartitions', 'TenantDirectory']);
        for (const statement of dynamo) {
          const patterns = [statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []].flat();
          expect(patterns.length, statement.Sid).toBeGreaterThan(0);
          expect(Object.keys(statement.Condition!)).toEqual(['ForAllValues:StringLike']);
          // No pattern can match a key that starts with `T#` (`TENANTS#…` is fine).
          for (const pattern of patterns) expect(pattern, statement.Sid).not.toMatch(/^([*?]|T[*?#])/);
          for (const key of [...tenantKeys(tenantA), 'T#']) {
            expect(leadingKeysAllow(statement.Condition, [key], { TenantId: tenantA }), `${statement.Sid} ${key}`).toBe(false);
          }
        }
        const [own, directory] = dynamo;
        expect(own!.Action).toEqual(dataActions);
        expect(cfnText(own!.Resource)).toBe(`\${Import:${tableArnExport()}}`);
        expect(own!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['U#*', 'PLATFORM'] } });
        expect(directory!.Action).toBe('dynamodb:Query');
        expect(cfnText(directory!.Resource)).toBe(`\${Import:${tableArnExport()}}/index/gsi1`);
        expect(directory!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TENANTS#*'] } });
        expect(leadingKeysAllow(directory!.Condition, ['TENANTS#umbrella'])).toBe(true);
      }
    });
  });

  it('grants dynamodb:Scan (or any DynamoDB wildcard) in no policy of the app', () => {
    let documents = 0;
    for (const [stack, template] of Object.entries(synth.templates)) {
      for (const { where, statements } of policyDocuments(template)) {
        documents += 1;
        for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
          for (const action of actionsOf(statement)) {
            expect(action, `${stack} ${where}`).not.toMatch(/^(\*|dynamodb:\*|dynamodb:Scan|dynamodb:.*\*)$/i);
          }
        }
      }
    }
    expect(documents).toBeGreaterThan(10);
  });

  it('grants sts:TagSession / sts:AssumeRole on the tenant role to the HTTP functions’ roles (the participation role to the activities function’s), and nowhere else', () => {
    const tenantRoleId = logicalId(apiStack, apiStack.tenantDataRole);
    const participationRoleId = logicalId(apiStack, apiStack.participationDataRole);
    const activitiesRoleId = logicalId(apiStack, apiStack.functions.activities.role!);
    const httpRoleIds = new Set([...httpRoles(), ...jobRoles()].map((role) => logicalId(apiStack, role)));
    for (const [stack, template] of Object.entries(synth.templates)) {
      for (const [id, policy] of Object.entries(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)) {
        const tags = (policy.Properties.PolicyDocument.Statement as Statement[]).filter((s) =>
          actionsOf(s).includes('sts:TagSession'),
        );
        if (tags.length === 0) continue;
        expect(stack).toBe('api');
        expect(policy.Properties.Roles.map((r: { Ref: string }) => r.Ref).every((ref: string) => httpRoleIds.has(ref)), id).toBe(true);
        const roles = policy.Properties.Roles.map((r: { Ref: string }) => r.Ref);
        for (const statement of tags) {
          const participation = JSON.stringify(statement.Resource) === JSON.stringify({ 'Fn::GetAtt': [participationRoleId, 'Arn'] });
          if (participation) expect(roles, id).toEqual([activitiesRoleId]);
          else expect(statement.Resource).toEqual({ 'Fn::GetAtt': [tenantRoleId, 'Arn'] });
        }
      }
    }
  });

  // — activities: participants export and reminders —
  describe('the reminder job', () => {
    it('queries the occurrences-by-day index only, reaches tenant data only through the tenant role, and never Scans', () => {
      const tenantRoleArn = { 'Fn::GetAtt': [logicalId(apiStack, apiStack.tenantDataRole), 'Arn'] };
      for (const role of jobRoles()) {
        const statements = statementsOf(role);
        const dynamo = statements.filter(isDynamo);
        expect(dynamo).toHaveLength(1);
        expect(dynamo[0]!.Sid).toBe('OccurrencesByDay');
        expect(dynamo[0]!.Action).toBe('dynamodb:Query');
        expect(cfnText(dynamo[0]!.Resource)).toBe(`\${Import:${tableArnExport()}}/index/gsi2`);
        expect(dynamo[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': occurrenceDayLeadingKeys } });
        expect(leadingKeysAllow(dynamo[0]!.Condition, ['OCCURRENCES#2027-06-03'])).toBe(true);
        for (const key of [...tenantKeys(tenantA), 'PLATFORM', 'U#someone', 'TENANTS#umbrella']) expect(leadingKeysAllow(dynamo[0]!.Condition, [key]), key).toBe(false);
        const sts = statements.filter((s) => actionsOf(s).some((action) => action.startsWith('sts:')));
        expect(sts).toEqual([
          expect.objectContaining({ Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: tenantRoleArn, Condition: expect.objectContaining({ StringLike: { 'aws:RequestTag/TenantId': '?*' } }) }),
        ]);
      }
    });
  });

  describe('the stream consumers', () => {
    it('read the table’s stream from TRIM_HORIZON, with partial batch responses, bisection, bounded retries and a DLQ', () => {
      const mappings = Object.values(api.findResources('AWS::Lambda::EventSourceMapping') as Record<string, Resource>);
      expect(mappings).toHaveLength(Object.keys(streamConsumers).length);
      for (const [name, consumer] of Object.entries(streamConsumers)) {
        const fnId = logicalId(apiStack, apiStack.streamConsumers[name as keyof typeof streamConsumers]);
        const mapping = mappings.find((m) => m.Properties.FunctionName.Ref === fnId)!.Properties;
        expect(mapping.StartingPosition).toBe('TRIM_HORIZON');
        expect(mapping.BatchSize).toBe(consumer.batchSize);
        expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
        expect(mapping.BisectBatchOnFunctionError).toBe(true);
        expect(mapping.MaximumRetryAttempts).toBe(10);
        expect(cfnImports(mapping.EventSourceArn)[0]).toMatch(
          new RegExp(`^${synth.stacks.data.stackName}:ExportsOutputFnGetAtt\\w+StreamArn`),
        );

        const queueId = mapping.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
        const queue = api.findResources('AWS::SQS::Queue')[queueId] as Resource;
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
        const queuePolicy = Object.values(api.findResources('AWS::SQS::QueuePolicy') as Record<string, Resource>).find((p) =>
          p.Properties.Queues.some((q: { Ref: string }) => q.Ref === queueId),
        )!;
        expect(queuePolicy.Properties.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        );
      }
    });

    it('may read the stream and put, update or delete copies in tenant partitions (umbrella rollups), nothing else of the table, no STS', () => {
      for (const fn of Object.values(apiStack.streamConsumers)) {
        const statements = statementsOf(fn.role!);
        expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sts:')))).toEqual([]);
        const dynamo = statements.filter(isDynamo);
        const write = dynamo.find((s) => s.Sid === 'WriteRollups')!;
        // Update: the figures' copy changes its own fields only (credits, outcomes and lastContactAt live there too).
        expect(write.Action).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
        expect(cfnText(write.Resource)).toBe(`\${Import:${tableArnExport()}}`);
        expect(write.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*'] } });
        const streamRead = dynamo.find((s) => actionsOf(s).includes('dynamodb:GetRecords'))!;
        expect(streamRead.Action).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
        expect(cfnImports(streamRead.Resource)[0]).toMatch(/StreamArn/);
        const listStreams = dynamo.find((s) => s.Resource === '*')!;
        expect(listStreams.Action).toBe('dynamodb:ListStreams'); // no resource-level permissions for it
        // The calendar fan-out also reads (activity, umbrella's associations, team): Get and Query on the table only.
        const reads = dynamo.find((s) => s.Sid === 'ReadForFanOut');
        if (fn === apiStack.streamConsumers.calendarFanOut) {
          expect(reads!.Action).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
          expect(cfnText(reads!.Resource)).toBe(`\${Import:${tableArnExport()}}`);
          expect(reads!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*'] } });
          expect(leadingKeysAllow(reads!.Condition, ['U#x'])).toBe(false);
          expect(leadingKeysAllow(reads!.Condition, ['PLATFORM'])).toBe(false);
        } else {
          expect(reads).toBeUndefined();
        }
        // The rollups read single items for the comparison's occurrence tallies (issue #6): GetItem on tenant partitions.
        const tallies = dynamo.find((s) => s.Sid === 'ReadForTallies');
        if (fn === apiStack.streamConsumers.rollups) {
          expect(tallies!.Action).toBe('dynamodb:GetItem');
          expect(cfnText(tallies!.Resource)).toBe(`\${Import:${tableArnExport()}}`);
          expect(tallies!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*'] } });
        } else {
          expect(tallies).toBeUndefined();
        }
        expect(dynamo).toHaveLength(3 + (reads ? 1 : 0) + (tallies ? 1 : 0));
      }
    });
  });

  describe('mail', () => {
    it('only the team and activities functions, the reminder job and the calendar fan-out (for invitations) may send mail, from the configured address through its SES identity', () => {
      const mailRoles = [apiStack.functions.team.role!, apiStack.functions.activities.role!, ...jobRoles(), apiStack.streamConsumers.calendarFanOut.role!];
      for (const role of [...httpRoles(), ...jobRoles(), ...Object.values(apiStack.streamConsumers).map((fn) => fn.role!)]) {
        const ses = statementsOf(role).filter((s) => actionsOf(s).some((action) => action.startsWith('ses:')));
        if (!mailRoles.includes(role)) {
          expect(ses, role.node.path).toEqual([]);
          continue;
        }
        expect(ses).toHaveLength(1);
        expect(ses[0]!.Action).toBe('ses:SendEmail');
        expect(cfnText(ses[0]!.Resource)).toBe('arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/parkpunt.example');
        expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@parkpunt.example' } });
      }
      // No SES anywhere else in the app either.
      const mailPolicies = mailRoles.map((role) => policyOf(role)[0]);
      for (const [stack, template] of Object.entries(synth.templates)) {
        for (const { resource, where, statements } of policyDocuments(template)) {
          if (stack === 'api' && mailPolicies.includes(resource)) continue;
          for (const statement of statements) expect(JSON.stringify(statement.Action), `${stack} ${where}`).not.toMatch(/"ses:/);
        }
      }
    });

    it('gives the team function MAIL_FROM and APP_URL (the CloudFront site)', () => {
      const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
      const env = functions[logicalId(apiStack, apiStack.functions.team)]!.Properties.Environment.Variables;
      expect(env.MAIL_FROM).toBe('no-reply@parkpunt.example');
      const web = synth.stacks.web;
      const domainExport = cfnImports(env.APP_URL)[0]!;
      expect(domainExport).toMatch(
        new RegExp(`^${web.stackName}:ExportsOutputFnGetAtt${logicalId(web, web.distribution)}DomainName`),
      );
      expect(cfnText(env.APP_URL)).toBe(`https://\${Import:${domainExport}}`);
    });

    it('takes the sender and its identity from the options (context mailFrom / mailFromIdentity)', () => {
      const custom = synthParkpunt({
        stage: 'test',
        bundle: false,
        mailFrom: 'uitnodiging@mail.parkpunt.be',
        mailFromIdentity: 'uitnodiging@mail.parkpunt.be',
      });
      const json = JSON.stringify(custom.templates.api.toJSON());
      expect(json).toContain('"MAIL_FROM":"uitnodiging@mail.parkpunt.be"');
      expect(json).toContain(':identity/uitnodiging@mail.parkpunt.be"');
      expect(json).toContain('"ses:FromAddress":"uitnodiging@mail.parkpunt.be"');
    });

    it('rejects a sender that is not a bare address, or an identity that does not cover it', () => {
      expect(mailSettings()).toEqual({ from: 'no-reply@parkpunt.example', identity: 'parkpunt.example' });
      expect(mailSettings('a@b.example', 'B.example')).toEqual({ from: 'a@b.example', identity: 'B.example' });
      expect(() => mailSettings('Parkpunt <no-reply@parkpunt.example>')).toThrow(/bare e-mail address/);
      expect(() => mailSettings('no-reply')).toThrow(/bare e-mail address/);
      expect(() => mailSettings('no-reply@parkpunt.example', 'other.example')).toThrow(/does not cover/);
      expect(() => mailSettings('no-reply@mail.parkpunt.example', 'parkpunt.example')).toThrow(/does not cover/);
    });
  });
});
