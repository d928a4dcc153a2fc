/**
 * Bench of the CBE/KBO extract scan (shared/kbo) on a synthetic national extract (scripts/bench/kbo-synthetic.ts):
 * rows per file, throughput, wall time, peak memory, and the candidates found against those planted.
 *
 * The scan runs in a child process of its own so that its memory high-water mark is the scan's alone (not the
 * generator's, nor the rest of `npm run bench`). It reads the files as Blobs (`fs.openAsBlob(path).stream()`),
 * the same Web-stream path a browser takes with `File.stream()`.
 *
 * Usage: npx tsx scripts/bench/kbo.ts [enterprises=2000000]     (also a section of `npm run bench`)
 */
import { spawn } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KBO_FILES, scanExtract, type KboFiles, type KboScanResult } from '../../shared/kbo/extract';
import type { KboBrowserMeasure } from './kbo-browser';
import { openKboZip } from '../../shared/kbo/zip';
import { ensureSyntheticExtract, ensureSyntheticZip, PARK, type SyntheticPlan } from './kbo-synthetic';
import { round } from './stats';
import { printTable, type Row } from './table';

const ENTERPRISES = 2_000_000;
const MEMORY_LIMIT_MB = 512;
const THROUGHPUT_TARGET = 50_000;

export interface KboScanMeasure {
  label: string;
  stats: KboScanResult['stats'];
  candidates: number;
  candidateIds: string[];
  problems: number;
  /** Sampled every 10 ms during the scan. */
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** The kernel's high-water mark for the child process (getrusage ru_maxrss), start-up included. */
  maxRssMb: number;
  baselineRssMb: number;
}

export interface KboBenchResult {
  enterprises: number;
  generatedMs: number | null;
  plan: Pick<SyntheticPlan, 'rows' | 'bytes' | 'planted' | 'expectedWithoutStreets'> & { expected: number };
  runs: (KboScanMeasure & { expectedCandidates: number; correct: boolean })[];
  /** The same park scan in a Web Worker of headless Chromium; null when Chromium is not installed. */
  browser: (Omit<KboBrowserMeasure, 'candidateIds'> & { candidates: number; correct: boolean }) | null;
}

const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

/** Child side: scan once, sampling memory, and print one JSON line. */
async function scanChild(dir: string, withStreets: boolean, zipPath: string | null, label: string) {
  const baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const files = zipPath
    ? (await openKboZip(await openAsBlob(zipPath))).files
    : (Object.fromEntries(await Promise.all(KBO_FILES.map(async (file) => [file, await openAsBlob(join(dir, `${file}.csv`))] as const))) as unknown as KboFiles);
  const result = await scanExtract(files, { postalCodes: [PARK.postalCode], streets: withStreets ? [...PARK.streets] : [] });
  sample();
  clearInterval(timer);
  const measure: KboScanMeasure = {
    label,
    stats: result.stats,
    candidates: result.candidates.length,
    candidateIds: result.candidates.map((c) => c.establishmentNumber ?? c.enterpriseNumber),
    problems: result.problems.length,
    peakRssMb: mb(peakRss),
    peakHeapUsedMb: mb(peakHeap),
    maxRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    baselineRssMb: mb(baselineRss),
  };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

function runChild(dir: string, withStreets: boolean, zipPath: string | null, label: string): Promise<KboScanMeasure> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolveRun, reject) => {
    // execArgv carries tsx's loader when run through tsx.
    const child = spawn(process.execPath, [...process.execArgv, self, '--scan', dir, withStreets ? 'streets' : 'postal', zipPath ?? '-', label], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`kbo scan child exited with ${code}: ${out.slice(-500)}`));
      else resolveRun(JSON.parse(line) as KboScanMeasure);
    });
  });
}

