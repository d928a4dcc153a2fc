import { describe, expect, it } from 'vitest';
import { CsvParser, csvObjects, csvRecords, readCsv, type CsvProblem, type CsvRecord } from '../../../shared/kbo/csv';
import { chunkedStream, streamOf } from './helpers';

async function parse(text: string | Uint8Array, chunkSize = 1 << 16, options: { maxRecordChars?: number } = {}) {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const summary = await readCsv(chunkedStream(bytes, chunkSize), (fields, line) => records.push({ line, fields }), {
    ...options,
    onProblem: (problem) => problems.push(problem),
  });
  return { records, problems, summary };
}

describe('KBO CSV reader', () => {
  it('reads quoted fields with embedded commas, escaped quotes and empty fields', async () => {
    const { records, problems, summary } = await parse(
      '"EntityNumber","Language","TypeOfDenomination","Denomination"\n' +
        '"0400.010.182","2","001","Alpha, ""the first"" NV"\n' +
        '"0400.020.278","","003",""\n',
    );
    expect(problems).toEqual([]);
    expect(summary.header).toEqual(['EntityNumber', 'Language', 'TypeOfDenomination', 'Denomination']);
    expect(records).toEqual([
      { line: 2, fields: ['0400.010.182', '2', '001', 'Alpha, "the first" NV'] },
      { line: 3, fields: ['0400.020.278', '', '003', ''] },
    ]);
    expect(summary).toMatchObject({ records: 2, problems: 0, lines: 3 });
  });

  it('drops a BOM, accepts CRLF, unquoted fields, blank lines and a last line without a line end', async () => {
    const { records, problems, summary } = await parse('\uFEFF"a","b"\r\n1,"x"\r\n\r\n"2",y');
    expect(problems).toEqual([]);
    expect(summary.header).toEqual(['a', 'b']);
    expect(records).toEqual([
      { line: 2, fields: ['1', 'x'] },
      { line: 4, fields: ['2', 'y'] },
    ]);
    expect(summary.lines).toBe(4);
  });

  it('gives the same records and line numbers whatever the chunk boundaries (multi-byte UTF-8 included)', async () => {
    const text =
      '\uFEFF"id","name","note"\r\n' +
      '"1","Café ""Ü"", Leuven","€ 5"\r\n' +
      '"2","two\nlines","😀"\n' +
      '"3","bad" x,"z"\n' +
      '"4","","last"';
    const reference = await parse(text);
    expect(reference.records.map((r) => [r.line, r.fields[1]])).toEqual([
      [2, 'Café "Ü", Leuven'],
      [3, 'two\nlines'],
      [6, ''],
    ]);
    expect(reference.problems).toEqual([{ line: 5, code: 'after_quote', message: expect.stringContaining('after a closing quote') }]);
    for (let size = 1; size <= 24; size++) {
      const result = await parse(text, size);
      expect(result.records, `chunks of ${size} bytes`).toEqual(reference.records);
      expect(result.problems, `chunks of ${size} bytes`).toEqual(reference.problems);
    }
  });

  it('reports a record with the wrong number of fields by its line and goes on', async () => {
    const { records, problems } = await parse('"a","b","c"\n"1","2","3"\n"4","5"\n"6","7","8","9"\n"10","11","12"\n');
    expect(records.map((r) => r.line)).toEqual([2, 5]);
    expect(problems).toEqual([
      { line: 3, code: 'field_count', message: 'expected 3 fields, found 2' },
      { line: 4, code: 'field_count', message: 'expected 3 fields, found 4' },
    ]);
  });

  it('reports a missing closing quote at its line and resumes at the next line', async () => {
    const { records, problems } = await parse('"a","b"\n"1","open\n"2","ok"\n"3","ok"\n');
    expect(problems).toEqual([{ line: 2, code: 'after_quote', message: expect.stringContaining('closing quote') }]);
    expect(records).toEqual([
      { line: 3, fields: ['2', 'ok'] },
      { line: 4, fields: ['3', 'ok'] },
    ]);
  });

  it('reports a quoted field still open at the end of the file', async () => {
    const { records, problems } = await parse('"a","b"\n"1","2"\n"3","never closed');
    expect(records).toEqual([{ line: 2, fields: ['1', '2'] }]);
    expect(problems).toEqual([{ line: 3, code: 'unterminated_quote', message: 'unterminated quoted field' }]);
  });

  it('gives up on a quoted field longer than maxRecordChars instead of buffering the rest of the file', async () => {
    const body = Array.from({ length: 200 }, (_, i) => `${i},x`).join('\n');
    const { records, problems } = await parse(`"a","b"\n"1","runaway\n${body}\n`, 64, { maxRecordChars: 500 });
    expect(problems).toEqual([{ line: 2, code: 'unterminated_quote', message: 'unterminated quoted field' }]);
    expect(records).toHaveLength(200);
    expect(records[0]).toEqual({ line: 3, fields: ['0', 'x'] });
  });

  it('reports a quote inside an unquoted field', async () => {
    const { records, problems } = await parse('a,b\n1,x"y\n2,z\n');
    expect(problems).toEqual([{ line: 2, code: 'quote_in_field', message: 'quote inside an unquoted field' }]);
    expect(records).toEqual([{ line: 3, fields: ['2', 'z'] }]);
  });

  it('yields records and objects by header, with line numbers', async () => {
    const text = '"EntityNumber","Value"\n"0400.010.182","a"\n"0400.020.278","b"\n';
    const records: CsvRecord[] = [];
    for await (const record of csvRecords(streamOf(text, 7))) records.push(record);
    expect(records.map((r) => r.line)).toEqual([2, 3]);
    const objects = [];
    for await (const object of csvObjects(streamOf(text))) objects.push(object);
    expect(objects).toEqual([
      { line: 2, row: { EntityNumber: '0400.010.182', Value: 'a' } },
      { line: 3, row: { EntityNumber: '0400.020.278', Value: 'b' } },
    ]);
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode(pulls === 1 ? '"a"\n' : `"${pulls}"\n`));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const record of csvRecords(stream)) if (record.line >= 3) break;
    expect(cancelled).toBe(true);
  });

  it('stops with the error thrown by onHeader', async () => {
    await expect(
      readCsv(streamOf('"x","y"\n"1","2"\n'), () => {}, {
        onHeader: () => {
          throw new Error('wrong file');
        },
      }),
    ).rejects.toThrow('wrong file');
  });

  it('parses pushed text directly (the engine of the stream readers)', () => {
    const rows: string[][] = [];
    const parser = new CsvParser((fields) => rows.push(fields));
    parser.push('"a","b"\n"1","tw');
    parser.push('o"\n"3"');
    parser.push(',"4"');
    parser.end();
    expect(rows).toEqual([
      ['1', 'two'],
      ['3', '4'],
    ]);
    expect(parser.lines).toBe(3);
  });
});
