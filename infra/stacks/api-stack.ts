import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Table, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, PrincipalBase, PrincipalPolicyFragment, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Architecture, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { contexts, routes, scheduledJobs, streamConsumers, type ContextName, type ScheduledJobName, type StreamConsumerName } from '../../functions/routes';
import { tableDefinition } from '../../shared/table';
import { repoRoot } from '../paths';
import { cognitoIssuer } from './auth-stack';

export interface MailSettings {
  /** The sender address of the team context's mails (env `MAIL_FROM`), e.g. `no-reply@parkpunt.example`. */
  from: string;
  /** The verified SES identity the sender belongs to: the address itself or its domain. */
  identity: string;
}

export interface ApiStackProps extends StackProps {
  stage: string;
  table: ITableV2;
  /** The HTTP API (endpoint and stage) of the web stack; this stack adds its routes, authorizer and functions. */
  httpApi: IHttpApi;
  userPool: IUserPool;
  /** The SPA's app client: the audience (`client_id`) the JWT authorizer accepts. */
  userPoolClient: IUserPoolClient;
  /** The site's origin (`https://<CloudFront domain>`): invitation links point there (env `APP_URL`). */
  siteUrl: string;
  mail: MailSettings;
}

/** What the handlers' Get/Query/Update/TransactWrite commands (and their batch forms) need. Never Scan. */
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

/** The session tag that carries the tenant (`functions/lib/dynamo.ts` tags every tenant session with it). */
export const tenantTag = 'TenantId';

/**
 * Partitions (table and index partition keys, see `functions/lib/keys.ts`) a tenant-scoped session may touch:
 * the tenant's own `T#<id>` and `T#<id>#…`, plus the people's `U#<sub>` partitions. The latter because a person's
 * membership is written twice, in the tenant (`T#<id>` `MEMBER#<sub>`) and in the person's partition (`U#<sub>`
 * `MEMBERSHIP#<id>`, read by /me), in one transaction: the team handlers must write both with the tenant's
 * credentials, or the projection could not be kept atomic. `U#` partitions hold profiles and membership
 * projections (tenant id, name, kind, role), never a tenant's business data (companies, parks, invitations, audit).
 * What IAM cannot tell apart: `U#*` is every person's partition (a sort key cannot be conditioned on), including
 * the `PLATFORM_ADMIN` row; there the keys module and the handlers remain the guard.
 * The `#` after the id keeps `T#<id>#*` from matching a tenant whose id merely starts with `<id>` (and IDs are
 * fixed-length ULIDs anyway).
 */
export const tenantLeadingKeys = [`T#\${aws:PrincipalTag/${tenantTag}}`, `T#\${aws:PrincipalTag/${tenantTag}}#*`, 'U#*'];

/** Partitions the HTTP functions' own roles may read and write: people and the platform; never `T#…`. */
export const ownLeadingKeys = ['U#*', 'PLATFORM'];
/** The platform's directory of tenants (gsi1 partition `TENANTS#<kind>`), which the functions' own roles may query. */
export const directoryIndex = 'gsi1';
export const directoryLeadingKeys = ['TENANTS#*'];

/** What the stream consumer writes: umbrella rollup rows with a conditional Put (`functions/rollups/handler.ts`). */
/**
 * Rollups put umbrella copies (grants, budget totals, occurrence tallies), update the umbrella's per-association rows
 * (an update: credits, outcomes and the consultation log's `lastContactAt` live there too) and delete grant copies.
 */
export const rollupActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
/**
 * Rollups also read single items (issue #6, activities organised): an organiser's tenant row (its umbrella) and
 * the occurrence's tally row in the umbrella's partition. GetItem only: no Query, no index.
 */
