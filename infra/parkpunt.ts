import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack, type MailSettings } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { WebStack } from './stacks/web-stack';

export interface ParkpuntOptions {
  stage: string;
  siteAssetPath?: string;
  /** Sender of invitation mails (context `mailFrom`). Default: `no-reply@parkpunt.example`. */
  mailFrom?: string;
  /** The verified SES identity of the sender (context `mailFromIdentity`): its domain (default) or the address. */
  mailFromIdentity?: string;
}

export const defaultMailFrom = 'no-reply@parkpunt.example';

/** A bare address (SES `FromEmailAddress`, IAM `ses:FromAddress`), and an identity that covers it. */
export function mailSettings(from = defaultMailFrom, identity?: string): MailSettings {
  const address = /^[^\s@<>"]+@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)$/i.exec(from);
  if (!address) throw new Error(`Invalid mailFrom "${from}": a bare e-mail address, e.g. ${defaultMailFrom}`);
  const domain = address[1]!;
  const mailFromIdentity = identity ?? domain;
  if (mailFromIdentity.toLowerCase() !== from.toLowerCase() && mailFromIdentity.toLowerCase() !== domain.toLowerCase()) {
    throw new Error(`mailFromIdentity "${mailFromIdentity}" does not cover mailFrom "${from}": use ${domain} or ${from}`);
  }
  return { from, identity: mailFromIdentity };
}

/**
 * Adds the four stacks of one stage to `app` and checks them with cdk-nag (AwsSolutions): an unacknowledged
 * finding fails synthesis. Stacks are environment-agnostic, so synthesis needs no AWS account or credentials.
 *
 * Order (each depends only on earlier ones): Data (table); Auth (user pool, managed-login domain); Web (bucket,
 * CloudFront, the bare HTTP API, the SPA's app client, config.json); Api (functions, routes, JWT authorizer, the
 * tenant data role, the stream consumers).
 */
export function addParkpunt(app: App, { stage, siteAssetPath, mailFrom, mailFromIdentity }: ParkpuntOptions) {
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Invalid stage name: ${stage}`);
  const mail = mailSettings(mailFrom, mailFromIdentity);
  const prefix = `Parkpunt-${stage}`;

  const data = new DataStack(app, `${prefix}-Data`, { stage });
  const auth = new AuthStack(app, `${prefix}-Auth`, { stage });
  const web = new WebStack(app, `${prefix}-Web`, {
    stage,
    userPool: auth.userPool,
    userPoolDomain: auth.domain,
    siteAssetPath,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    stage,
    table: data.table,
    httpApi: web.httpApi,
    userPool: auth.userPool,
    userPoolClient: web.login.client,
    siteUrl: web.siteUrl,
    mail,
  });

  Tags.of(app).add('project', 'parkpunt');
  Tags.of(app).add('stage', stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, auth, api, web };
}
