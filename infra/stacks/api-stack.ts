import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { contexts, routes, type ContextName } from '../../functions/routes';
import { tableDefinition } from '../../shared/table';
import { repoRoot } from '../paths';

export interface ApiStackProps extends StackProps {
  stage: string;
  table: ITableV2;
}

/** What the handlers' Get/Query/Update/TransactWrite commands (and their batch forms) need. */
export const dataActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/** One field per line of the HTTP API access log (HTTP API `$context` variables, not REST API ones). */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integration.latency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The HTTP API: one Lambda per bounded context and one route per entry of the route table
 * (`functions/routes.ts`), so the deployed API cannot drift from the local gateway or the OpenAPI document.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions: Record<ContextName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const removalPolicy = props.stage === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `parkpunt-${props.stage}`,
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });

    // Item-level read/write on the table and its named indexes. Unlike grantReadWriteData: no Scan (a tenant-scoped
    // role must never scan, see issue #3), no stream reads, no `index/*` wildcard.
    const tableAccess = new PolicyStatement({
      actions: dataActions,
      resources: [
        props.table.tableArn,
        ...tableDefinition.globalSecondaryIndexes.map((index) => `${props.table.tableArn}/index/${index.indexName}`),
      ],
    });

    const integrations = {} as Record<ContextName, HttpLambdaIntegration>;
    this.functions = {} as Record<ContextName, NodejsFunction>;
    for (const [name, context] of Object.entries(contexts) as [ContextName, (typeof contexts)[ContextName]][]) {
      const logGroup = new LogGroup(this, `${name}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy });
      // An own role instead of the default one, whose managed AWSLambdaBasicExecutionRole may write to every log
      // group (cdk-nag IAM4): this one may only write to its own.
      const role = new Role(this, `${name}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);

      const fn = new NodejsFunction(this, `${name}Function`, {
        entry: join(repoRoot, context.entry),
        handler: 'handler',
        projectRoot: repoRoot,
        depsLockFilePath: join(repoRoot, 'package-lock.json'),
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: context.memorySize,
        timeout: Duration.seconds(context.timeoutSeconds),
        role,
        logGroup,
        environment: {
          TABLE_NAME: props.table.tableName,
          POWERTOOLS_SERVICE_NAME: `parkpunt-${name}`,
          NODE_OPTIONS: '--enable-source-maps',
        },
        bundling: {
          format: OutputFormat.ESM,
          target: 'node24',
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          mainFields: ['module', 'main'],
          externalModules: [], // bundle the AWS SDK v3: one file loads faster than the runtime's copy
          // CommonJS dependencies inside an ESM bundle call require(): give them one.
          banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
      });
      role.addToPolicy(tableAccess);

      this.functions[name] = fn;
      // One invoke permission per function rather than per route: a context serves many routes, and per-route
      // statements would run into the 20 KB limit of a Lambda resource policy as the route table grows.
      integrations[name] = new HttpLambdaIntegration(`${name}Integration`, fn, { scopePermissionToRoute: false });
    }

    for (const route of routes) {
      new HttpRoute(this.api, `Route-${route.operationId}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations[route.context],
      });
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'No authorizer yet: issue #3 adds the JWT authorizer to every route of the route table.',
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
  }
}