export const rollupReadActions = ['dynamodb:GetItem'];
export const tallyingStreamConsumers: readonly StreamConsumerName[] = ['rollups'];
export const rollupLeadingKeys = ['T#*'];
/**
 * The calendar fan-out (functions/calendar) also reads: the activity and its occurrences in the organiser's
 * partition, the umbrella's copies of its associations (an `umbrella` audience) and an association's team (who
 * gets an invitation). Table only, no index; it sends the invitation mails.
 */
export const fanOutReadActions = ['dynamodb:GetItem', 'dynamodb:Query'];
export const readingStreamConsumers: readonly StreamConsumerName[] = ['calendarFanOut'];
export const mailingStreamConsumers: readonly StreamConsumerName[] = ['calendarFanOut'];

/**
 * Participation writes (activities): one registration, cancellation, promotion or check-in is one transaction
 * over the organiser's partitions and the participant's home association and its umbrella, whose yearly credits
 * it moves (exact figures). A dedicated role, assumable only by the activities function, with the three ids as
 * session tags (functions/activities/participation-client.ts); the organiser's partitions with the usual item
 * actions, the two credit partitions with single-item actions only (no Query, no index, no batch).
 */
export const participationTags = { organiser: tenantTag, home: 'HomeAssociationId', homeUmbrella: 'HomeUmbrellaId' } as const;
export const participationOrganiserLeadingKeys = [`T#\${aws:PrincipalTag/${tenantTag}}`, `T#\${aws:PrincipalTag/${tenantTag}}#*`];
export const creditLeadingKeys = [`T#\${aws:PrincipalTag/${participationTags.home}}`, `T#\${aws:PrincipalTag/${participationTags.homeUmbrella}}`];
export const creditActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];

/** A participation session names the organiser and the home association, optionally the umbrella, nothing else. */
const participationTagConditions = {
  StringLike: { [`aws:RequestTag/${participationTags.organiser}`]: '?*', [`aws:RequestTag/${participationTags.home}`]: '?*' },
  'ForAllValues:StringEquals': { 'aws:TagKeys': Object.values(participationTags) },
};

// — activities: participants export and reminders —
/**
 * The reminder job finds tomorrow's occurrences of every organiser on gsi2 (`OCCURRENCES#<day>`, outside every
 * tenant partition: keys.occurrenceDayIndex) with its own credentials, and reads and marks each organiser's
 * partition through the tenant role, like the HTTP functions.
 */
export const occurrenceDayIndex = 'gsi2';
export const occurrenceDayLeadingKeys = ['OCCURRENCES#*'];

const leadingKeys = (patterns: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } });

/** An STS request (AssumeRole and TagSession alike) that sets the tenant session tag, and no other tag. */
const tenantTagConditions = {
  StringLike: { [`aws:RequestTag/${tenantTag}`]: '?*' },
  'ForAllValues:StringEquals': { 'aws:TagKeys': [tenantTag] },
};

/**
 * Several roles of this account as one principal, so that the trust policy holds one statement with a list of
 * ARNs (a CompositePrincipal repeats the statement, with its conditions, per role: the trust policy is capped at
 * 2,048 characters by default).
 */
class RolesPrincipal extends PrincipalBase {
  constructor(private readonly roles: IRole[]) {
    super();
  }
  get policyFragment() {
    return new PrincipalPolicyFragment({ AWS: this.roles.map((role) => role.roleArn) });
  }
  override toString() {
    return `RolesPrincipal(${this.roles.map((role) => role.node.path).join(', ')})`;
  }
  override dedupeString() {
    return undefined;
  }
}

/** How every function is bundled and run (HTTP contexts and stream consumers alike). */
const functionDefaults = {
  handler: 'handler',
  projectRoot: repoRoot,
  depsLockFilePath: join(repoRoot, 'package-lock.json'),
  runtime: Runtime.NODEJS_24_X,
  architecture: Architecture.ARM_64,
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
};

