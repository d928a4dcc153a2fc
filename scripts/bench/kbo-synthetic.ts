/**
 * A synthetic CBE/KBO open-data extract for the bench: the seven CSV files with the real columns and quoting,
 * national proportions, and a park (postal code 3001, three streets) with ~2,000 establishments planted on it.
 * Deterministic (seeded PRNG): the same size gives the same files. Written to `.bench/kbo-<n>/` (git-ignored),
 * streamed to disk, and reused while `plan.json` (written last) matches the generator's version.
 *
 * Proportions per enterprise: 40% have establishment units (1.2 on average); ~2 denominations; ~5 activity
 * rows; a registered-office address for every enterprise and an address for every establishment; a few contacts.
 * Planted on the park, and counted so the bench can check the scan:
 *   - establishments on the three park streets (some written in capitals or with double spaces)  → candidates
 *   - enterprises without establishment units whose registered office is on a park street        → candidates
 *   - registered offices on the park of enterprises whose establishments are elsewhere            → not candidates
 *   - establishments whose park address is struck off (their current address is elsewhere)         → not candidates
 *   - establishments on other streets of 3001                                                     → only without a street filter
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KBO_FILES, type KboFileName } from '../../shared/kbo/extract';

const VERSION = 3;
const REPO_ROOT = resolve(import.meta.dirname, '../..');

export const PARK = {
  postalCode: '3001',
  municipality: 'Leuven',
  streets: ['Interleuvenlaan', 'Romeinse Straat', 'Kapeldreef'],
  otherStreets: ['Tervuursesteenweg', 'Naamsesteenweg', 'Celestijnenlaan'],
} as const;

export interface SyntheticPlan {
  version: number;
  enterprises: number;
  seed: number;
  rows: Record<KboFileName, number>;
  bytes: Record<KboFileName, number>;
  planted: {
    establishmentsOnPark: number;
    officesOnlyOnPark: number;
    officesWithEstablishmentsElsewhere: number;
    struckOffOnPark: number;
    otherStreetsOf3001: number;
  };
  /** Establishment or enterprise numbers the scan with the park's streets must return. */
  expected: string[];
  /** How many the scan of the whole postal code (no street filter) must return. */
  expectedWithoutStreets: number;
  generatedMs: number;
}

/** sfc32: small, fast, seedable; plenty for test data. */
function prng(seed: number) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Buffered line writer with back-pressure: memory stays at one buffer per file. */
class LineWriter {
  private lines: string[] = [];
  private stream: WriteStream;
  rows = 0;
  constructor(path: string, header: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.lines.push(header);
  }
  async add(line: string) {
    this.lines.push(line);
    this.rows++;
    if (this.lines.length >= 8192) await this.flush();
  }
  async flush() {
    if (this.lines.length === 0) return;
    const ok = this.stream.write(`${this.lines.join('\n')}\n`);
    this.lines = [];
    if (!ok) await new Promise<void>((resolveDrain) => this.stream.once('drain', resolveDrain));
  }
  async close() {
    await this.flush();
    await new Promise<void>((resolveEnd, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolveEnd())));
  }
}

const HEADERS: Record<KboFileName, string[]> = {
  meta: ['Variable', 'Value'],
  enterprise: ['EnterpriseNumber', 'Status', 'JuridicalSituation', 'TypeOfEnterprise', 'JuridicalForm', 'JuridicalFormCAC', 'StartDate'],
  establishment: ['EstablishmentNumber', 'StartDate', 'EnterpriseNumber'],
  denomination: ['EntityNumber', 'Language', 'TypeOfDenomination', 'Denomination'],
  address: ['EntityNumber', 'TypeOfAddress', 'CountryNL', 'CountryFR', 'Zipcode', 'MunicipalityNL', 'MunicipalityFR', 'StreetNL', 'StreetFR', 'HouseNumber', 'Box', 'ExtraAddressInfo', 'DateStrikingOff'],
  activity: ['EntityNumber', 'ActivityGroup', 'NaceVersion', 'NaceCode', 'Classification'],
  contact: ['EntityNumber', 'EntityContact', 'ContactType', 'Value'],
};

