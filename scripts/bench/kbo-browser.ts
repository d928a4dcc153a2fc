/**
 * The KBO scan where it runs in production: in a Web Worker of Chromium, reading `File.stream()` of files picked
 * in an <input type=file>. Bundles shared/kbo for the browser with esbuild, serves a page on 127.0.0.1, hands
 * the synthetic extract's files to the input (Playwright passes local paths, nothing is copied), and times the
 * scan inside the worker. Peak memory is the kernel high-water mark (VmHWM) of the Chromium renderer process
 * that hosts the worker. Skipped (null) when Chromium is not installed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { KBO_FILES, type KboScanResult } from '../../shared/kbo/extract';
import { PARK } from './kbo-synthetic';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface KboBrowserMeasure {
  browser: string;
  stats: KboScanResult['stats'];
  candidateIds: string[];
  problems: number;
  /** Largest VmHWM among Chromium's processes (the renderer that runs the worker). */
  rendererPeakMb: number | null;
  workerBundleBytes: number;
}

const WORKER_SOURCE = `
import { scanExtract } from './shared/kbo/extract';
self.onmessage = async (event) => {
  try {
    const result = await scanExtract(event.data.files, event.data.criteria);
    self.postMessage({ ok: true, stats: result.stats, problems: result.problems.length,
      candidateIds: result.candidates.map((c) => c.establishmentNumber ?? c.enterpriseNumber) });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error) });
  }
};`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>kbo bench</title><input type="file" id="files" multiple>
<script>
window.runScan = (criteria) => new Promise((resolve) => {
  const files = {};
  for (const file of document.getElementById('files').files) files[file.name.replace(/\\.csv$/, '')] = file;
  const worker = new Worker('/worker.js');
  worker.onmessage = (event) => { worker.terminate(); resolve(event.data); };
  worker.onerror = (event) => resolve({ ok: false, error: event.message });
  worker.postMessage({ files, criteria });
});
</script>`;

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const all: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return all;
}

/** Largest VmHWM among the Chromium processes Playwright started under this process. */
function chromiumPeakMb(): number | null {
  let peak = 0;
  for (const pid of descendants(process.pid)) {
    try {
      if (pid === process.pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) continue;
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      // gone meanwhile
    }
  }
  return peak > 0 ? Math.round(peak / 102.4) / 10 : null;
}

export async function benchKboBrowser(dir: string, withStreets = true): Promise<KboBrowserMeasure | null> {
  if (process.platform !== 'linux' || !existsSync(CHROMIUM)) return null;
  const bundle = await build({
    stdin: { contents: WORKER_SOURCE, resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const workerJs = bundle.outputFiles[0]!.text;
  const server = createServer((request, response) => {
    if (request.url === '/worker.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(workerJs);
    else response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.setInputFiles('#files', KBO_FILES.map((file) => join(dir, `${file}.csv`)));
    const criteria = { postalCodes: [PARK.postalCode], streets: withStreets ? [...PARK.streets] : [] };
    const answer = (await page.evaluate((c) => (globalThis as unknown as { runScan: (c: unknown) => Promise<unknown> }).runScan(c), criteria)) as
      | { ok: true; stats: KboScanResult['stats']; problems: number; candidateIds: string[] }
      | { ok: false; error: string };
    if (!answer.ok) throw new Error(`scan in Chromium failed: ${answer.error}`);
    return {
      browser: `Chromium ${browser.version()}`,
      stats: answer.stats,
      candidateIds: answer.candidateIds,
      problems: answer.problems,
      rendererPeakMb: chromiumPeakMb(),
      workerBundleBytes: workerJs.length,
    };
  } finally {
    await browser.close();
    server.close();
  }
}
