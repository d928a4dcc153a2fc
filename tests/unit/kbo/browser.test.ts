import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

describe('shared/kbo in the browser', () => {
  it('bundles for the browser with no Node built-in and no package', async () => {
    // platform 'browser' makes esbuild fail on any `node:` import; the metafile lists every input.
    const result = await build({
      entryPoints: ['shared/kbo/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.every((input) => input.startsWith('shared/'))).toBe(true);
    expect(inputs).not.toContain('shared/index.ts'); // zod and the schemas stay out of the worker
    expect(result.outputFiles[0]!.contents.byteLength).toBeLessThan(20_000);
  });

  it('type-checks in a Web Worker without Node types (no Buffer, process or node: module)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kbo-worker-'));
    try {
      const file = join(dir, 'worker.ts');
      writeFileSync(
        file,
        `import { scanExtract, openKboZip, diffRegister, type KboFiles } from '${join(ROOT, 'shared/kbo/index')}';
declare const picked: File[];
declare const zip: File;
const files = Object.fromEntries(picked.map((f) => [f.name.replace(/\\.csv$/, ''), f])) as unknown as KboFiles;
self.onmessage = async () => {
  const result = await scanExtract(files, { postalCodes: ['3001'] }, { onProgress: (p) => self.postMessage(p) });
  const zipped = await scanExtract((await openKboZip(zip)).files, { postalCodes: ['3001'] });
  self.postMessage(diffRegister(result.candidates.concat(zipped.candidates), [{ id: 'x', name: 'n' }]));
};
`,
      );
      const program = ts.createProgram([file], {
        noEmit: true, strict: true, noUncheckedIndexedAccess: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2023.d.ts', 'lib.webworker.d.ts'],
        types: [], typeRoots: [], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true,
      });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
