import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contexts, routeKey, routes, scheduledJobs, streamConsumers, type ContextName, type RouteDefinition } from '../../functions/routes';
import { cfnImports, cfnText, cleanUp, refExportPrefix, synthParkpunt } from './synth';

type Resource = { Properties: any };
const contextNames = Object.keys(contexts) as ContextName[];
const consumerNames = Object.keys(streamConsumers) as (keyof typeof streamConsumers)[];
const jobNames = Object.keys(scheduledJobs) as (keyof typeof scheduledJobs)[];

/** Context of each Lambda, by logical ID, read from its POWERTOOLS_SERVICE_NAME (`parkpunt-<context>`). */
function functionContexts(template: Template): Record<string, string> {
  const functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
  return Object.fromEntries(
    Object.entries(functions).map(([id, fn]) => [
      id,
      String(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).replace(/^parkpunt-/, ''),
    ]),
  );
}

/** Every way in which the API's routes differ from `expected`: a missing route, a wrong target, an extra route. */
function routeProblems(template: Template, expected: readonly Pick<RouteDefinition, 'method' | 'path' | 'context'>[]) {
  const fnContext = functionContexts(template);
  const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, Resource>;
  const integrationContext = (id: string) => fnContext[integrations[id]?.Properties.IntegrationUri?.['Fn::GetAtt']?.[0]];
  const deployed = new Map(
    Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>).map((r) => {
      const target = r.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      expect(target['Fn::Join'][1][0]).toBe('integrations/');
      return [r.Properties.RouteKey as string, integrationContext(target['Fn::Join'][1][1].Ref)];
    }),
  );
  const problems: string[] = [];
  for (const route of expected) {
    const key = routeKey(route);
    if (!deployed.has(key)) problems.push(`missing: ${key}`);
    else if (deployed.get(key) !== route.context) problems.push(`${key} → ${deployed.get(key)}, expected ${route.context}`);
  }
  const expectedKeys = new Set(expected.map(routeKey));
  for (const key of deployed.keys()) if (!expectedKeys.has(key)) problems.push(`not in the route table: ${key}`);
  return problems;
}

afterAll(cleanUp);

