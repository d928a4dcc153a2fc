import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { CacheControl, BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { IUserPool, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  cognitoIdpOrigin,
  cognitoIssuer,
  oidcScopes,
  postLogoutRedirectPath,
  redirectPath,
  SiteLoginClient,
} from './auth-stack';
import { spaRewriteSource } from './spa-rewrite';

export interface WebStackProps extends StackProps {
  stage: string;
  userPool: IUserPool;
  userPoolDomain: UserPoolDomain;
  /** The built SPA (`frontend/build`); without it the stack deploys the bucket and distribution only. */
  siteAssetPath?: string;
}

/**
 * The site's CSP. `connect-src` adds the origins the SPA's OIDC library calls itself: discovery and JWKS on
 * `cognito-idp.<region>.amazonaws.com`, token/userinfo/revocation on the user-pool domain. Sign-in and sign-out
 * are top-level navigations (not forms), so `form-action` stays `'self'`.
 */
export const contentSecurityPolicy = (connectOrigins: readonly string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');

/** The SPA's runtime settings, served at `/config.json` (the local gateway serves the same shape). */
export type RuntimeConfig = {
  oidc: { authority: string; clientId: string; scope: string; redirectPath: string; postLogoutRedirectPath: string };
  localMode: boolean;
};

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
    authorizerError: '$context.authorizer.error',
  }),
);

/**
 * The public front door: the SPA in a private bucket behind CloudFront, the HTTP API (endpoint and stage; its
 * routes, authorizer and functions are in the API stack) under `/api/*` on the same origin, and the Cognito app
 * client whose redirect URLs are this distribution's.
 *
 * Why the HTTP API itself lives here: the distribution needs the API's id, the app client needs the distribution's
 * domain, and the API's JWT authorizer needs the app client's id. With the API (and its routes) in the API stack,
 * that is a cycle (Web → Api → Web). Keeping the bare API here and its routes in the API stack orders it:
 * Auth → Web (API, distribution, client) → Api (authorizer, routes, functions).
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly httpApi: HttpApi;
  readonly login: SiteLoginClient;
  /** `https://<distribution domain>`: the site's origin (app client redirects, links in mails). */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const removalPolicy = props.stage === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `parkpunt-${props.stage}`,
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy });
    const apiStage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });

    const logs = new Bucket(this, 'LogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.OBJECT_WRITER, // CloudFront standard logging writes with ACLs
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the site bucket and the distribution; logging it into itself would loop.',
    });

    const site = new Bucket(this, 'SiteBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3-site/',
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy([cognitoIdpOrigin(this), props.userPoolDomain.baseUrl()]),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    const spaRewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(spaRewriteSource),
    });

    // The $default stage serves at the root of the execute-api domain, so `/api/...` reaches the routes as is.
    const apiDomain = `${this.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Parkpunt ${props.stage}`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100, // Europe and North America: the users are in Flanders
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY, // a redirect would turn a POST into a GET
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction: members of Flemish business-park associations travel and work abroad.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF yet: the API has its own stage throttling; a web ACL (with rate-based rules) comes with the custom domain.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The default *.cloudfront.net certificate cannot set a minimum TLS version; TLSv1.2_2021 comes with the custom domain certificate.',
      },
    );

    const siteOrigin = `https://${this.distribution.distributionDomainName}`;
    this.siteUrl = siteOrigin;
    this.login = new SiteLoginClient(this, 'Login', { userPool: props.userPool, siteOrigin });

    const runtimeConfig: RuntimeConfig = {
      oidc: {
        authority: cognitoIssuer(this, props.userPool.userPoolId),
        clientId: this.login.client.userPoolClientId,
        scope: oidcScopes.join(' '),
        redirectPath,
        postLogoutRedirectPath,
      },
      localMode: false,
    };
    // Its own deployment, always present (the SPA build is optional), never pruning; the site deployment below
    // excludes config.json, so neither deletes the other's files. No caching: a new client id must take effect.
    const configDeployment = new BucketDeployment(this, 'DeployConfig', {
      sources: [Source.jsonData('config.json', runtimeConfig)],
      destinationBucket: site,
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/config.json'],
      memoryLimit: 512, // the same as the site deployment's, so that both share one handler
    });

    if (props.siteAssetPath) {
      new BucketDeployment(this, 'DeploySite', {
        sources: [Source.asset(props.siteAssetPath)],
        destinationBucket: site,
        exclude: ['config.json'],
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
    }
    acknowledgeDeploymentHandler(configDeployment, this.getLogicalId(site.node.defaultChild as CfnBucket));

    new CfnOutput(this, 'SiteUrl', { value: siteOrigin });
    new CfnOutput(this, 'ApiUrl', { value: apiStage.url });
    new CfnOutput(this, 'UserPoolClientId', { value: this.login.client.userPoolClientId });
  }
}

/**
 * BucketDeployment runs a Lambda owned by aws-cdk-lib (a stack-level singleton, shared by both deployments here)
 * whose runtime and role we do not control. Its findings are acknowledged on that function only, never on the stack.
 */
function acknowledgeDeploymentHandler(deployment: BucketDeployment, siteBucketLogicalId: string) {
  const handler = deployment.handlerRole.node.scope;
  if (!handler) throw new Error('BucketDeployment handler not found');
  const readAssets =
    'Reads the staged site and config.json archives from the CDK bootstrap asset bucket (grant generated by aws-cdk-lib).';
  const writeSite =
    'Copies the site and config.json into, and prunes stale files from, the site bucket only (grant generated by aws-cdk-lib).';
  Validations.of(handler).acknowledge(
    { id: 'AwsSolutions-L1', reason: 'The deployment handler runtime is pinned by aws-cdk-lib; it runs only during deployments.' },
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The aws-cdk-lib deployment handler writes its own logs with the basic execution role.',
    },
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: readAssets },
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: readAssets },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: readAssets },
    {
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
      reason: readAssets,
    },
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: writeSite },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: writeSite },
    { id: `AwsSolutions-IAM5[Resource::<${siteBucketLogicalId}.Arn>/*]`, reason: writeSite },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'cloudfront:CreateInvalidation/GetInvalidation to invalidate the distribution after a deployment; aws-cdk-lib grants it on *.',
    },
  );
}
