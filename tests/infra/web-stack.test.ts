import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spaRewriteSource } from '../../infra/stacks/spa-rewrite';
import { contentSecurityPolicy, type RuntimeConfig } from '../../infra/stacks/web-stack';
import { cfnImports, cfnText, cleanUp, fakeSiteBuild, refExportPrefix, synthParkpunt } from './synth';

type Resource = { Properties: any };

afterAll(cleanUp);

describe('web stack', () => {
  let web: Template;
  let config: any;
  let synth: ReturnType<typeof synthParkpunt>;

  beforeAll(() => {
    // The Lambda code plays no part here: skip esbuild.
    synth = synthParkpunt({ stage: 'test', siteAssetPath: fakeSiteBuild(), bundle: false });
    web = synth.templates.web;
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
    expect(contentSecurityPolicy(['https://a.example', 'https://b.example'])).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self' https://a.example https://b.example; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    const policies = Object.values(web.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as Resource[];
    expect(policies).toHaveLength(1);
    const csp = policies[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy;
    // connect-src: discovery and JWKS on cognito-idp, token/userinfo/revoke on the user pool's managed-login domain
    const domainImport = cfnImports(csp)[0]!;
    expect(domainImport.startsWith(refExportPrefix(synth.stacks.auth, synth.stacks.auth.domain)), domainImport).toBe(true);
    const contentSecurityPolicyText = contentSecurityPolicy([
      'https://cognito-idp.${AWS::Region}.amazonaws.com',
      `https://\${Import:${domainImport}}.auth.\${AWS::Region}.amazoncognito.com`,
    ]);
    expect(cfnText(csp.ContentSecurityPolicy)).toBe(contentSecurityPolicyText);
    expect(csp.Override).toBe(true);
    web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
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
    const httpApi = synth.stacks.web.getLogicalId(synth.stacks.web.httpApi.node.defaultChild as CfnElement);
    expect(cfnText(origin.DomainName)).toBe(`\${${httpApi}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`);
  });

  it('holds the HTTP API itself (routes are the API stack’s): $default stage, access logs, throttling', () => {
    web.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    web.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    web.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'parkpunt-test', ProtocolType: 'HTTP' });
    web.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('authorizer\\.error'),
      },
    });
    web.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(Object.keys(web.findOutputs('ApiUrl'))).toEqual(['ApiUrl']);
  });

  it('logs the distribution and outputs the site URL', () => {
    expect(config.Logging).toEqual({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
    expect(Object.keys(web.findOutputs('SiteUrl'))).toEqual(['SiteUrl']);
  });

  it('deploys the built site, and invalidates the cache, when there is one, without touching config.json', () => {
    web.resourceCountIs('Custom::CDKBucketDeployment', 2);
    web.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/*'],
      Prune: true,
      Exclude: ['config.json'],
    });
  });

  describe('the SPA’s app client', () => {
    let client: any;
    const siteUrl = (path: string) => `https://\${${distributionId()}.DomainName}${path}`;
    const distributionId = () => Object.keys(web.findResources('AWS::CloudFront::Distribution'))[0];

    beforeAll(() => {
      const clients = Object.values(web.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
      expect(clients).toHaveLength(1);
      client = clients[0]!.Properties;
    });

    it('is a public client of the Auth stack’s user pool: no secret', () => {
      expect(client.ClientName).toBe('parkpunt-web');
      expect(client.GenerateSecret).toBe(false);
      expect(cfnImports(client.UserPoolId)[0]!.startsWith(refExportPrefix(synth.stacks.auth, synth.stacks.auth.userPool))).toBe(true);
      expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    });

    it('uses the authorization code flow only, with the OIDC scopes and nothing that calls Cognito’s user APIs', () => {
      expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
      expect(client.AllowedOAuthFlows).toEqual(['code']);
      expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
      // No plain-password, admin or custom flows; refresh through the token endpoint, with rotation.
      expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH']);
      expect(client.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
      expect(client.EnableTokenRevocation).toBe(true);
    });

    it('redirects only to the CloudFront site (no local URLs)', () => {
      expect(client.CallbackURLs.map(cfnText)).toEqual([siteUrl('/auth/callback')]);
      expect(client.LogoutURLs.map(cfnText)).toEqual([siteUrl('/')]);
      expect(JSON.stringify(client)).not.toMatch(/localhost|127\.0\.0\.1|http:/);
    });

    it('may write only the name: nothing that could matter for authorization', () => {
      expect(client.WriteAttributes).toEqual(['name']);
      expect(client.ReadAttributes).toEqual(['email', 'email_verified', 'name']);
    });

    it('hides whether a user exists, and issues 1 h access/ID tokens and 30-day refresh tokens', () => {
      expect(client.PreventUserExistenceErrors).toBe('ENABLED');
      expect(client.TokenValidityUnits).toEqual({ AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' });
      expect(client.AccessTokenValidity).toBe(60);
      expect(client.IdTokenValidity).toBe(60);
      expect(client.RefreshTokenValidity).toBe(30 * 24 * 60);
    });

    it('has a managed-login style (Cognito defaults)', () => {
      const clientId = synth.stacks.web.getLogicalId(synth.stacks.web.login.client.node.defaultChild as CfnElement);
      web.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
      web.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
        ClientId: { Ref: clientId },
        UseCognitoProvidedValues: true,
      });
    });
  });

  it('deploys /config.json with the Cognito authority and client id, uncached and never pruned', () => {
    const deployments = Object.values(web.findResources('Custom::CDKBucketDeployment')) as Resource[];
    const deployment = deployments.find((d) => d.Properties.DistributionPaths?.[0] === '/config.json')!.Properties;
    expect(deployment.Prune).toBe(false);
    expect(deployment.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(deployment.SourceObjectKeys).toHaveLength(1);

    // The staged file holds markers that the deployment replaces with the resolved values.
    const asset = join(synth.assembly.directory, `asset.${String(deployment.SourceObjectKeys[0]).replace(/\.zip$/, '')}`);
    let text = readFileSync(join(asset, 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(deployment.SourceMarkers[0] as Record<string, unknown>)) {
      text = text.replaceAll(marker, cfnText(value));
    }
    const runtimeConfig = JSON.parse(text) as RuntimeConfig;
    const pool = refExportPrefix(synth.stacks.auth, synth.stacks.auth.userPool);
    const clientId = synth.stacks.web.getLogicalId(synth.stacks.web.login.client.node.defaultChild as CfnElement);
    expect(runtimeConfig).toEqual({
      oidc: {
        authority: expect.stringMatching(
          new RegExp(`^https://cognito-idp\\.\\$\\{AWS::Region\\}\\.amazonaws\\.com/\\$\\{Import:${pool}\\w+\\}$`),
        ),
        clientId: `\${${clientId}}`,
        scope: 'openid email profile',
        redirectPath: '/auth/callback',
        postLogoutRedirectPath: '/',
      },
      localMode: false,
    });
  });
});

describe('web stack without a front-end build', () => {
  it('still synthesizes, with the config.json deployment only', () => {
    const { templates } = synthParkpunt({ stage: 'test', bundle: false });
    templates.web.resourceCountIs('Custom::CDKBucketDeployment', 1);
    templates.web.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/config.json'], Prune: false });
    templates.web.resourceCountIs('AWS::CloudFront::Distribution', 1);
  });
});