/**
 * The HTTP API's routes and functions: one Lambda per bounded context and one route per entry of the route table
 * (`functions/routes.ts`), so the deployed API cannot drift from the local gateway or the OpenAPI document. Every
 * route whose access is not `public` goes through the Cognito JWT authorizer; the handlers then decide tenancy and
 * role from DynamoDB, keyed by the token's `sub`.
 *
 * Tenant data (issue #3, defence in depth): the functions' own roles cannot reach any `T#…` partition. For a
 * tenant's data the handlers assume `TenantDataRole` with the session tag `TenantId=<id>`, whose policy allows only
 * that tenant's partitions (`dynamodb:LeadingKeys`), so a bug that builds another tenant's key is refused by IAM.
 * The stream consumers (umbrella rollups) run beside them, attached to the table's stream.
 */
export class ApiStack extends Stack {
  /** The web stack's HTTP API, imported here so that the authorizer and routes are resources of this stack. */
  readonly api: IHttpApi;
  readonly functions: Record<ContextName, NodejsFunction>;
  readonly streamConsumers: Record<StreamConsumerName, NodejsFunction>;
  /** Functions run on a schedule by EventBridge (the reminders the day before). */
  readonly scheduledJobs: Record<ScheduledJobName, NodejsFunction>;
  readonly authorizer: HttpJwtAuthorizer;
  /** The role the HTTP functions assume, tagged with a tenant, for that tenant's data. */
  readonly tenantDataRole: Role;
  /** The role the activities function assumes for participation writes (organiser + home association + umbrella). */
  readonly participationDataRole: Role;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const removalPolicy = props.stage === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const tableArn = props.table.tableArn;
    const indexArn = (indexName: string) => `${tableArn}/index/${indexName}`;
    const tableAndIndexes = [tableArn, ...tableDefinition.globalSecondaryIndexes.map((index) => indexArn(index.indexName))];

    this.api = HttpApi.fromHttpApiAttributes(this, 'HttpApi', { httpApiId: props.httpApi.apiId });

    // API Gateway checks signature (JWKS), `iss`, expiry and `aud`/`client_id` before any Lambda runs. Cognito access
    // tokens carry the app client in `client_id`, ID tokens in `aud`.
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', cognitoIssuer(this, props.userPool.userPoolId), {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const noAuthorizer = new HttpNoneAuthorizer();

    /** A function's own role and log group: the role may write to that log group only (no managed policy, IAM4). */
    const roleAndLogs = (name: string) => {
      const logGroup = new LogGroup(this, `${name}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy });
      const role = new Role(this, `${name}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);
      return { logGroup, role };
    };

    const contextNames = Object.keys(contexts) as ContextName[];
    const http = Object.fromEntries(contextNames.map((name) => [name, roleAndLogs(name)])) as Record<
      ContextName,
      { logGroup: LogGroup; role: Role }
    >;
    const jobNames = Object.keys(scheduledJobs) as ScheduledJobName[];
    const jobs = Object.fromEntries(jobNames.map((name) => [name, roleAndLogs(name)])) as Record<ScheduledJobName, { logGroup: LogGroup; role: Role }>;
    this.tenantDataRole = this.tenantRole([...contextNames.map((name) => http[name].role), ...jobNames.map((name) => jobs[name].role)], tableAndIndexes);
    this.participationDataRole = this.participationRole(http.activities.role, tableAndIndexes, tableArn);

    // The functions' own credentials: people (`U#<sub>`: profile, platform role, memberships) and `PLATFORM` rows
    // on the table, and the platform's tenant directory on gsi1. Item-level only (no Scan, no stream reads, no
    // `index/*` wildcard), and no `T#…` partition: tenant data goes through the tenant role.
    const ownPartitions = new PolicyStatement({
      sid: 'OwnPartitions',
      actions: dataActions,
      resources: [tableArn],
      conditions: leadingKeys(ownLeadingKeys),
    });
    const tenantDirectory = new PolicyStatement({
      sid: 'TenantDirectory',
      actions: ['dynamodb:Query'],
      resources: [indexArn(directoryIndex)],
      conditions: leadingKeys(directoryLeadingKeys),
    });
    const assumeTenantRole = new PolicyStatement({
      sid: 'AssumeTenantDataRole',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      resources: [this.tenantDataRole.roleArn],
      conditions: tenantTagConditions,
    });

