import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { WebStack } from './stacks/web-stack';

export interface ParkpuntOptions {
  stage: string;
  siteAssetPath?: string;
}

/**
 * Adds the four stacks of one stage to `app` and checks them with cdk-nag (AwsSolutions): an unacknowledged
 * finding fails synthesis. Stacks are environment-agnostic, so synthesis needs no AWS account or credentials.
 *
 * Order (each depends only on earlier ones): Data (table); Auth (user pool, managed-login domain); Web (bucket,
 * CloudFront, the bare HTTP API, the SPA's app client, config.json); Api (functions, routes, JWT authorizer).
 */
export function addParkpunt(app: App, { stage, siteAssetPath }: ParkpuntOptions) {
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`Invalid stage name: ${stage}`);
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
  });

  Tags.of(app).add('project', 'parkpunt');
  Tags.of(app).add('stage', stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, auth, api, web };
}