const q = (value: string) => `"${value.replaceAll('"', '""')}"`;
const row = (...values: string[]) => values.map(q).join(',');

const STREET_WORDS = ['Kerk', 'Stations', 'Molen', 'School', 'Dorps', 'Nieuw', 'Hoog', 'Kapel', 'Linden', 'Beuken', 'Veld', 'Industrie', 'Haven', 'Brug', 'Markt', 'Zand', 'Berg', 'Bos', 'Meers', 'Vaart'];
const STREET_KINDS = ['straat', 'laan', 'weg', 'dreef', 'plein', 'steenweg'];
const NAME_WORDS = ['Van den Broeck', 'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Hermans', 'Aerts'];
const NAME_KINDS = ['Bouw', 'Logistics', 'Techniek', 'Consult', 'Metaal', 'Food', 'Design', 'Transport', 'Energie', 'Solutions', 'Motors', 'Print'];
const FORMS = ['014', '015', '610', '030', '017', '012', '016'];
const NACE_2008 = ['62010', '47110', '46900', '41201', '49410', '70220', '56101', '43320', '25620', '10711', '69201', '71121', '45113', '82990'];
const NACE_2025 = ['62100', '47111', '46900', '41000', '49410', '70200', '56110', '43320', '25620', '10710', '69200', '71120', '45110', '82990'];

const pad2 = (n: number) => String(n).padStart(2, '0');
function formatEnterprise(body: number) {
  const d = String(body * 100 + (97 - (body % 97))).padStart(10, '0');
  return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}
