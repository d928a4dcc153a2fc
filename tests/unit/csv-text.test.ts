import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BOM, detectSeparator, protectCell, readCsv, unprotectCell, writeCsv } from '../../functions/transfer/csv-text';

describe('reading CSV text', () => {
  it('detects the separator from the header row, quotes ignored', () => {
    expect(detectSeparator('naam;ondernemingsnummer;gemeente\n')).toBe('semicolon');
    expect(detectSeparator('name,enterprise number\n')).toBe('comma');
    expect(detectSeparator('"naam, officieel";nummer;gemeente\n')).toBe('semicolon');
    expect(detectSeparator('naam\n')).toBe('comma');
  });

  it('strips the byte order mark and numbers rows as a spreadsheet does (header = 1, a multi-line value is one row)', () => {
    const table = readCsv(`${BOM}naam;notities\r\nA;"twee\r\nregels"\r\n\r\nB;x\r\n`);
    expect(table.separator).toBe('semicolon');
    expect(table.header).toEqual(['naam', 'notities']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['A', 'twee\nregels'] },
      { line: 4, cells: ['B', 'x'] },
    ]);
    expect(table.broken).toEqual([]);
  });

  it('reports a line with a stray quote and reads on from the next line', () => {
    const table = readCsv('naam;nummer\nGoed;1\n"Kapot;2\nOok goed;3\nVerkeerd "gesloten" ;4\nLaatste;5\n');
    expect(table.rows.map((row) => [row.line, row.cells[0]])).toEqual([[2, 'Goed'], [4, 'Ook goed'], [6, 'Laatste']]);
    expect(table.broken.map((row) => row.line)).toEqual([3, 5]);
  });

  it('reports a quote that is never closed at the end of the file', () => {
    const table = readCsv('a,b\n1,2\n3,"4\n5,6\n');
    expect(table.broken.map((row) => row.line)).toEqual([3]);
    expect(table.rows.map((row) => row.line)).toEqual([2, 4]);
  });

  it('gives up on a file that is broken line after line', () => {
    const garbage = ['a,b', ...Array.from({ length: 40 }, (_, i) => `"x${i},y`)].join('\n');
    const table = readCsv(garbage);
    expect(table.gaveUp).toBe(true);
    expect(table.broken).toHaveLength(20);
  });

  it('finds the header after leading blank lines', () => {
    expect(readCsv('\n\nnaam\nA\n')).toMatchObject({ header: ['naam'], headerLine: 3, rows: [{ line: 4, cells: ['A'] }] });
    expect(readCsv('')).toMatchObject({ header: [], rows: [] });
  });
});

describe('writing CSV text', () => {
  it('writes a BOM, the separator, CRLF, and quotes values with separators, quotes and line breaks', () => {
    const text = writeCsv(['naam', 'notities'], [['De Hoek; Leuven', 'zei "hallo"'], ['Twee', 'regel 1\nregel 2']], 'semicolon');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toBe(`${BOM}naam;notities\r\n"De Hoek; Leuven";"zei ""hallo"""\r\nTwee;"regel 1\nregel 2"\r\n`);
    // What the parser reads back is what was written.
    expect(parse(text.slice(1), { delimiter: ';' })).toEqual([['naam', 'notities'], ['De Hoek; Leuven', 'zei "hallo"'], ['Twee', 'regel 1\nregel 2']]);
    expect(writeCsv(['a'], [['x,y']], 'comma')).toBe(`${BOM}a\r\n"x,y"\r\n`);
  });

  it('keeps formulas from running in a spreadsheet, and phone numbers as they are', () => {
    expect(protectCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(protectCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(protectCell('+cmd|calc')).toBe(`'+cmd|calc`);
    expect(protectCell('+32 16 12 34 56')).toBe('+32 16 12 34 56');
    expect(protectCell('-5')).toBe('-5');
    expect(unprotectCell(`'=SUM(A1)`)).toBe('=SUM(A1)');
    expect(unprotectCell(`'t Hoekje`)).toBe(`'t Hoekje`);
  });
});
