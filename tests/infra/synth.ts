import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { addParkpunt, type ParkpuntOptions } from '../../infra/parkpunt';
import { repoRoot } from '../../infra/paths';

/** The context of cdk.json (feature flags), so that tests synthesize what `cdk synth` does. */
const cdkContext = (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> })
  .context;

/** Temporary directories (cloud assemblies with their bundles, site builds) that `cleanUp` removes. */
const temporary: string[] = [];
export const tempDir = (prefix = 'parkpunt-cdk.out-') => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};

export function cleanUp() {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A stand-in for `frontend/build`. */
export function fakeSiteBuild() {
  const dir = tempDir('parkpunt-site-');
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Parkpunt</title>');
  return dir;
}

/**
 * Synthesizes the whole app once, cdk-nag included: `app.synth()` throws on any unacknowledged AwsSolutions
 * finding, so every test of a file fails when its beforeAll does. `bundle: false` skips esbuild (for tests that
 * do not look at Lambda code); the assets then hold no code.
 */
export function synthParkpunt(options: ParkpuntOptions & { bundle?: boolean }) {
  const app = new App({
    outdir: tempDir(),
    context: {
      ...cdkContext,
      stage: options.stage,
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
  });
  const stacks = addParkpunt(app, options);
  const assembly = app.synth();
  const template = (stack: Stack) => Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  return {
    app,
    assembly,
    stacks,
    templates: { data: template(stacks.data), api: template(stacks.api), web: template(stacks.web) },
  };
}