export async function benchKbo(enterprises = ENTERPRISES): Promise<KboBenchResult> {
  const { dir, plan, generated } = await ensureSyntheticExtract(enterprises, { log: (line) => console.log(line) });
  const totalRows = Object.values(plan.rows).reduce((sum, rows) => sum + rows, 0);
  const totalBytes = Object.values(plan.bytes).reduce((sum, bytes) => sum + bytes, 0);
  console.log(
    `\nKBO extract: ${enterprises.toLocaleString('en')} enterprises, ${totalRows.toLocaleString('en')} rows, ${mb(totalBytes)} MB in ${dir} ` +
      (generated ? `(generated in ${round(plan.generatedMs / 1000, 1)} s)` : '(reused; delete the folder to regenerate)'),
  );

  const runs: KboBenchResult['runs'] = [];
  const zip = ensureSyntheticZip(dir);
  if (zip?.generatedMs) console.log(`Zipped the extract (zip -1) into ${mb(zip.bytes)} MB in ${round(zip.generatedMs / 1000, 1)} s`);
  const park = `park: ${PARK.postalCode} + ${PARK.streets.length} streets`;
  const cases: [boolean, string | null, string][] = [
    [true, null, park],
    [false, null, `postal code ${PARK.postalCode} only`],
  ];
  if (zip) cases.push([true, zip.path, `${park}, from the zip (${mb(zip.bytes)} MB)`]);
  for (const [withStreets, zipPath, label] of cases) {
    const measure = await runChild(dir, withStreets, zipPath, label);
    const expectedCandidates = withStreets ? plan.expected.length : plan.expectedWithoutStreets;
    const correct = withStreets
      ? measure.candidates === expectedCandidates && JSON.stringify([...measure.candidateIds].sort()) === JSON.stringify([...plan.expected].sort())
      : measure.candidates === expectedCandidates;
    runs.push({ ...measure, expectedCandidates, correct });
  }

  let browser: KboBenchResult['browser'] = null;
  try {
    // Imported here, not at the top: the scan child re-runs this file and must not load Playwright and esbuild.
    const { benchKboBrowser } = await import('./kbo-browser');
    const measure = await benchKboBrowser(dir);
    if (measure) {
      const { candidateIds, ...rest } = measure;
      const correct = JSON.stringify([...candidateIds].sort()) === JSON.stringify([...plan.expected].sort());
      browser = { ...rest, candidates: candidateIds.length, correct };
    }
  } catch (error) {
    console.log(`  (the Chromium run failed: ${error instanceof Error ? error.message : String(error)})`);
  }

  const main = runs[0]!;
  printTable(
    `5. KBO extract scan (shared/kbo, in a child process, files read as Blob streams): rows per file, ${main.label}`,
    KBO_FILES.map((file) => {
      const stats = main.stats.byFile[file];
      const inBrowser = browser?.stats.byFile[file];
      return {
        file: `${file}.csv`,
        pass: file === 'meta' || file === 'address' ? 1 : file === 'establishment' ? 2 : 3,
        rows: stats?.rows ?? 0,
        MB: mb(stats?.bytes ?? 0),
        'Node ms': stats?.ms ?? 0,
        'Node rows/s': stats && stats.ms > 0 ? Math.round((stats.rows / stats.ms) * 1000) : '–',
        'Node MB/s': stats && stats.ms > 0 ? round(mb(stats.bytes) / (stats.ms / 1000), 1) : '–',
        'Chromium ms': inBrowser?.ms ?? '–',
        'Chromium rows/s': inBrowser && inBrowser.ms > 0 ? Math.round((inBrowser.rows / inBrowser.ms) * 1000) : '–',
      };
    }),
  );
  const rows: Row[] = runs.map((run) => ({
    where: `Node ${process.version}`,
    criteria: run.label,
    rows: run.stats.rowsScanned,
    's wall': round(run.stats.ms / 1000, 2),
    'rows/s': Math.round(run.stats.rowsScanned / (run.stats.ms / 1000)),
    'peak RSS MB': run.peakRssMb,
    'max RSS MB': run.maxRssMb,
    'peak heap MB': run.peakHeapUsedMb,
    candidates: run.candidates,
    expected: run.expectedCandidates,
    check: run.correct ? 'ok' : 'WRONG',
    problems: run.problems,
  }));
  if (browser) {
    rows.push({
      where: `${browser.browser} Web Worker`,
      criteria: main.label,
      rows: browser.stats.rowsScanned,
      's wall': round(browser.stats.ms / 1000, 2),
      'rows/s': Math.round(browser.stats.rowsScanned / (browser.stats.ms / 1000)),
      'peak RSS MB': '–',
      'max RSS MB': browser.rendererPeakMb ?? '–',
      'peak heap MB': '–',
      candidates: browser.candidates,
      expected: plan.expected.length,
      check: browser.correct ? 'ok' : 'WRONG',
      problems: browser.problems,
    });
  }
  printTable(
    '   Whole scan',
    rows,
    `Targets: ≥ ${THROUGHPUT_TARGET.toLocaleString('en')} rows/s, peak RSS < ${MEMORY_LIMIT_MB} MB. Node: RSS and heap sampled every 10 ms (process start ≈ ${main.baselineRssMb} MB incl. tsx); ` +
      'max RSS = kernel high-water mark of the child process. Chromium: File.stream() of files picked in an <input type=file>, scanned in a Web Worker; ' +
      `max RSS = high-water mark of the renderer hosting it (page and worker included)${browser ? `; worker bundle ${round(browser.workerBundleBytes / 1024, 1)} KB` : ' (not run: no /usr/bin/chromium)'}.\n` +
      `  Planted: ${plan.planted.establishmentsOnPark} establishments + ${plan.planted.officesOnlyOnPark} registered offices (no establishment unit) on the park streets; ` +
      `decoys: ${plan.planted.officesWithEstablishmentsElsewhere} offices whose establishments are elsewhere, ${plan.planted.struckOffOnPark} struck off, ` +
      `${plan.planted.otherStreetsOf3001} on other streets of ${PARK.postalCode}.`,
  );
  for (const run of runs) {
    if (!run.correct) console.log(`  WRONG: ${run.label}: ${run.candidates} candidates, expected ${run.expectedCandidates}`);
    if (run.maxRssMb > MEMORY_LIMIT_MB) console.log(`  OVER BUDGET: ${run.label}: max RSS ${run.maxRssMb} MB`);
  }
  if (browser && !browser.correct) console.log(`  WRONG: Chromium: ${browser.candidates} candidates, expected ${plan.expected.length}`);
  return {
    enterprises,
    generatedMs: generated ? plan.generatedMs : null,
    plan: { rows: plan.rows, bytes: plan.bytes, planted: plan.planted, expectedWithoutStreets: plan.expectedWithoutStreets, expected: plan.expected.length },
    runs: runs.map((run) => ({ ...run, candidateIds: [] })),
    browser,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--scan') {
    const zipPath = process.argv[5] && process.argv[5] !== '-' ? process.argv[5] : null;
    await scanChild(process.argv[3]!, process.argv[4] === 'streets', zipPath, process.argv[6] ?? '');
  } else {
    const result = await benchKbo(Number(process.argv[2] ?? ENTERPRISES));
    process.exitCode = result.runs.every((run) => run.correct && run.maxRssMb <= MEMORY_LIMIT_MB) && result.browser?.correct !== false ? 0 : 1;
  }
}
