import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { contexts, routes, type ContextName } from '../../functions/routes';
import { tableDefinition } from '../../shared/table';
import { repoRoot } from '../paths';
import { cognitoIssuer } from './auth-stack';

export interface ApiStackProps extends StackProps {
  stage: string;
  table: ITableV2;
  /** The HTTP API (endpoint and stage) of the web stack; this stack adds its routes, authorizer and functions. */
  httpApi: IHttpApi;
  userPool: IUserPool;
  /** The SPA's app client: the audience (`client_id`) the JWT authorizer accepts. */
  userPoolClient: IUserPoolClient;
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

/**
 * The HTTP API's routes and functions: one Lambda per bounded context and one route per entry of the route table
 * (`functions/routes.ts`), so the deployed API cannot drift from the local gateway or the OpenAPI document. Every
 * route whose access is not `public` goes through the Cognito JWT authorizer; the handlers then decide tenancy and
 * role from DynamoDB, keyed by the token's `sub`.
 */
export class ApiStack extends Stack {
  /** The web stack's HTTP API, imported here so that the authorizer and routes are resources of this stack. */
  readonly api: IHttpApi;
  readonly functions: Record<ContextName, NodejsFunction>;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const removalPolicy = props.stage === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.api = HttpApi.fromHttpApiAttributes(this, 'HttpApi', { httpApiId: props.httpApi.apiId });

    // API Gateway checks signature (JWKS), `iss`, expiry and `aud`/`client_id` before any Lambda runs. Cognito access
    // tokens carry the app client in `client_id`, ID tokens in `aud`.
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', cognitoIssuer(this, props.userPool.userPoolId), {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const noAuthorizer = new HttpNoneAuthorizer();

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
      const isPublic = route.access.kind === 'public';
      const httpRoute = new HttpRoute(this.api, `Route-${route.operationId}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations[route.context],
        authorizer: isPublic ? noAuthorizer : this.authorizer,
      });
      if (isPublic) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (access 'public' in the route table, like the health check and the OpenAPI document).`,
        });
      }
    }
  }
}
