/**
 * Finds the establishments on a park in the CBE/KBO open-data extract, without holding the extract in memory.
 *
 * Runs where the files are: in the park manager's browser (a Web Worker reading `File.stream()`), or in Node
 * (`fs.openAsBlob(path)`). Memory grows with the number of matches, not with the extract: the files are read
 * once each, in three passes, and only rows of matched entities are kept.
 *   1. address.csv: establishment (BAET) and registered-office (REGO) addresses on the park: postal code in the
 *      list, and when streets are given, the folded street (NL or FR) in the list; struck-off addresses and
 *      foreign ones are ignored.
 *   2. establishment.csv: the enterprise of each matched establishment, and which REGO-matched enterprises have
 *      establishment units at all. Those are dropped: their activity is where their establishments are (which
 *      may be elsewhere). Only the REGO-matched enterprises are looked up, so no set of all 2 M enterprises.
 *   3. enterprise.csv, denomination.csv, activity.csv, contact.csv: rows of the matched establishments and of
 *      their enterprises only. meta.csv gives the snapshot date.
 *
 * Every file is read exactly once, so a single `ReadableStream` per file is enough; a getter or a Blob/File is
 * accepted too (a Blob also gives the size, for progress). For the downloaded zip, see `openKboZip` (zip.ts).
 *
 * Measured (scripts/bench/kbo.ts, synthetic national extract: 2 M enterprises, 19.9 M rows, 1 GB): 8–11 s in
 * Node 24 and 12–14 s in a Chromium Web Worker on a busy 2-vCPU machine, i.e. 1.5–2.5 M rows/s, with ~130 MB peak
 * RSS in Node (25 MB of heap).
 */
import { foldForSearch } from '../text';
import { detach, readCsv, type CsvProblem, type CsvProblemCode } from './csv';
import { entityKey, entityKind, formatEntityNumber, hasValidEntityChecksum } from './numbers';

export const KBO_FILES = ['meta', 'address', 'establishment', 'enterprise', 'denomination', 'activity', 'contact'] as const;
export type KboFileName = (typeof KBO_FILES)[number];

/** A stream, a function returning a fresh stream, or a Blob/File (anything with `stream()`, and `size` if known). */
export type KboSource =
  | ReadableStream<Uint8Array>
  | (() => ReadableStream<Uint8Array>)
  | { stream(): ReadableStream<Uint8Array>; readonly size?: number };

/** meta.csv and contact.csv may be left out: then no snapshot date, and no contacts. */
export type KboFiles = Record<Exclude<KboFileName, 'meta' | 'contact'>, KboSource> & Partial<Record<'meta' | 'contact', KboSource>>;

export interface KboCriteria {
  /** Belgian postal codes of the park, e.g. ['3001']. */
  postalCodes: readonly string[];
  /** Street names (NL or FR); compared case-, accent- and space-insensitively. Empty or absent: whole postal codes. */
  streets?: readonly string[];
}

export interface KboAddress {
  street: string;
  houseNumber: string;
  box: string | null;
  postalCode: string;
  municipality: string;
}

export type KboContactType = 'TEL' | 'EMAIL' | 'WEB';

export interface KboContact {
  type: KboContactType;
  value: string;
  /** Whose contact it is: the establishment's own, or the enterprise's (used when the establishment has none of that type). */
  of: 'establishment' | 'enterprise';
}

/** One establishment on the park, or an enterprise without establishment units whose registered office is on it. */
export interface KboCandidate {
  /** `2.123.456.789`, or null for an enterprise without establishment units (matched by its registered office). */
  establishmentNumber: string | null;
  /** `0123.456.749` */
  enterpriseNumber: string;
  /** Official name: Dutch (type 001) if there is one, else French, German, English; else the commercial name. */
  name: string;
  /** Commercial name (type 003) of the establishment, else of the enterprise. */
  commercialName: string | null;
  address: KboAddress;
  /** Main NACE-BEL code, dotted as in the company form (`62.010`): of the establishment, else of the enterprise. */
  naceCode: string | null;
  naceVersion: '2008' | '2025' | null;
  /** CBE juridical form code (e.g. `014` public limited company); null for natural persons. */
  juridicalForm: string | null;
  /** CBE TypeOfEnterprise: `1` natural person, `2` legal person. */
  typeOfEnterprise: string | null;
  /** ISO date: start of the establishment unit, or of the enterprise when there is none. */
  startDate: string | null;
  contacts: KboContact[];
}