function formatEstablishment(body: number) {
  const d = String(body * 100 + (97 - (body % 97)));
  return `${d.slice(0, 1)}.${d.slice(1, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}

export function syntheticDir(enterprises: number): string {
  return join(REPO_ROOT, '.bench', `kbo-${enterprises}`);
}

export function readPlan(dir: string): SyntheticPlan | null {
  const path = join(dir, 'plan.json');
  if (!existsSync(path)) return null;
  const plan = JSON.parse(readFileSync(path, 'utf8')) as SyntheticPlan;
  if (plan.version !== VERSION) return null;
  for (const file of KBO_FILES) if (!existsSync(join(dir, `${file}.csv`)) || statSync(join(dir, `${file}.csv`)).size !== plan.bytes[file]) return null;
  return plan;
}

/** Generates the extract unless an up-to-date one is there. `parkEstablishments` is the target on the park streets. */
export async function ensureSyntheticExtract(
  enterprises: number,
  options: { parkEstablishments?: number; seed?: number; log?: (line: string) => void } = {},
): Promise<{ dir: string; plan: SyntheticPlan; generated: boolean }> {
  const dir = syntheticDir(enterprises);
  const existing = readPlan(dir);
  if (existing) return { dir, plan: existing, generated: false };
  const started = performance.now();
  const seed = options.seed ?? 4;
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const date = () => `${pad2(int(1, 28))}-${pad2(int(1, 12))}-${int(1960, 2025)}`;

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = Object.fromEntries(KBO_FILES.map((file) => [file, new LineWriter(join(dir, `${file}.csv`), row(...HEADERS[file]))])) as Record<KboFileName, LineWriter>;

  // Probabilities that give the targets on the park for this many enterprises.
  const establishmentsTotal = enterprises * 0.4 * 1.2;
  const parkTarget = options.parkEstablishments ?? 2000;
  const pEstablishmentOnPark = (parkTarget * 0.9) / establishmentsTotal;
  const pOfficeOnlyOnPark = (parkTarget * 0.1) / (enterprises * 0.6);
  const pOfficeDecoy = (parkTarget * 0.15) / (enterprises * 0.4);
  const pStruckOff = (parkTarget * 0.05) / establishmentsTotal;
  const pOtherStreet = (parkTarget * 1.5) / establishmentsTotal;
  const planted = { establishmentsOnPark: 0, officesOnlyOnPark: 0, officesWithEstablishmentsElsewhere: 0, struckOffOnPark: 0, otherStreetsOf3001: 0 };
  const expected: string[] = [];

  /** A park street, sometimes written the way registers do: capitals, double spaces. */
  const parkStreet = () => {
    const street = pick(PARK.streets);
    const r = rand();
    return r < 0.05 ? street.toUpperCase() : r < 0.08 ? street.replace(' ', '  ') : street;
  };
  const elsewhere = () => {
    let postal = int(1000, 9992);
    if (postal === 3001) postal = 3000;
    return { postal, street: `${pick(STREET_WORDS)}${pick(STREET_KINDS)}` };
  };
  const address = (entity: string, type: string, postal: string | number, street: string, struckOff = '') =>
    row(entity, type, '', '', String(postal), `Gemeente ${postal}`, `Commune ${postal}`, street, street, String(int(1, 300)), rand() < 0.1 ? String(int(1, 20)) : '', '', struckOff);
  const activities = async (entity: string, count: number) => {
    const k = int(0, NACE_2008.length - 1);
    await out.activity.add(row(entity, '001', '2008', NACE_2008[k]!, 'MAIN'));
    if (count > 1) await out.activity.add(row(entity, '001', '2025', NACE_2025[k]!, 'MAIN'));
    for (let i = 2; i < count; i++) {
      const j = int(0, NACE_2008.length - 1);
      const v2025 = rand() < 0.5;
      await out.activity.add(row(entity, rand() < 0.7 ? '001' : '003', v2025 ? '2025' : '2008', (v2025 ? NACE_2025 : NACE_2008)[j]!, rand() < 0.8 ? 'SECO' : 'ANCI'));
    }
  };

  await out.meta.add(row('SnapshotDate', '01-11-2026'));
  await out.meta.add(row('ExtractTimestamp', '02-11-2026 07:14:21'));
  await out.meta.add(row('ExtractType', 'full'));
  await out.meta.add(row('ExtractNumber', '190'));
  await out.meta.add(row('Version', '1.0.0'));

  let establishmentBody = 20_000_000;
  let expectedWithoutStreets = 0;
  const tick = Math.max(1, Math.floor(enterprises / 10));
  for (let i = 0; i < enterprises; i++) {
    if (i > 0 && i % tick === 0) options.log?.(`  generating: ${Math.round((i / enterprises) * 100)}%`);
    const number = formatEnterprise(2_000_000 + i * 8);
    const natural = rand() < 0.6;
    await out.enterprise.add(row(number, 'AC', '000', natural ? '1' : '2', natural ? '' : pick(FORMS), '', date()));

    // Names: ~2 per enterprise.
    const base = `${pick(NAME_WORDS)} ${pick(NAME_KINDS)}`;
    const quoted = rand() < 0.01 ? `${base} "${pick(NAME_KINDS)}", ${pick(NAME_WORDS)}` : base;
    const french = rand() < 0.25;
    await out.denomination.add(row(number, french ? '1' : '2', '001', natural ? base : `${quoted} ${french ? 'SA' : 'NV'}`));
    if (rand() < 0.5) await out.denomination.add(row(number, french ? '2' : '1', '001', `${base} ${french ? 'NV' : 'SA'}`));
    if (rand() < 0.3) await out.denomination.add(row(number, '2', '003', `${pick(NAME_KINDS)} ${pick(NAME_WORDS)}`));
    if (rand() < 0.1) await out.denomination.add(row(number, '2', '002', base.slice(0, 3).toUpperCase()));
    await activities(number, int(2, 7));
    if (rand() < 0.25) await out.contact.add(row(number, 'ENT', pick(['TEL', 'EMAIL', 'WEB']), `contact${i}@example.be`));

    const establishments = rand() < 0.4 ? (rand() < 0.2 ? 2 : 1) : 0;

    // Registered office.
    if (establishments === 0 && rand() < pOfficeOnlyOnPark) {
      await out.address.add(address(number, 'REGO', PARK.postalCode, parkStreet()));
      planted.officesOnlyOnPark++;
      expected.push(number);
      expectedWithoutStreets++;
    } else if (establishments > 0 && rand() < pOfficeDecoy) {
      await out.address.add(address(number, 'REGO', PARK.postalCode, parkStreet()));
      planted.officesWithEstablishmentsElsewhere++;
    } else {
      const at = elsewhere();
      await out.address.add(address(number, 'REGO', at.postal, at.street));
    }

    for (let e = 0; e < establishments; e++) {
      const establishment = formatEstablishment(establishmentBody);
      establishmentBody += 61;
      await out.establishment.add(row(establishment, date(), number));
      const r = rand();
      if (r < pEstablishmentOnPark) {
        await out.address.add(address(establishment, 'BAET', PARK.postalCode, parkStreet()));
        planted.establishmentsOnPark++;
        expected.push(establishment);
        expectedWithoutStreets++;
      } else if (r < pEstablishmentOnPark + pStruckOff) {
        await out.address.add(address(establishment, 'BAET', PARK.postalCode, parkStreet(), date()));
        const at = elsewhere();
        await out.address.add(address(establishment, 'BAET', at.postal, at.street));
        planted.struckOffOnPark++;
      } else if (r < pEstablishmentOnPark + pStruckOff + pOtherStreet) {
        await out.address.add(address(establishment, 'BAET', PARK.postalCode, pick(PARK.otherStreets)));
        planted.otherStreetsOf3001++;
        expectedWithoutStreets++;
      } else {
        const at = elsewhere();
        await out.address.add(address(establishment, 'BAET', at.postal, at.street));
      }
      if (rand() < 0.1) await out.denomination.add(row(establishment, '2', '003', `${pick(NAME_KINDS)} ${pick(NAME_WORDS)}`));
      if (rand() < 0.5) await activities(establishment, 1);
      if (rand() < 0.05) await out.contact.add(row(establishment, 'EST', 'TEL', `016 ${int(10, 99)} ${int(10, 99)} ${int(10, 99)}`));
    }
  }
  await Promise.all(KBO_FILES.map((file) => out[file].close()));

  const plan: SyntheticPlan = {
    version: VERSION,
    enterprises,
    seed,
    rows: Object.fromEntries(KBO_FILES.map((file) => [file, out[file].rows])) as Record<KboFileName, number>,
    bytes: Object.fromEntries(KBO_FILES.map((file) => [file, statSync(join(dir, `${file}.csv`)).size])) as Record<KboFileName, number>,
    planted,
    expected,
    expectedWithoutStreets,
    generatedMs: Math.round(performance.now() - started),
  };
  writeFileSync(join(dir, 'plan.json'), `${JSON.stringify(plan, null, 1)}\n`);
  return { dir, plan, generated: true };
}

/**
 * The extract zipped the way it is downloaded (deflate, level 1 to keep it quick), made with Info-ZIP's `zip`;
 * null when `zip` is not installed. Reused while it is newer than plan.json.
 */
export function ensureSyntheticZip(dir: string): { path: string; generatedMs: number | null; bytes: number } | null {
  const path = join(dir, 'extract.zip');
  if (existsSync(path) && statSync(path).mtimeMs > statSync(join(dir, 'plan.json')).mtimeMs) return { path, generatedMs: null, bytes: statSync(path).size };
  const started = performance.now();
  rmSync(path, { force: true });
  const result = spawnSync('zip', ['-1', '-q', '-j', path, ...KBO_FILES.map((file) => join(dir, `${file}.csv`))], { stdio: 'ignore' });
  if (result.error || result.status !== 0) return null;
  return { path, generatedMs: Math.round(performance.now() - started), bytes: statSync(path).size };
}

// `npx tsx scripts/bench/kbo-synthetic.ts [enterprises]`: generate only.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 2_000_000);
  const { dir, plan, generated } = await ensureSyntheticExtract(n, { log: console.log });
  console.log(`${generated ? 'Generated' : 'Reused'} ${dir} in ${(plan.generatedMs / 1000).toFixed(1)} s: ${JSON.stringify(plan.rows)}; ${plan.expected.length} expected candidates`);
}
