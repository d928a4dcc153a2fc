/**
 * Streaming reader for the CSV files of the CBE/KBO open-data extract: comma-separated, every field
 * double-quoted (`""` escapes a quote), a header row, CRLF or LF line ends, UTF-8 (a BOM is dropped).
 * Unquoted fields are accepted too. Works on a Web `ReadableStream<Uint8Array>` with no Node-only API, so the
 * same code runs in a browser Web Worker (`File.stream()`) and in Node (`fs.openAsBlob(path).stream()`).
 *
 * A malformed record does not stop the file: it is reported with the line number where it starts (the header
 * is line 1) and reading resumes at the next line. Malformed means: a record with a different number of fields
 * than the header, a character other than `,` or a line end after a closing quote (a stray quote, or a field
 * whose closing quote is missing), a quote inside an unquoted field, or a quoted field still open at the end of
 * the file or after `maxRecordChars` characters. A quoted field may span lines (RFC 4180); line numbers count
 * those lines.
 *
 * Why hand-written (measured on this machine, Node 24, one core, 2,000,000 activity.csv-like rows of 45 bytes
 * and 500,000 address.csv-like rows of 140 bytes, read as 64 KiB chunks; see the report of issue #4):
 *   - this reader:                                  ~5.0 M rows/s activity, ~2.5 M rows/s address
 *   - papaparse 5.7.1 (string chunks, `step`):      ~1.3 M rows/s activity, ~0.8 M rows/s address; it has no
 *     input for a Web ReadableStream (it reads Files with FileReader, or Node streams), and its error reporting
 *     gives a row index, not a line number, and keeps no field-count check across chunks;
 *   - csv-parse 7.0.3 (`csv-parse/browser/esm`, a bundled Node-stream polyfill): ~0.9 M rows/s activity,
 *     ~0.5 M rows/s address; `csv-parse/stream` (the Web TransformStream flavour) imports `node:stream/web`.
 * The national extract is ~20 M rows, so the 2.5–5× matters (seconds instead of a minute in the browser), and
 * this file is ~250 lines with no dependency.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export interface CsvProblem {
  /** 1-based line where the malformed record starts (the header is line 1). */
  line: number;
  message: string;
}

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvReadOptions {
  /** Called once with the header row, before any record; may throw to stop reading (e.g. a missing column). */
  onHeader?: (header: string[]) => void;
  /** Called for every malformed record; reading goes on with the next line. */
  onProblem?: (problem: CsvProblem) => void;
  /** Called after each chunk with the number of bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** A quoted field still open after this many characters is reported as unterminated. Default 1 MiB. */
  maxRecordChars?: number;
  signal?: AbortSignal;
}

export interface CsvSummary {
  header: string[];
  /** Well-formed data records (header excluded). */
  records: number;
  /** Malformed records reported. */
  problems: number;
  /** Physical lines read, header included. */
  lines: number;
  bytes: number;
}

type Outcome = 'done' | 'incomplete' | string;

/**
 * Push-style parser over decoded text. `onRecord` receives a fresh array per record. Field values are slices of
 * the chunk they came from: a value kept for long should be copied with `detach` so it does not pin the chunk.
 */
export class CsvParser {
  header: string[] | null = null;
  records = 0;
  problems = 0;
  private carry = '';
  /** Line number of the first character of `carry` (or of the next chunk). */
  private line = 1;
  /** True while discarding the rest of a malformed line that the next chunk continues. */
  private skipping = false;
  private started = false;

  constructor(
    private readonly onRecord: (fields: string[], line: number) => void,
    private readonly options: Pick<CsvReadOptions, 'onHeader' | 'onProblem' | 'maxRecordChars'> = {},
  ) {}

  /** Lines read so far (header included); exact after `end()`. */
  get lines(): number {
    return this.line - 1;
  }

