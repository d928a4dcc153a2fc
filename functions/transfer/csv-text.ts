import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CsvSeparator } from '../../shared/index';

/**
 * Reading and writing the CSV text itself, with the node-csv parser and stringifier. What this module adds:
 * separator detection, line numbers as a spreadsheet shows them, and recovery from a broken line (a stray quote
 * swallows the lines after it in any CSV parser): the broken record is reported and reading resumes on the next
 * line, so one typo costs one line, not the rest of the file.
 */

export const BOM = '\uFEFF';
const DELIMITER: Record<CsvSeparator, string> = { comma: ',', semicolon: ';' };

export type CsvRow = {
  /** The row as a spreadsheet numbers it (the header row is 1; a quoted value spanning lines is still one row). */
  line: number;
  cells: string[];
};
export type BrokenRow = { line: number; code: 'csv_broken_line'; detail: string };
export type CsvTable = {
  separator: CsvSeparator;
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  broken: BrokenRow[];
  /** Reading stopped early: too many broken lines to be a CSV file worth reading on. */
  gaveUp: boolean;
};

/** Beyond this many broken lines the file is not a CSV of ours (a spreadsheet saved in another format, say). */
const MAX_BROKEN = 20;

/** `,` or `;`: whichever occurs more often outside quotes in the first line; a comma when neither does. */
export function detectSeparator(text: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? 'semicolon' : 'comma';
}

export const stripBom = (text: string) => (text.startsWith(BOM) ? text.slice(1) : text);

/** Offsets of the first character of each physical line (index 0 is line 1). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

type Parsed = { cells: string[]; endLine: number };

/**
 * Parses `text` from physical line `fromLine` on, until the end or the first malformed record. Records before the
 * error are kept; the error tells which physical line the malformed record started on.
 */
function parseFrom(text: string, starts: number[], fromLine: number, delimiter: string): { records: Parsed[]; error?: { startLine: number; detail: string } } {
  const records: Parsed[] = [];
  const offset = fromLine - 1;
  try {
    parse(text.slice(starts[offset] ?? text.length), {
      delimiter,
      relax_column_count: true,
      // No relax_quotes: it would let a stray quote swallow the following lines without a word.
      skip_empty_lines: false,
      on_record: (record: string[], context) => {
        records.push({ cells: record, endLine: context.lines + offset });
        return null;
      },
    });
    return { records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const startLine = (records.at(-1)?.endLine ?? offset) + 1;
    return { records, error: { startLine, detail: error.code } };
  }
}

/** Reads a whole file: BOM stripped, separator detected, every record with its spreadsheet row number. */
export function readCsv(input: string): CsvTable {
  // One kind of line end: the parser counts a CR LF inside a quoted value as two lines.
  const text = stripBom(input).replace(/\r\n?/g, '\n');
  const separator = detectSeparator(text);
  const delimiter = DELIMITER[separator];
  const starts = lineStarts(text);
  const all: ({ kind: 'record' } & Parsed | { kind: 'broken'; startLine: number; detail: string })[] = [];
  let fromLine = 1;
  let brokenCount = 0;
  let gaveUp = false;
  while (fromLine <= starts.length) {
    const { records, error } = parseFrom(text, starts, fromLine, delimiter);
    all.push(...records.map((record) => ({ kind: 'record' as const, ...record })));
    if (!error) break;
    all.push({ kind: 'broken', startLine: error.startLine, detail: error.detail });
    if (++brokenCount >= MAX_BROKEN) {
      gaveUp = true;
      break;
    }
    fromLine = error.startLine + 1;
  }

  // Spreadsheet rows: one per record (blank lines included), one per broken line.
  const rows: CsvRow[] = [];
  const broken: BrokenRow[] = [];
  let header: string[] | null = null;
  let headerLine = 1;
  let line = 0;
  for (const entry of all) {
    line += 1;
    if (entry.kind === 'broken') {
      broken.push({ line, code: 'csv_broken_line', detail: entry.detail });
      continue;
    }
    const blank = entry.cells.every((cell) => cell.trim() === '');
    if (header === null) {
      if (blank) continue; // blank lines before the header
      header = entry.cells.map((cell) => cell.trim());
      headerLine = line;
      continue;
    }
    if (!blank) rows.push({ line, cells: entry.cells });
  }
  return { separator, header: header ?? [], headerLine, rows, broken, gaveUp };
}

/**
 * A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula ("CSV injection"). Such values are
 * written with a leading apostrophe, which Excel shows as text; phone numbers (`+32 16 …`) and plain negative
 * numbers stay as they are. {@link unprotectCell} takes the apostrophe off again on import.
 */
export function protectCell(value: string): string {
  if (/^[=@\t\r]/.test(value)) return `'${value}`;
  if (/^[+-]/.test(value) && !/^[+-][\d\s./()-]*$/.test(value)) return `'${value}`;
  return value;
}

export function unprotectCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** The file as Excel opens it right: BOM, the chosen separator, CRLF line ends, quotes only where needed. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[], separator: CsvSeparator): string {
  const body = stringify([header, ...rows.map((row) => row.map(protectCell))], {
    delimiter: DELIMITER[separator],
    record_delimiter: 'windows',
    // The stringifier quotes only what contains the record delimiter (CR LF): a bare line break needs it too.
    quoted_match: /[\r\n]/,
  });
  return BOM + body;
}
