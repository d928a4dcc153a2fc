import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addParkpunt } from './parkpunt';
import { repoRoot } from './paths';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const optionalContext = (key: string) => {
  const value = app.node.tryGetContext(key) as unknown;
  return value === undefined || value === null || value === '' ? undefined : String(value);
};
const siteBuild = join(repoRoot, 'frontend', 'build');

addParkpunt(app, {
  stage,
  // Deploy the SPA only when it has been built, so that synth works without a front-end build.
  siteAssetPath: existsSync(join(siteBuild, 'index.html')) ? siteBuild : undefined,
  // Sender of invitation mails and its verified SES identity (see the README, "Deploying to AWS").
  mailFrom: optionalContext('mailFrom'),
  mailFromIdentity: optionalContext('mailFromIdentity'),
});
app.synth();