  push(text: string): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.run(this.carry.length > 0 ? this.carry + text : text, false);
  }

  end(): void {
    this.run(this.carry, true);
    this.carry = '';
  }

  private problem(line: number, message: string) {
    this.problems++;
    this.options.onProblem?.({ line, message });
  }

  private accept(fields: string[], line: number) {
    if (this.header === null) {
      this.header = fields;
      this.options.onHeader?.(fields);
      return;
    }
    if (fields.length !== this.header.length) {
      this.problem(line, `expected ${this.header.length} fields, found ${fields.length}`);
      return;
    }
    this.records++;
    this.onRecord(fields, line);
  }

  private run(buf: string, final: boolean): void {
    const n = buf.length;
    const maxChars = this.options.maxRecordChars ?? 1 << 20;
    let pos = 0;
    let line = this.line;
    this.carry = '';
    if (this.skipping) {
      const e = buf.indexOf('\n');
      if (e === -1) {
        // Still inside the malformed line; at the end of the file it simply ends.
        if (final) this.line = line + 1;
        return;
      }
      pos = e + 1;
      line++;
      this.skipping = false;
    }
    let nl = buf.indexOf('\n', pos);
    while (pos < n) {
      const start = pos;
      const startLine = line;
      let p = pos;
      let c = buf.charCodeAt(p);
      // Blank line (LF or CRLF): skipped.
      if (c === LF || (c === CR && buf.charCodeAt(p + 1) === LF)) {
        pos = p + (c === LF ? 1 : 2);
        line++;
        nl = buf.indexOf('\n', pos);
        continue;
      }
      const fields: string[] = [];
      let outcome: Outcome = 'incomplete';
      for (;;) {
        c = buf.charCodeAt(p);
        if (c === QUOTE) {
          let from = p + 1;
          let value = '';
          let q = -1;
          for (;;) {
            q = buf.indexOf('"', from);
            if (q === -1) break;
            if (buf.charCodeAt(q + 1) === QUOTE) {
              value += buf.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            break;
          }
          if (q === -1 || (q + 1 >= n && !final)) {
            outcome = q === -1 && final ? 'unterminated quoted field' : 'incomplete';
            break;
          }
          fields.push(value.length === 0 ? buf.slice(from, q) : value + buf.slice(from, q));
          p = q + 1;
          // Line ends inside the quoted field.
          while (nl !== -1 && nl < p) {
            line++;
            nl = buf.indexOf('\n', nl + 1);
          }
          c = buf.charCodeAt(p);
          if (c !== COMMA && c !== LF && c !== CR && p < n) {
            outcome = 'unexpected character after a closing quote (stray quote, or a closing quote missing)';
            break;
          }
        } else {
          let q = p;
          while (q < n) {
            c = buf.charCodeAt(q);
            if (c === COMMA || c === LF || c === CR || c === QUOTE) break;
            q++;
          }
          if (c === QUOTE && q < n) {
            outcome = 'quote inside an unquoted field';
            break;
          }
          if (q >= n && !final) break;
          fields.push(buf.slice(p, q));
          p = q;
          c = buf.charCodeAt(p);
        }
        // After a field: `,` (next field), a line end, or the end of the (final) text.
        if (c === COMMA) {
          p++;
          continue;
        }
        if (c === LF) {
          p++;
        } else if (c === CR) {
          if (p + 1 >= n && !final) break;
          if (p + 1 < n && buf.charCodeAt(p + 1) !== LF) {
            outcome = 'carriage return without a line feed';
            break;
          }
          p += p + 1 < n ? 2 : 1;
        } else if (p < n) {
          outcome = 'unexpected character';
          break;
        }
        outcome = 'done';
        break;
      }

      if (outcome === 'done') {
        pos = p;
        if (nl !== -1 && nl < p) {
          line++;
          nl = buf.indexOf('\n', p);
        } else if (p >= n && final) {
          line++; // last line without a line end
        }
        this.accept(fields, startLine);
        continue;
      }
      if (outcome === 'incomplete') {
        if (!final && n - start <= maxChars) {
          this.carry = buf.slice(start);
          this.line = startLine;
          return;
        }
        outcome = 'unterminated quoted field';
      }
      // Malformed: report and resume at the line after the one where the record starts.
      this.problem(startLine, outcome);
      const e = buf.indexOf('\n', start);
      line = startLine + 1;
      if (e === -1) {
        this.skipping = !final;
        this.line = final ? line : startLine;
        return;
      }
      pos = e + 1;
      nl = buf.indexOf('\n', pos);
    }
    this.line = line;
  }
}

/**
 * Copies a string so that it no longer shares memory with the (large) chunk it was sliced from. V8 represents
 * `slice` results of 13+ characters as views into the parent string: keeping one would keep the whole chunk.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/**
 * Reads a whole CSV stream, calling `onRecord(fields, line)` for every well-formed data record. The fastest
 * way to scan: no per-record promise.
 */
export async function readCsv(
  stream: ReadableStream<Uint8Array>,
  onRecord: (fields: string[], line: number) => void,
  options: CsvReadOptions = {},
): Promise<CsvSummary> {
  const parser = new CsvParser(onRecord, options);
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  let bytes = 0;
  let finished = false;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      parser.push(decoder.decode(value, { stream: true }));
      options.onProgress?.(bytes);
    }
    parser.push(decoder.decode());
    parser.end();
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return { header: parser.header ?? [], records: parser.records, problems: parser.problems, lines: parser.lines, bytes };
}

/** Yields the data records of a CSV stream one by one, with their line numbers. */
export async function* csvRecords(stream: ReadableStream<Uint8Array>, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord, CsvSummary> {
  let batch: CsvRecord[] = [];
  const parser = new CsvParser((fields, line) => batch.push({ line, fields }), options);
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  let bytes = 0;
  let finished = false;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) {
        parser.push(decoder.decode());
        parser.end();
      } else {
        bytes += value.byteLength;
        parser.push(decoder.decode(value, { stream: true }));
        options.onProgress?.(bytes);
      }
      const ready = batch;
      batch = [];
      yield* ready;
      if (done) break;
    }
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return { header: parser.header ?? [], records: parser.records, problems: parser.problems, lines: parser.lines, bytes };
}

/** Like `csvRecords`, with each record as an object keyed by the header's column names. */
export async function* csvObjects(
  stream: ReadableStream<Uint8Array>,
  options: CsvReadOptions = {},
): AsyncGenerator<{ line: number; row: Record<string, string> }, CsvSummary> {
  let header: string[] = [];
  const records = csvRecords(stream, {
    ...options,
    onHeader: (names) => {
      header = names;
      options.onHeader?.(names);
    },
  });
  for (;;) {
    const next = await records.next();
    if (next.done) return next.value;
    const row: Record<string, string> = {};
    next.value.fields.forEach((value, i) => (row[header[i]!] = value));
    yield { line: next.value.line, row };
  }
}
