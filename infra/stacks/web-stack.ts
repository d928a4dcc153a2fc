import { Aws, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
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
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { spaRewriteSource } from './spa-rewrite';

export interface WebStackProps extends StackProps {
  stage: string;
  api: IHttpApi;
  /** The built SPA (`frontend/build`); without it the stack deploys the bucket and distribution only. */
  siteAssetPath?: string;
}

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** The SPA in a private bucket behind CloudFront, with the HTTP API under `/api/*` on the same origin. */
export class WebStack extends Stack {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

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
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
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
    const apiDomain = `${props.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;

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

    if (props.siteAssetPath) {
      const deployment = new BucketDeployment(this, 'DeploySite', {
        sources: [Source.asset(props.siteAssetPath)],
        destinationBucket: site,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      acknowledgeDeploymentHandler(deployment, this.getLogicalId(site.node.defaultChild as CfnBucket));
    }

    new CfnOutput(this, 'SiteUrl', { value: `https://${this.distribution.distributionDomainName}` });
  }
}

/**
 * BucketDeployment runs a Lambda owned by aws-cdk-lib (a stack-level singleton) whose runtime and role we do not
 * control. Its findings are acknowledged on that function only, never on the stack.
 */
function acknowledgeDeploymentHandler(deployment: BucketDeployment, siteBucketLogicalId: string) {
  const handler = deployment.handlerRole.node.scope;
  if (!handler) throw new Error('BucketDeployment handler not found');
  const readAssets = 'Reads the staged site archive from the CDK bootstrap asset bucket (grant generated by aws-cdk-lib).';
  const writeSite = 'Copies the site into, and prunes stale files from, the site bucket only (grant generated by aws-cdk-lib).';
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