/** Malformed CSV (see csv.ts), or a value of a row on the park that cannot be used. */
export type KboProblemCode =
  | CsvProblemCode
  | 'invalid_entity_number'
  | 'address_type'
  | 'establishment_missing'
  | 'enterprise_missing'
  | 'invalid_date'
  | 'invalid_nace'
  | 'more_problems';

export interface KboProblem {
  file: KboFileName;
  /** 1-based line in that file (the header is line 1); 0 when the problem is not about one line. */
  line: number;
  code: KboProblemCode;
  /** In English, with the values concerned. */
  message: string;
}

export interface KboProgress {
  pass: 1 | 2 | 3;
  file: KboFileName;
  bytesRead: number;
  /** Known when the source is a Blob/File. */
  totalBytes: number | null;
  rows: number;
}

export interface KboFileStats {
  rows: number;
  bytes: number;
  problems: number;
  ms: number;
  /** Not read because nothing matched on the park. */
  skipped?: true;
}

export interface KboScanResult {
  /** ISO date of the register's snapshot (meta.csv SnapshotDate). */
  snapshotDate: string | null;
  meta: Record<string, string>;
  candidates: KboCandidate[];
  stats: {
    rowsScanned: number;
    byFile: Partial<Record<KboFileName, KboFileStats>>;
    ms: number;
    matched: {
      establishmentAddresses: number;
      registeredOffices: number;
      /** Registered offices on the park of enterprises that have establishment units: not candidates. */
      registeredOfficesWithEstablishments: number;
      /** Addresses on the park ignored because they are struck off. */
      struckOff: number;
    };
  };
  problems: KboProblem[];
}

export interface KboScanOptions {
  onProgress?: (progress: KboProgress) => void;
  /** Minimum time between two progress calls (the last call of each file always comes). Default 100 ms. */
  progressIntervalMs?: number;
  signal?: AbortSignal;
  /** Problems kept per file; further ones are only counted. Default 100. */
  maxProblemsPerFile?: number;
}

/** The files do not look like the CBE extract (a required column is missing): nothing sensible can be found. */
export class KboFormatError extends Error {
  constructor(
    readonly file: KboFileName,
    message: string,
  ) {
    super(`${file}.csv: ${message}`);
    this.name = 'KboFormatError';
  }
}

const COLUMNS = {
  meta: ['Variable', 'Value'],
  address: ['EntityNumber', 'TypeOfAddress', 'CountryNL', 'Zipcode', 'MunicipalityNL', 'MunicipalityFR', 'StreetNL', 'StreetFR', 'HouseNumber', 'Box', 'DateStrikingOff'],
  establishment: ['EstablishmentNumber', 'StartDate', 'EnterpriseNumber'],
  enterprise: ['EnterpriseNumber', 'TypeOfEnterprise', 'JuridicalForm', 'StartDate'],
  denomination: ['EntityNumber', 'Language', 'TypeOfDenomination', 'Denomination'],
  activity: ['EntityNumber', 'ActivityGroup', 'NaceVersion', 'NaceCode', 'Classification'],
  contact: ['EntityNumber', 'ContactType', 'Value'],
} as const satisfies Record<KboFileName, readonly string[]>;

type Columns<F extends KboFileName> = Record<(typeof COLUMNS)[F][number], number>;

/** Denomination languages in order of preference: NL, FR, DE, EN, then anything else (0 = unknown). */
const LANGUAGE_RANK: Record<string, number> = { '2': 0, '1': 1, '3': 2, '4': 3 };

