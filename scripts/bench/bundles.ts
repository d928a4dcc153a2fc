import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { contexts, type ContextName } from '../../functions/routes';
import { median, round } from './stats';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The banner of infra/stacks/api-stack.ts: CommonJS dependencies inside an ESM bundle call require(). */
const BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export type BundleResult = {
  context: ContextName;
  minifiedBytes: number;
  gzippedBytes: number;
  coldImportMs: number;
  coldImportRunsMs: number[];
  /** Bytes in the minified output per npm package (own code as `(project)`), largest first. */
  largestPackages: { name: string; bytes: number }[];
};

type Metafile = { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };

function packageOf(inputPath: string): string {
  const at = inputPath.lastIndexOf('node_modules/');
  if (at < 0) return '(project)';
  const [first, second] = inputPath.slice(at + 'node_modules/'.length).split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
}

function largestPackages(metafile: Metafile, top = 4): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(packageOf(path), (bytes.get(packageOf(path)) ?? 0) + bytesInOutput);
  }
  return [...bytes].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes).slice(0, top);
}

/** The NodejsFunction bundling options of the API stack, minus the source map (it would inflate the size). */
async function bundle(entry: string, outfile: string): Promise<Metafile> {
  const { metafile } = await build({
    entryPoints: [join(REPO_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    sourcemap: false,
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    metafile: true,
    logLevel: 'silent',
  });
  return metafile as Metafile;
}

/** Imports the bundle in a fresh Node process (this very binary) and returns the time the import took. */
function coldImportMs(file: string): number {
  const script = `const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t0);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, TABLE_NAME: 'x', AWS_REGION: 'eu-west-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.status !== 0) throw new Error(`importing ${file} failed (${child.status ?? child.signal}):\n${child.stderr}`);
  return Number(child.stdout.trim());
}

export async function benchBundles(runs = 5): Promise<BundleResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'parkpunt-bench-'));
  try {
    const results: BundleResult[] = [];
    for (const [context, { entry }] of Object.entries(contexts) as [ContextName, { entry: string }][]) {
      const outfile = join(dir, context, 'index.mjs');
      const metafile = await bundle(entry, outfile);
      const code = readFileSync(outfile);
      const times = Array.from({ length: runs }, () => coldImportMs(outfile));
      results.push({
        context,
        minifiedBytes: code.byteLength,
        gzippedBytes: gzipSync(code).byteLength,
        coldImportMs: round(median(times)),
        coldImportRunsMs: times.map((time) => round(time)),
        largestPackages: largestPackages(metafile),
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
