import { runInNewContext } from 'node:vm';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaRewriteSource } from '../../infra/stacks/spa-rewrite';
import { contentSecurityPolicy } from '../../infra/stacks/web-stack';
import { cleanUp, fakeSiteBuild, synthParkpunt } from './synth';

type Resource = { Properties: any };

afterAll(cleanUp);

describe('web stack', () => {
  let web: Template;
  let config: any;

  beforeAll(() => {
    // The Lambda code plays no part here: skip esbuild.
    web = synthParkpunt({ stage: 'test', siteAssetPath: fakeSiteBuild(), bundle: false }).templates.web;
    const distributions = Object.values(web.findResources('AWS::CloudFront::Distribution')) as Resource[];
    expect(distributions).toHaveLength(1);
    config = distributions[0]!.Properties.DistributionConfig;
  });

  it('keeps the site bucket private, encrypted, TLS-only and logged', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^LogsBucket') } },
    });
    web.allResourcesProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('reads the bucket through Origin Access Control, not a public website', () => {
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const s3Origin = config.Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(config.DefaultRootObject).toBe('index.html');
  });

  it('serves the SPA shell for client-side routes on the S3 behaviour only, without custom error responses', () => {
    // Custom error responses are distribution-wide: they would turn the API's 403/404 into 200 index.html.
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } },
    ]);
    web.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: spaRewriteSource,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });
  });

  it('rewrites extensionless paths to /index.html and leaves files alone', () => {
    const handler = runInNewContext(`${spaRewriteSource}; handler`) as (event: { request: { uri: string } }) => {
      uri: string;
    };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/companies')).toBe('/index.html');
    expect(rewrite('/tenants/01JABCDEF/companies/')).toBe('/index.html');
    expect(rewrite('/index.html')).toBe('/index.html');
    expect(rewrite('/_app/immutable/entry/start.BxY1.js')).toBe('/_app/immutable/entry/start.BxY1.js');
    expect(rewrite('/favicon.svg')).toBe('/favicon.svg');
  });

  it('sends security headers, including the CSP, on every behaviour', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: contentSecurityPolicy, Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
      },
    });
    const policyRef = config.DefaultCacheBehavior.ResponseHeadersPolicyId;
    expect(policyRef).toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) });
    for (const behavior of config.CacheBehaviors) expect(behavior.ResponseHeadersPolicyId).toEqual(policyRef);
  });

  it('forwards /api/* uncached, with every method, to the HTTP API over HTTPS', () => {
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0];
    expect(api.PathPattern).toBe('/api/*');
    expect(api.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(api.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(api.AllowedMethods).toEqual(
      expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
    );
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    expect(api.FunctionAssociations).toBeUndefined();

    const origin = config.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    const domain = JSON.stringify(origin.DomainName);
    expect(domain).toContain('Fn::ImportValue'); // the API id, exported by the API stack
    expect(domain).toContain('.execute-api.');
  });

  it('logs the distribution and outputs the site URL', () => {
    expect(config.Logging).toEqual({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
    expect(Object.keys(web.findOutputs('SiteUrl'))).toEqual(['SiteUrl']);
  });

  it('deploys the built site, and invalidates the cache, when there is one', () => {
    web.resourceCountIs('Custom::CDKBucketDeployment', 1);
    web.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
  });
});

describe('web stack without a front-end build', () => {
  it('still synthesizes, without a deployment', () => {
    const { templates } = synthParkpunt({ stage: 'test', bundle: false });
    templates.web.resourceCountIs('Custom::CDKBucketDeployment', 0);
    templates.web.resourceCountIs('AWS::CloudFront::Distribution', 1);
  });
});
