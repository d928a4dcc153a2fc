import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
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
    templates: {
      data: template(stacks.data),
      auth: template(stacks.auth),
      api: template(stacks.api),
      web: template(stacks.web),
    },
  };
}

type Intrinsic = { Ref?: string; 'Fn::ImportValue'?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };

/**
 * A CloudFormation string value as readable text: `Fn::Join` joined, `{Ref: X}` as `${X}`, imports as
 * `${Import:<export name>}`, `Fn::GetAtt` as `${Logical.Attribute}`. For comparing token-bearing strings in tests.
 */
export function cfnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Intrinsic;
  if (v.Ref) return `\${${v.Ref}}`;
  if (v['Fn::ImportValue']) return `\${Import:${v['Fn::ImportValue']}}`;
  if (v['Fn::GetAtt']) return `\${${v['Fn::GetAtt'].join('.')}}`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(cfnText).join(v['Fn::Join'][0]);
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

/** How the export name starts under which CDK passes `{Ref: <construct>}` from `producer` to another stack. */
export const refExportPrefix = (producer: Stack, construct: IConstruct) =>
  `${producer.stackName}:ExportsOutputRef${producer.getLogicalId(construct.node.defaultChild as CfnElement)}`;

/** The export names a CloudFormation value imports (`Fn::ImportValue`), in order. */
export function cfnImports(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(cfnImports);
  const v = value as Intrinsic;
  if (typeof v['Fn::ImportValue'] === 'string') return [v['Fn::ImportValue']];
  return Object.values(value).flatMap(cfnImports);
}