interface Denomination {
  language: string;
  type: string;
  value: string;
}
interface MainActivity {
  group: string;
  version: '2008' | '2025';
  code: string;
}
interface EntityRows {
  denominations: Denomination[];
  mainActivities: MainActivity[];
  contacts: { type: KboContactType; value: string }[];
}
interface EnterpriseRow {
  typeOfEnterprise: string;
  juridicalForm: string;
  startDate: string;
  line: number;
}
interface AddressMatch {
  address: KboAddress;
  line: number;
}

function openSource(source: KboSource): { stream: ReadableStream<Uint8Array>; size: number | null } {
  if (typeof source === 'function') return { stream: source(), size: null };
  if ('getReader' in source) return { stream: source, size: null };
  return { stream: source.stream(), size: typeof source.size === 'number' ? source.size : null };
}

/** Collapses runs of white space: the register has the odd double or trailing space. */
const clean = (value: string) => value.replace(/\s+/g, ' ').trim();

/** `dd-mm-yyyy` → `yyyy-mm-dd`; null when empty or not such a date. */
export function isoDate(value: string): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (!m) return null;
  const [, d, mo, y] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${mo}-${d}`;
}

/** NACE-BEL code as written in the company form: `62010` → `62.010`, `0111` → `01.11`, `01` → `01`. */
export function dottedNace(code: string): string {
  const digits = code.replace(/\D/g, '');
  return digits.length <= 2 ? digits : `${digits.slice(0, 2)}.${digits.slice(2)}`;
}

function pickDenomination(rows: readonly Denomination[] | undefined, type: string): string | null {
  let best: Denomination | null = null;
  let bestRank = Infinity;
  for (const row of rows ?? []) {
    if (row.type !== type || row.value.trim() === '') continue;
    const rank = LANGUAGE_RANK[row.language] ?? 9;
    if (rank < bestRank) {
      best = row;
      bestRank = rank;
    }
  }
  return best ? clean(best.value) : null;
}

/** The MAIN activity: NACE 2025 over 2008, then the lowest activity group (001 VAT before 003 social security). */
function pickMainActivity(rows: readonly MainActivity[] | undefined): MainActivity | null {
  let best: MainActivity | null = null;
  for (const row of rows ?? []) {
    if (!best || (row.version === '2025' && best.version === '2008') || (row.version === best.version && row.group < best.group)) best = row;
  }
  return best;
}

function compareHouseNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'nl', { numeric: true });
}

/** Scans a CBE/KBO open-data extract for the establishments on a park. See the file comment for the passes. */
export async function scanExtract(files: KboFiles, criteria: KboCriteria, options: KboScanOptions = {}): Promise<KboScanResult> {
  const postalCodes = new Set(criteria.postalCodes.map((code) => code.trim()).filter((code) => code !== ''));
  if (postalCodes.size === 0) throw new TypeError('scanExtract: give at least one postal code');
  const started = performance.now();
  const maxProblems = options.maxProblemsPerFile ?? 100;
  const intervalMs = options.progressIntervalMs ?? 100;
  const problems: KboProblem[] = [];
  const byFile: Partial<Record<KboFileName, KboFileStats>> = {};
  const problemCount: Partial<Record<KboFileName, number>> = {};

  const report = (file: KboFileName, line: number, code: KboProblemCode, message: string) => {
    const count = (problemCount[file] = (problemCount[file] ?? 0) + 1);
    if (count <= maxProblems) problems.push({ file, line, code, message });
  };

  /** Reads one file, resolving its columns from the header; `onRow` gets the fields and the line number. */
  async function read<F extends KboFileName>(
    pass: 1 | 2 | 3,
    file: F,
    onRow: (fields: string[], line: number, columns: Columns<F>) => void,
  ): Promise<void> {
    const source = files[file];
    if (!source) return;
    const t0 = performance.now();
    const { stream, size } = openSource(source);
    const columns = {} as Columns<F>;
    let rows = 0;
    let lastProgress = 0;
    const progress = (bytesRead: number, force: boolean) => {
      if (!options.onProgress) return;
      const now = performance.now();
      if (!force && now - lastProgress < intervalMs) return;
      lastProgress = now;
      options.onProgress({ pass, file, bytesRead, totalBytes: size, rows });
    };
    const summary = await readCsv(
      stream,
      (fields, line) => {
        rows++;
        onRow(fields, line, columns);
      },
      {
        signal: options.signal,
        onHeader: (header) => {
          for (const name of COLUMNS[file]) {
            const index = header.indexOf(name);
            if (index === -1) throw new KboFormatError(file, `no column "${name}" in the header (${header.slice(0, 8).join(', ')})`);
            columns[name as keyof Columns<F>] = index;
          }
        },
        onProblem: (problem: CsvProblem) => report(file, problem.line, problem.code, problem.message),
        onProgress: (bytes) => progress(bytes, false),
      },
    );
    if (summary.header.length === 0) throw new KboFormatError(file, 'the file is empty');
    progress(summary.bytes, true);
    byFile[file] = { rows: summary.records, bytes: summary.bytes, problems: problemCount[file] ?? 0, ms: Math.round(performance.now() - t0) };
  }

  // meta.csv: a few variables, SnapshotDate among them.
  const meta: Record<string, string> = {};
  await read(1, 'meta', (f, _line, c) => {
    meta[detach(f[c.Variable]!)] = detach(f[c.Value]!);
  });

  // Pass 1: addresses on the park.
  const folded = (criteria.streets ?? []).map(foldForSearch).filter((street) => street !== '');
  const streets = folded.length > 0 ? new Set(folded) : null;
  const establishmentAddress = new Map<number, AddressMatch>();
  const officeAddress = new Map<number, AddressMatch>();
  let struckOff = 0;
  await read(1, 'address', (f, line, c) => {
    if (!postalCodes.has(f[c.Zipcode]!)) return;
    const country = f[c.CountryNL]!;
    if (country !== '' && foldForSearch(country) !== 'belgie') return;
    const streetNl = f[c.StreetNL]!;
    const streetFr = f[c.StreetFR]!;
    if (streets && !streets.has(foldForSearch(streetNl)) && !streets.has(foldForSearch(streetFr))) return;
    if (f[c.DateStrikingOff] !== '') {
      struckOff++;
      return;
    }
    const type = f[c.TypeOfAddress]!;
    if (type !== 'BAET' && type !== 'REGO') return; // ABBR: branch of a foreign entity
    const key = entityKey(f[c.EntityNumber]!);
    if (key < 0 || !hasValidEntityChecksum(key)) {
      report('address', line, 'invalid_entity_number', `invalid entity number "${f[c.EntityNumber]}"`);
      return;
    }
    const kind = entityKind(key);
    const target = type === 'BAET' && kind === 'establishment' ? establishmentAddress : type === 'REGO' && kind === 'enterprise' ? officeAddress : null;
    if (!target) {
      report('address', line, 'address_type', `${type} address for ${kind ?? 'unknown'} number ${f[c.EntityNumber]}`);
      return;
    }
    if (target.has(key)) return;
    const box = f[c.Box]!.trim();
    target.set(key, {
      line,
      address: {
        street: detach(clean(streetNl || streetFr)),
        houseNumber: detach(clean(f[c.HouseNumber]!)),
        box: box === '' ? null : detach(box),
        postalCode: detach(f[c.Zipcode]!),
        municipality: detach(clean(f[c.MunicipalityNL] || f[c.MunicipalityFR]!)),
      },
    });
  });

  // Pass 2: enterprise of each matched establishment; registered offices of enterprises with establishments.
  const establishmentOf = new Map<number, { enterprise: number; startDate: string }>();
  const officesWithEstablishments = new Set<number>();
  await read(2, 'establishment', (f, line, c) => {
    const establishment = entityKey(f[c.EstablishmentNumber]!);
    const matched = establishmentAddress.has(establishment);
    if (!matched && officeAddress.size === 0) return;
    const enterprise = entityKey(f[c.EnterpriseNumber]!);
    if (officeAddress.has(enterprise)) officesWithEstablishments.add(enterprise);
    if (!matched) return;
    if (enterprise < 0 || entityKind(enterprise) !== 'enterprise') {
      report('establishment', line, 'invalid_entity_number', `invalid enterprise number "${f[c.EnterpriseNumber]}" for establishment ${f[c.EstablishmentNumber]}`);
      return;
    }
    const startDate = f[c.StartDate]!;
    if (startDate !== '' && isoDate(startDate) === null) report('establishment', line, 'invalid_date', `invalid start date "${startDate}"`);
    establishmentOf.set(establishment, { enterprise, startDate: isoDate(startDate) ?? '' });
  });
  for (const [key, match] of establishmentAddress) {
    if (!establishmentOf.has(key)) report('address', match.line, 'establishment_missing', `establishment ${formatEntityNumber(key)} has an address on the park but is not in establishment.csv`);
  }

  // The candidates' entities: establishments with their enterprise, and enterprises without establishments.
  const wanted = new Map<number, EntityRows>();
  const enterprises = new Map<number, EnterpriseRow | null>();
  const want = (key: number) => wanted.set(key, { denominations: [], mainActivities: [], contacts: [] });
  for (const [key, { enterprise }] of establishmentOf) {
    want(key);
    want(enterprise);
    enterprises.set(enterprise, null);
  }
  for (const key of officeAddress.keys()) {
    if (officesWithEstablishments.has(key)) continue;
    want(key);
    enterprises.set(key, null);
  }

  // Pass 3: only rows of those entities.
  const third: KboFileName[] = ['enterprise', 'denomination', 'activity', 'contact'];
  if (wanted.size === 0) {
    for (const file of third) if (files[file]) byFile[file] = { rows: 0, bytes: 0, problems: 0, ms: 0, skipped: true };
  } else {
    await read(3, 'enterprise', (f, line, c) => {
      const key = entityKey(f[c.EnterpriseNumber]!);
      if (!enterprises.has(key)) return;
      enterprises.set(key, {
        typeOfEnterprise: detach(f[c.TypeOfEnterprise]!),
        juridicalForm: detach(f[c.JuridicalForm]!),
        startDate: detach(f[c.StartDate]!),
        line,
      });
    });
    await read(3, 'denomination', (f, _line, c) => {
      const rows = wanted.get(entityKey(f[c.EntityNumber]!));
      if (rows) rows.denominations.push({ language: detach(f[c.Language]!), type: detach(f[c.TypeOfDenomination]!), value: detach(f[c.Denomination]!) });
    });
    await read(3, 'activity', (f, line, c) => {
      if (f[c.Classification] !== 'MAIN') return;
      const version = f[c.NaceVersion];
      if (version !== '2008' && version !== '2025') return;
      const rows = wanted.get(entityKey(f[c.EntityNumber]!));
      if (!rows) return;
      const code = f[c.NaceCode]!;
      if (!/^\d{2,5}$/.test(code)) {
        report('activity', line, 'invalid_nace', `invalid NACE code "${code}"`);
        return;
      }
      rows.mainActivities.push({ group: detach(f[c.ActivityGroup]!), version, code: detach(code) });
    });
    await read(3, 'contact', (f, _line, c) => {
      const type = f[c.ContactType];
      if (type !== 'TEL' && type !== 'EMAIL' && type !== 'WEB') return;
      const rows = wanted.get(entityKey(f[c.EntityNumber]!));
      const value = f[c.Value]!.trim();
      if (rows && value !== '') rows.contacts.push({ type, value: detach(value) });
    });
  }

  // Assemble.
  const candidates: KboCandidate[] = [];
  const missingEnterprises = new Set<number>();
  const build = (establishment: number | null, enterprise: number, address: KboAddress, establishmentStart: string | null): KboCandidate => {
    const own = establishment === null ? undefined : wanted.get(establishment);
    const parent = wanted.get(enterprise);
    const enterpriseRow = enterprises.get(enterprise) ?? null;
    if (!enterpriseRow && !missingEnterprises.has(enterprise)) {
      missingEnterprises.add(enterprise);
      report('enterprise', 0, 'enterprise_missing', `enterprise ${formatEntityNumber(enterprise)} is not in enterprise.csv`);
    }
    const commercialName = pickDenomination(own?.denominations, '003') ?? pickDenomination(parent?.denominations, '003');
    const name =
      pickDenomination(parent?.denominations, '001') ?? commercialName ?? pickDenomination(parent?.denominations, '002') ?? formatEntityNumber(enterprise);
    const main = pickMainActivity(own?.mainActivities.length ? own.mainActivities : parent?.mainActivities);
    const contacts: KboContact[] = [];
    for (const type of ['TEL', 'EMAIL', 'WEB'] as const) {
      const mine = own?.contacts.filter((contact) => contact.type === type) ?? [];
      const source = mine.length > 0 ? mine : (parent?.contacts.filter((contact) => contact.type === type) ?? []);
      const of = mine.length > 0 ? 'establishment' : 'enterprise';
      for (const contact of source) if (!contacts.some((c) => c.type === type && c.value === contact.value)) contacts.push({ type, value: contact.value, of });
    }
    let startDate = establishmentStart;
    if (establishment === null && enterpriseRow) {
      startDate = isoDate(enterpriseRow.startDate);
      if (startDate === null && enterpriseRow.startDate !== '') report('enterprise', enterpriseRow.line, 'invalid_date', `invalid start date "${enterpriseRow.startDate}"`);
    }
    return {
      establishmentNumber: establishment === null ? null : formatEntityNumber(establishment),
      enterpriseNumber: formatEntityNumber(enterprise),
      name,
      commercialName,
      address,
      naceCode: main ? dottedNace(main.code) : null,
      naceVersion: main?.version ?? null,
      juridicalForm: enterpriseRow?.juridicalForm || null,
      typeOfEnterprise: enterpriseRow?.typeOfEnterprise || null,
      startDate: startDate || null,
      contacts,
    };
  };
  for (const [key, { enterprise, startDate }] of establishmentOf) {
    candidates.push(build(key, enterprise, establishmentAddress.get(key)!.address, startDate || null));
  }
  for (const [key, match] of officeAddress) {
    if (!officesWithEstablishments.has(key)) candidates.push(build(null, key, match.address, null));
  }
  candidates.sort(
    (a, b) =>
      a.address.postalCode.localeCompare(b.address.postalCode) ||
      foldForSearch(a.address.street).localeCompare(foldForSearch(b.address.street)) ||
      compareHouseNumbers(a.address.houseNumber, b.address.houseNumber) ||
      compareHouseNumbers(a.address.box ?? '', b.address.box ?? '') ||
      a.enterpriseNumber.localeCompare(b.enterpriseNumber) ||
      (a.establishmentNumber ?? '').localeCompare(b.establishmentNumber ?? ''),
  );

  for (const file of KBO_FILES) {
    const count = problemCount[file] ?? 0;
    if (count > maxProblems) problems.push({ file, line: 0, code: 'more_problems', message: `${count - maxProblems} more problems not listed` });
    const stats = byFile[file];
    if (stats) stats.problems = count;
  }
  const rowsScanned = Object.values(byFile).reduce((sum, stats) => sum + (stats?.rows ?? 0), 0);
  return {
    snapshotDate: isoDate(meta.SnapshotDate ?? ''),
    meta,
    candidates,
    stats: {
      rowsScanned,
      byFile,
      ms: Math.round(performance.now() - started),
      matched: {
        establishmentAddresses: establishmentAddress.size,
        registeredOffices: officeAddress.size,
        registeredOfficesWithEstablishments: officesWithEstablishments.size,
        struckOff,
      },
    },
    problems,
  };
}