    // Per-context settings beyond the common ones: the team context sends invitation mails.
    const mailFromIdentityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.mail.identity });
    const contextEnvironment: Partial<Record<ContextName, Record<string, string>>> = {
      team: { MAIL_FROM: props.mail.from, APP_URL: props.siteUrl },
      activities: { MAIL_FROM: props.mail.from, APP_URL: props.siteUrl, PARTICIPATION_DATA_ROLE_ARN: this.participationDataRole.roleArn },
      // Feed URLs and links in calendar files point at the site.
      calendar: { APP_URL: props.siteUrl },
    };
    const contextStatements: Partial<Record<ContextName, PolicyStatement[]>> = {
      team: [
        // SES v2 SendEmail authorizes `ses:SendEmail` on the sending identity (in the SES sandbox also on each
        // recipient's identity, see the README). Only from the configured address.
        new PolicyStatement({
          sid: 'SendInvitationMail',
          actions: ['ses:SendEmail'],
          resources: [mailFromIdentityArn],
          conditions: { StringEquals: { 'ses:FromAddress': props.mail.from } },
        }),
      ],
      // Registration mails (confirmed, waitlisted, promoted, cancelled, moved) and the participation role.
      activities: [
        new PolicyStatement({
          sid: 'SendActivityMail',
          actions: ['ses:SendEmail'],
          resources: [mailFromIdentityArn],
          conditions: { StringEquals: { 'ses:FromAddress': props.mail.from } },
        }),
        new PolicyStatement({
          sid: 'AssumeParticipationDataRole',
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: [this.participationDataRole.roleArn],
          conditions: participationTagConditions,
        }),
      ],
    };

    const integrations = {} as Record<ContextName, HttpLambdaIntegration>;
    this.functions = {} as Record<ContextName, NodejsFunction>;
    for (const name of contextNames) {
      const context = contexts[name];
      const { role, logGroup } = http[name];
      const fn = new NodejsFunction(this, `${name}Function`, {
        ...functionDefaults,
        entry: join(repoRoot, context.entry),
        memorySize: context.memorySize,
        timeout: Duration.seconds(context.timeoutSeconds),
        role,
        logGroup,
        environment: {
          TABLE_NAME: props.table.tableName,
          TENANT_DATA_ROLE_ARN: this.tenantDataRole.roleArn,
          POWERTOOLS_SERVICE_NAME: `parkpunt-${name}`,
          NODE_OPTIONS: '--enable-source-maps',
          ...contextEnvironment[name],
        },
      });
      for (const statement of [ownPartitions, tenantDirectory, assumeTenantRole, ...(contextStatements[name] ?? [])]) {
        role.addToPolicy(statement);
      }

      this.functions[name] = fn;
      // One invoke permission per function rather than per route: a context serves many routes, and per-route
      // statements would run into the 20 KB limit of a Lambda resource policy as the route table grows.
      integrations[name] = new HttpLambdaIntegration(`${name}Integration`, fn, { scopePermissionToRoute: false });
    }

    this.streamConsumers = this.addStreamConsumers(props, roleAndLogs, mailFromIdentityArn);

    // — activities: participants export and reminders —
    this.scheduledJobs = {} as Record<ScheduledJobName, NodejsFunction>;
    for (const name of jobNames) {
      const job = scheduledJobs[name];
      const { role, logGroup } = jobs[name];
      const fn = new NodejsFunction(this, `${name}Function`, {
        ...functionDefaults,
        entry: join(repoRoot, job.entry),
        memorySize: job.memorySize,
        timeout: Duration.seconds(job.timeoutSeconds),
        role,
        logGroup,
        environment: {
          TABLE_NAME: props.table.tableName,
          TENANT_DATA_ROLE_ARN: this.tenantDataRole.roleArn,
          MAIL_FROM: props.mail.from,
          APP_URL: props.siteUrl,
          POWERTOOLS_SERVICE_NAME: `parkpunt-${name}`,
          NODE_OPTIONS: '--enable-source-maps',
        },
      });
      role.addToPolicy(
        new PolicyStatement({
          sid: 'OccurrencesByDay',
          actions: ['dynamodb:Query'],
          resources: [indexArn(occurrenceDayIndex)],
          conditions: leadingKeys(occurrenceDayLeadingKeys),
        }),
      );
      role.addToPolicy(assumeTenantRole);
      role.addToPolicy(
        new PolicyStatement({
          sid: 'SendReminderMail',
          actions: ['ses:SendEmail'],
          resources: [mailFromIdentityArn],
          conditions: { StringEquals: { 'ses:FromAddress': props.mail.from } },
        }),
      );
      // EventBridge retries a failed invocation; the job is idempotent (one claimed marker per reminder).
      new Rule(this, `${name}Schedule`, {
        description: `Runs the ${name} job (${job.schedule}, UTC)`,
        schedule: Schedule.expression(job.schedule),
        targets: [new LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.hours(2) })],
      });
      this.scheduledJobs[name] = fn;
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

  /**
   * The role for one tenant's data. Only the HTTP functions' roles may assume it, and only when they tag the
   * session with `TenantId` (and no other tag); its policy then allows the item actions on the partitions of
   * `${aws:PrincipalTag/TenantId}` only. `ForAllValues` is true for a request without any leading key, so the role
   * must never get Scan (nor any action that names no key).
   */
  private tenantRole(httpRoles: IRole[], tableAndIndexes: string[]) {
    const role = new Role(this, 'TenantDataRole', {
      description: 'Tenant-scoped DynamoDB access, assumed by the HTTP functions with the session tag TenantId',
      assumedBy: new RolesPrincipal(httpRoles)
        .withSessionTags()
        .withConditions(tenantTagConditions),
      // The handlers ask for 900 s sessions (role chaining caps them at 1 h anyway).
      maxSessionDuration: Duration.hours(1),
    });
    role.addToPolicy(
      new PolicyStatement({
        sid: 'TenantPartitionsOnly',
        actions: dataActions,
        resources: tableAndIndexes,
        conditions: leadingKeys(tenantLeadingKeys),
      }),
    );
    return role;
  }

  /**
   * The participation role: assumable by the activities function only, with the organiser, home-association and
   * (optional) home-umbrella tags. Organiser partitions with the item actions; the two credit partitions — exactly
   * `T#<home>` and `T#<umbrella>`, not their index partitions — with single-item actions only. A missing umbrella
   * tag matches nothing. Never Scan, never a batch or Query outside the organiser's partitions.
   */
  private participationRole(activitiesRole: IRole, tableAndIndexes: string[], tableArn: string) {
    const role = new Role(this, 'ParticipationDataRole', {
      description: 'Participation writes of the activities function: organiser partitions plus the credit rows of one home association and its umbrella',
      assumedBy: new RolesPrincipal([activitiesRole]).withSessionTags().withConditions(participationTagConditions),
      maxSessionDuration: Duration.hours(1),
    });
    role.addToPolicy(
      new PolicyStatement({ sid: 'OrganiserPartitions', actions: dataActions, resources: tableAndIndexes, conditions: leadingKeys(participationOrganiserLeadingKeys) }),
    );
    role.addToPolicy(new PolicyStatement({ sid: 'CreditRows', actions: creditActions, resources: [tableArn], conditions: leadingKeys(creditLeadingKeys) }));
    return role;
  }

  /**
   * One function per entry of `streamConsumers`, on the table's stream: from the oldest record (TRIM_HORIZON), with
   * partial batch responses (the handler reports the first failed record and stops, keeping per-item order),
   * bisection and a bounded number of retries, after which the failed batch's description goes to an SQS queue.
   */
  private addStreamConsumers(
    props: ApiStackProps,
    roleAndLogs: (name: string) => { logGroup: LogGroup; role: Role },
    mailFromIdentityArn: string,
  ): Record<StreamConsumerName, NodejsFunction> {
    const removalPolicy = props.stage === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    // DynamoEventSource takes a (v1) ITable; the TableV2 of the data stack is an ITableV2. Same table, same stream.
    const streamTable = Table.fromTableAttributes(this, 'StreamTable', {
      tableArn: props.table.tableArn,
      tableStreamArn: props.table.tableStreamArn,
    });
    const consumers = {} as Record<StreamConsumerName, NodejsFunction>;
    for (const [name, consumer] of Object.entries(streamConsumers) as [StreamConsumerName, (typeof streamConsumers)[StreamConsumerName]][]) {
      const { role, logGroup } = roleAndLogs(name);
      const fn = new NodejsFunction(this, `${name}Function`, {
        ...functionDefaults,
        entry: join(repoRoot, consumer.entry),
        memorySize: consumer.memorySize,
        timeout: Duration.seconds(consumer.timeoutSeconds),
        role,
        logGroup,
        environment: {
          TABLE_NAME: props.table.tableName,
          POWERTOOLS_SERVICE_NAME: `parkpunt-${name}`,
          NODE_OPTIONS: '--enable-source-maps',
          ...(mailingStreamConsumers.includes(name) ? { MAIL_FROM: props.mail.from, APP_URL: props.siteUrl } : {}),
        },
      });
      if (readingStreamConsumers.includes(name)) {
        role.addToPolicy(
          new PolicyStatement({ sid: 'ReadForFanOut', actions: fanOutReadActions, resources: [props.table.tableArn], conditions: leadingKeys(rollupLeadingKeys) }),
        );
      }
      if (tallyingStreamConsumers.includes(name)) {
        role.addToPolicy(
          new PolicyStatement({ sid: 'ReadForTallies', actions: rollupReadActions, resources: [props.table.tableArn], conditions: leadingKeys(rollupLeadingKeys) }),
        );
      }
      if (mailingStreamConsumers.includes(name)) {
        role.addToPolicy(
          new PolicyStatement({
            sid: 'SendInvitationMail',
            actions: ['ses:SendEmail'],
            resources: [mailFromIdentityArn],
            conditions: { StringEquals: { 'ses:FromAddress': props.mail.from } },
          }),
        );
      }
      // A trusted internal path, not a request: the consumer copies an association's figures into its umbrella's
      // partition, i.e. it writes across tenants by design, so it cannot run with one tenant's session. It gets
      // its own credentials, limited to Put, Update and Delete on tenant partitions (no reads, no Scan, no `U#`/`PLATFORM` rows).
      role.addToPolicy(
        new PolicyStatement({
          sid: 'WriteRollups',
          actions: rollupActions,
          resources: [props.table.tableArn],
          conditions: leadingKeys(rollupLeadingKeys),
        }),
      );

      const deadLetters = new Queue(this, `${name}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy,
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is the on-failure destination of the ${name} stream consumer (records that failed all retries): the end of the line, it needs no DLQ of its own.`,
      });
      fn.addEventSource(
        new DynamoEventSource(streamTable, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          retryAttempts: 10,
          onFailure: new SqsDlq(deadLetters),
        }),
      );
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `dynamodb:ListStreams (granted by DynamoEventSource for the stream poller) supports no resource-level permissions; stream reads are on the table's stream ARN only.`,
      });
      consumers[name] = fn;
    }
    return consumers;
  }
}
