import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addParkpunt } from './parkpunt';
import { repoRoot } from './paths';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const siteBuild = join(repoRoot, 'frontend', 'build');

addParkpunt(app, {
  stage,
  // Deploy the SPA only when it has been built, so that synth works without a front-end build.
  siteAssetPath: existsSync(join(siteBuild, 'index.html')) ? siteBuild : undefined,
});
app.synth();
