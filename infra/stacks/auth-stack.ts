import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolRiskConfigurationAttachment,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  type IUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  stage: string;
  /**
   * Prefix of the Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`), unique per region across all AWS
   * accounts. Default: `parkpunt-<stage>-<8 hex digits of this stack's id>`, resolved at deployment (no account needed
   * at synthesis, stable across updates, different for every deployment of the stack).
   */
  domainPrefix?: string;
}

/** The OIDC scopes the SPA asks for; no `aws.cognito.signin.user.admin`: its tokens cannot call Cognito's user APIs. */
export const oidcScopes = ['openid', 'email', 'profile'] as const;
export const redirectPath = '/auth/callback';
export const postLogoutRedirectPath = '/';

/** Cognito's issuer (`iss` of its tokens, and the OIDC authority): `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
export const cognitoIssuer = (scope: Construct, userPoolId: string) =>
  `https://cognito-idp.${Stack.of(scope).region}.amazonaws.com/${userPoolId}`;

/** Discovery and JWKS live on this origin (the browser fetches them). */
export const cognitoIdpOrigin = (scope: Construct) => `https://cognito-idp.${Stack.of(scope).region}.amazonaws.com`;

const forbiddenInPrefix = /aws|amazon|cognito/;
function checkDomainPrefix(prefix: string) {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || forbiddenInPrefix.test(prefix)) {
    throw new Error(
      `Invalid cognitoDomainPrefix "${prefix}": lower-case letters, digits and hyphens, at most 63, no aws/amazon/cognito`,
    );
  }
  return prefix;
}

/**
 * The user pool: who people are (email, name, password, TOTP). What they may do lives in DynamoDB (memberships
 * keyed by the token's `sub`), never in Cognito: the pool has no custom attributes at all, so no token claim and no
 * user-writable attribute can grant a tenant or a role.
 *
 * The app client is not here: its callback URLs name the CloudFront domain, so it lives with the distribution
 * (`SiteLoginClient`, instantiated by the web stack).
 */
export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const keep = props.stage !== 'dev';

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `parkpunt-${props.stage}`,
      // People join by invitation (AdminCreateUser by a platform or tenant admin), never by signing themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // An email change takes effect only once the new address is verified.
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true, email: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised-credential checks, adaptive authentication), enforced.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Uitnodiging voor Parkpunt / Invitation to Parkpunt',
        emailBody:
          'Je bent uitgenodigd voor Parkpunt. Meld je aan met {username} en het tijdelijke wachtwoord {####} ' +
          '(7 dagen geldig); daarna kies je een eigen wachtwoord.<br><br>' +
          'You have been invited to Parkpunt. Sign in with {username} and the temporary password {####} ' +
          '(valid for 7 days); you will then choose your own password.',
      },
      deletionProtection: keep,
      removalPolicy: keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP only, no SMS): members are invited occasional users; high-risk sign-ins still need MFA ' +
        'through adaptive authentication (Plus tier, enforced), and compromised credentials are blocked.',
    });

    // Explicit threat-protection responses (Cognito's defaults are not documented as stable). No notification
    // emails: those need an SES identity (Notify: false everywhere).
    new CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
        },
      },
    });

    const contextPrefix = this.node.tryGetContext('cognitoDomainPrefix') as string | undefined;
    const domainPrefix =
      props.domainPrefix ??
      (contextPrefix
        ? checkDomainPrefix(String(contextPrefix))
        : // arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid> → first 8 hex digits of the uuid
          Fn.join('-', [
            'parkpunt',
            props.stage,
            Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID)))),
          ]));
    if (!Token.isUnresolved(domainPrefix)) checkDomainPrefix(domainPrefix);

    // Managed login (version 2, the branding designer); every app client on it needs a branding style.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'LoginDomain', { value: this.domain.baseUrl() });
  }
}

export interface SiteLoginClientProps {
  userPool: IUserPool;
  /** `https://<site domain>`, without a trailing slash. */
  siteOrigin: string;
}

/**
 * The SPA's app client `parkpunt-web`: public (no secret), authorization code flow only (the SPA's OIDC library adds
 * PKCE; no implicit flow), redirecting only to the site itself, plus the managed-login style it needs. The client
 * can write no attribute that matters for authorization: only `name`.
 */
export class SiteLoginClient extends Construct {
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: SiteLoginClientProps) {
    super(scope, id);

    this.client = new UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      userPoolClientName: 'parkpunt-web',
      generateSecret: false,
      // SRP only for direct API sign-in; managed login uses the OAuth endpoints. No plain-password, custom or
      // admin flows. Refresh goes through the token endpoint, with rotation.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.siteOrigin}${redirectPath}`],
        logoutUrls: [`${props.siteOrigin}${postLogoutRedirectPath}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      refreshTokenRotationGracePeriod: Duration.seconds(10),
      enableTokenRevocation: true,
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // Managed login v2 shows a page to a client only once it has a style; Cognito's defaults for now.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