describe('api stack', () => {
  let api: Template;
  let assemblyDir: string;
  let stacks: ReturnType<typeof synthParkpunt>['stacks'];

  beforeAll(() => {
    const synth = synthParkpunt({ stage: 'test' });
    api = synth.templates.api;
    assemblyDir = synth.assembly.directory;
    stacks = synth.stacks;
  });

  it('has one route per entry of the route table, each on its context’s function', () => {
    expect(routeProblems(api, routes)).toEqual([]);
    api.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
  });

  it('adds its routes to the web stack’s HTTP API', () => {
    const webApi = refExportPrefix(stacks.web, stacks.web.httpApi);
    for (const type of ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Authorizer']) {
      for (const resource of Object.values(api.findResources(type)) as Resource[]) {
        expect(resource.Properties.ApiId['Fn::ImportValue'], type).toMatch(new RegExp(`^${webApi}`));
      }
    }
    api.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
  });

  it('has one JWT authorizer: Cognito issuer of the user pool, audience the SPA’s app client', () => {
    const authorizers = Object.values(api.findResources('AWS::ApiGatewayV2::Authorizer')) as Resource[];
    expect(authorizers).toHaveLength(1);
    const authorizer = authorizers[0]!.Properties;
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    const issuer = authorizer.JwtConfiguration.Issuer;
    const poolImport = cfnImports(issuer)[0]!;
    expect(poolImport.startsWith(refExportPrefix(stacks.auth, stacks.auth.userPool)), poolImport).toBe(true);
    expect(cfnText(issuer)).toBe(`https://cognito-idp.\${AWS::Region}.amazonaws.com/\${Import:${poolImport}}`);

    const audience = authorizer.JwtConfiguration.Audience as unknown[];
    expect(audience).toHaveLength(1);
    const clientImport = cfnImports(audience[0])[0]!;
    expect(clientImport.startsWith(refExportPrefix(stacks.web, stacks.web.login.client)), clientImport).toBe(true);
  });

  it('puts every route that is not public behind the JWT authorizer, and only the public ones without', () => {
    const authorizerId = Object.keys(api.findResources('AWS::ApiGatewayV2::Authorizer'))[0];
    const deployed = new Map(
      Object.values(api.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>).map((r) => [
        r.Properties.RouteKey as string,
        r.Properties as { AuthorizationType: string; AuthorizerId?: { Ref: string } },
      ]),
    );
    const isPublic = (route: RouteDefinition) => route.access.kind === 'public';
    for (const route of routes as readonly RouteDefinition[]) {
      const properties = deployed.get(routeKey(route));
      if (isPublic(route)) expect(properties, routeKey(route)).toEqual(expect.objectContaining({ AuthorizationType: 'NONE' }));
      else expect(properties, routeKey(route)).toEqual(expect.objectContaining({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } }));
      if (isPublic(route)) expect(properties?.AuthorizerId).toBeUndefined();
    }
    // Counted against the route table, so that no route can slip through either way.
    const publicCount = routes.filter((route: RouteDefinition) => isPublic(route)).length;
    expect(publicCount).toBeGreaterThan(0);
    expect(publicCount).toBeLessThan(routes.length);
    api.resourcePropertiesCountIs('AWS::ApiGatewayV2::Route', { AuthorizationType: 'JWT' }, routes.length - publicCount);
    api.resourcePropertiesCountIs('AWS::ApiGatewayV2::Route', { AuthorizationType: 'NONE' }, publicCount);
  });

  it('would notice a missing route or a route on the wrong function', () => {
    const extra = { method: 'GET', path: '/api/not-deployed', context: 'platform' } as const;
    expect(routeProblems(api, [...routes, extra])).toEqual(['missing: GET /api/not-deployed']);
    const [first, ...rest] = routes;
    const moved = { ...first, context: 'companies' } as const;
    expect(routeProblems(api, [moved, ...rest])).toEqual([`${routeKey(first)} → platform, expected companies`]);
    expect(routeProblems(api, rest)).toEqual([`not in the route table: ${routeKey(first)}`]);
  });

  it('has one integration and one invoke permission per context (and one for EventBridge per scheduled job)', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Integration', contextNames.length);
    api.resourceCountIs('AWS::Lambda::Permission', contextNames.length + jobNames.length);
    api.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('has one Node 24 arm64 function per context, per stream consumer and per scheduled job, sized from the route table', () => {
    api.resourceCountIs('AWS::Lambda::Function', contextNames.length + consumerNames.length + jobNames.length);
    const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const byName = Object.fromEntries(
      Object.values(functions).map((fn) => [fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME, fn.Properties]),
    );
    for (const [name, sizing] of [...Object.entries(contexts), ...Object.entries(streamConsumers), ...Object.entries(scheduledJobs)]) {
      const fn = byName[`parkpunt-${name}`];
      expect(fn, name).toBeDefined();
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Handler).toBe('index.handler');
      expect(fn.MemorySize).toBe(sizing.memorySize);
      expect(fn.Timeout).toBe(sizing.timeoutSeconds);
      expect(fn.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(JSON.stringify(fn.Environment.Variables.TABLE_NAME)).toContain('Fn::ImportValue');
      expect(fn.LoggingConfig.LogGroup.Ref).toMatch(new RegExp(`^${name}Logs`));
    }
    api.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, contextNames.length + consumerNames.length + jobNames.length);
  });

  it('bundles each handler as one ESM file with the AWS SDK inside and a require() shim', () => {
    const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    for (const fn of Object.values(functions)) {
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const bundle = join(assemblyDir, `asset.${hash}`, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code.startsWith("import { createRequire as __createRequire } from 'node:module';")).toBe(true);
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    }
  });

  it('gives each function its own role, without managed policies, writing to its own log group only', () => {
    // One role per function, plus the tenant data role and the participation role (see isolation.test.ts).
    api.resourceCountIs('AWS::IAM::Role', contextNames.length + consumerNames.length + jobNames.length + 2);
    const roles = api.findResources('AWS::IAM::Role') as Record<string, Resource>;
    for (const role of Object.values(roles)) expect(role.Properties.ManagedPolicyArns).toBeUndefined();

    for (const fn of [...Object.values(stacks.api.functions), ...Object.values(stacks.api.streamConsumers), ...Object.values(stacks.api.scheduledJobs)]) {
      const roleId = stacks.api.getLogicalId(fn.role!.node.defaultChild as CfnElement);
      const policies = Object.values(api.findResources('AWS::IAM::Policy') as Record<string, Resource>).filter((policy) =>
        policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId),
      );
      expect(policies, roleId).toHaveLength(1);
      const logStatements = (policies[0]!.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).filter(
        (statement) => [statement.Action].flat().some((action) => action.startsWith('logs:')),
      );
      const logGroupId = stacks.api.getLogicalId(fn.logGroup.node.defaultChild as CfnElement);
      expect(logStatements).toEqual([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
      ]);
    }
  });

  it('passes no Cognito ids to the functions (the authorizer checks tokens before they run)', () => {
    const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const common = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'];
    const expected: Record<string, string[]> = {
      ...Object.fromEntries(contextNames.map((name) => [name, [...common, 'TENANT_DATA_ROLE_ARN']])),
      team: [...common, 'TENANT_DATA_ROLE_ARN', 'MAIL_FROM', 'APP_URL'],
      activities: [...common, 'TENANT_DATA_ROLE_ARN', 'MAIL_FROM', 'APP_URL', 'PARTICIPATION_DATA_ROLE_ARN'],
      ...Object.fromEntries(consumerNames.map((name) => [name, common])),
      calendar: [...common, 'TENANT_DATA_ROLE_ARN', 'APP_URL'],
      calendarFanOut: [...common, 'MAIL_FROM', 'APP_URL'],
      reminders: [...common, 'TENANT_DATA_ROLE_ARN', 'MAIL_FROM', 'APP_URL'],
    };
    for (const [id, name] of Object.entries(functionContexts(api))) {
      expect(Object.keys(functions[id]!.Properties.Environment.Variables).sort(), name).toEqual(expected[name]!.sort());
    }
  });

  // — budgets and subsidy KPIs —
  it('serves the budget routes from their own function, which reaches tenant data through the tenant role only', () => {
    expect(routes.filter((route) => route.context === 'budgets').map(routeKey).sort()).toEqual([
      'GET /api/tenants/{tenantId}/budgets',
      'GET /api/tenants/{tenantId}/budgets/{year}',
      'GET /api/tenants/{tenantId}/subsidy-kpis',
      'PUT /api/tenants/{tenantId}/budgets/{year}',
    ]);
    const fnId = stacks.api.getLogicalId(stacks.api.functions.budgets.node.defaultChild as CfnElement);
    const fn = (api.findResources('AWS::Lambda::Function') as Record<string, Resource>)[fnId]!;
    expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('parkpunt-budgets');
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME', 'TENANT_DATA_ROLE_ARN']);
  });

  // — activities: participants export and reminders —
  it('runs each scheduled job daily through an EventBridge rule on its function, with retries', () => {
    expect(scheduledJobs.reminders.schedule).toBe('cron(0 7 * * ? *)');
    const rules = Object.values(api.findResources('AWS::Events::Rule') as Record<string, Resource>);
    expect(rules).toHaveLength(jobNames.length);
    for (const name of jobNames) {
      const fnId = stacks.api.getLogicalId(stacks.api.scheduledJobs[name].node.defaultChild as CfnElement);
      const rule = rules.find((r) => r.Properties.Targets.some((t: { Arn: unknown }) => JSON.stringify(t.Arn) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] })));
      expect(rule, name).toBeDefined();
      expect(rule!.Properties.ScheduleExpression).toBe(scheduledJobs[name].schedule);
      expect(rule!.Properties.State).toBe('ENABLED');
      expect(rule!.Properties.Targets[0].RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 });
      const permission = Object.values(api.findResources('AWS::Lambda::Permission') as Record<string, Resource>).find(
        (p) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
      );
      expect(permission!.Properties.Principal).toBe('events.amazonaws.com');
    }
  });
});
