import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KboFormatError, scanExtract, type KboCandidate, type KboProgress } from '../../../shared/kbo/extract';
import { entityKey, formatEntityNumber, hasValidEntityChecksum } from '../../../shared/kbo/numbers';
import { FIXTURES, fixtureFiles, streamOf } from './helpers';

const PARK = { postalCodes: ['3001'], streets: ['Interleuvenlaan', 'romeinse straat', 'KAPELDREEF'] };
const ids = (candidates: KboCandidate[]) => candidates.map((c) => c.establishmentNumber ?? c.enterpriseNumber);

describe('entity numbers', () => {
  it('reads enterprise and establishment numbers, with or without dots', () => {
    expect(formatEntityNumber(entityKey('0400.010.182'))).toBe('0400.010.182');
    expect(formatEntityNumber(entityKey('2100010111'))).toBe('2.100.010.111');
    expect(hasValidEntityChecksum(entityKey('2.100.010.111'))).toBe(true);
    expect(hasValidEntityChecksum(entityKey('2.100.010.112'))).toBe(false);
    expect(entityKey('0400.010.18')).toBe(-1);
    expect(entityKey('04OO.010.182')).toBe(-1);
  });
});

describe('scanExtract on a park', () => {
  it('finds establishments on the park streets and enterprises whose only address is their registered office there', async () => {
    const result = await scanExtract(await fixtureFiles('park'), PARK);
    expect(result.problems).toEqual([]);
    expect(result.snapshotDate).toBe('2026-11-01');
    expect(result.meta.ExtractNumber).toBe('190');
    expect(ids(result.candidates)).toEqual([
      '2.100.010.111', // Alpha, Interleuvenlaan 15 bus 2
      '2.100.070.883', // Golf, Interleuvenlaan 99
      '2.100.070.784', // Golf, Kapeldreef 1 (its registered office there is not a second candidate)
      '0400.020.278', // Bravo, no establishment unit: registered office Kapeldreef 60
      '2.100.060.688', // Foxtrot, "ROMEINSE  STRAAT " folds to the street asked for
    ]);
    expect(result.stats.matched).toEqual({ establishmentAddresses: 4, registeredOffices: 3, registeredOfficesWithEstablishments: 2, struckOff: 1 });
  });

  it('leaves out an enterprise registered on the park whose establishment is elsewhere, struck-off addresses and branches', async () => {
    const { candidates } = await scanExtract(await fixtureFiles('park'), PARK);
    const enterprises = candidates.map((c) => c.enterpriseNumber);
    expect(enterprises).not.toContain('0400.030.374'); // Charlie: registered office on the park, establishment in 3000
    expect(enterprises).not.toContain('0400.040.470'); // Delta: establishment address struck off
    expect(enterprises).not.toContain('0400.080.854'); // Hotel: ABBR (branch) address only
    expect(ids(candidates)).not.toContain('2.100.010.210'); // Alpha's other establishment, in Antwerp
  });

  it('takes the whole postal code when no streets are given', async () => {
    const files = await fixtureFiles('park');
    const { candidates } = await scanExtract(files, { postalCodes: ['3001'] });
    expect(ids(candidates)).toEqual(['2.100.010.111', '2.100.070.883', '2.100.070.784', '0400.020.278', '2.100.060.688', '2.100.050.592']);
    const none = await scanExtract(await fixtureFiles('park'), { postalCodes: ['3001'], streets: ['Nergensstraat'] });
    expect(none.candidates).toEqual([]);
    expect(none.stats.byFile.activity).toMatchObject({ skipped: true });
  });

  it('fills in the register fields of an establishment', async () => {
    const { candidates } = await scanExtract(await fixtureFiles('park'), PARK);
    expect(candidates[0]).toEqual({
      establishmentNumber: '2.100.010.111',
      enterpriseNumber: '0400.010.182',
      name: 'Alpha NV', // NL name preferred over "Alpha SA"
      commercialName: 'Alpha Leuven', // the establishment's own, not the enterprise's "Alpha Labs"
      address: { street: 'Interleuvenlaan', houseNumber: '15', box: '2', postalCode: '3001', municipality: 'Leuven' },
      naceCode: '72.100', // the establishment's MAIN, NACE 2025 preferred over 2008
      naceVersion: '2025',
      juridicalForm: '014',
      typeOfEnterprise: '2',
      startDate: '2015-09-01', // of the establishment unit
      contacts: [
        { type: 'TEL', value: '016 11 22 33', of: 'establishment' },
        { type: 'EMAIL', value: 'info@alpha.example', of: 'enterprise' },
        { type: 'WEB', value: 'www.alpha.example', of: 'enterprise' },
      ],
    });
  });

  it('fills in an enterprise without establishment units from the enterprise itself', async () => {
    const { candidates } = await scanExtract(await fixtureFiles('park'), PARK);
    expect(candidates.find((c) => c.enterpriseNumber === '0400.020.278')).toEqual({
      establishmentNumber: null,
      enterpriseNumber: '0400.020.278',
      name: 'Bravo SPRL', // only a French name
      commercialName: null,
      address: { street: 'Kapeldreef', houseNumber: '60', box: null, postalCode: '3001', municipality: 'Leuven' },
      naceCode: '47.110', // MAIN 2008; the 2025 code is only secondary
      naceVersion: '2008',
      juridicalForm: null, // natural person
      typeOfEnterprise: '1',
      startDate: '2010-03-15',
      contacts: [{ type: 'EMAIL', value: 'bravo@example.be', of: 'enterprise' }],
    });
  });

  it('prefers names NL, FR, DE, EN, then the commercial name; reads quotes and commas inside names', async () => {
    const { candidates } = await scanExtract(await fixtureFiles('park'), { postalCodes: ['3001'] });
    const byId = new Map(candidates.map((c) => [c.establishmentNumber ?? c.enterpriseNumber, c]));
    expect(byId.get('2.100.060.688')).toMatchObject({ name: 'Foxtrot GmbH', commercialName: 'Foxtrot "The Hub", Leuven' });
    expect(byId.get('2.100.050.592')).toMatchObject({ name: 'Echo Bakkerij', commercialName: 'Echo Bakkerij' });
    expect(byId.get('2.100.070.784')).toMatchObject({ name: 'Golf & Co, BV' });
  });

  it('takes the main NACE code of the establishment, else of the enterprise; 2025 over 2008, VAT group first, never 2003', async () => {
    const { candidates } = await scanExtract(await fixtureFiles('park'), { postalCodes: ['3001'] });
    const nace = Object.fromEntries(candidates.map((c) => [c.establishmentNumber ?? c.enterpriseNumber, `${c.naceCode} ${c.naceVersion}`]));
    expect(nace).toEqual({
      '2.100.010.111': '72.100 2025',
      '2.100.070.883': '70.200 2025', // its own
      '2.100.070.784': '70.220 2008', // none of its own: the enterprise's (its 2003 MAIN is ignored)
      '0400.020.278': '47.110 2008',
      '2.100.060.688': '46.190 2008', // two MAIN 2008 codes: activity group 001 before 003
      '2.100.050.592': '10.710 2025', // enterprise: MAIN 2025 (group 003) over MAIN 2008 (group 001)
    });
  });

  it('reports progress per pass and file, with the size of Blob sources', async () => {
    const progress: KboProgress[] = [];
    const result = await scanExtract(await fixtureFiles('park'), PARK, { onProgress: (p) => progress.push(p), progressIntervalMs: 0 });
    expect([...new Set(progress.map((p) => `${p.pass} ${p.file}`))]).toEqual([
      '1 meta',
      '1 address',
      '2 establishment',
      '3 enterprise',
      '3 denomination',
      '3 activity',
      '3 contact',
    ]);
    const last = progress.filter((p) => p.file === 'address').at(-1)!;
    expect(last.bytesRead).toBe(readFileSync(join(FIXTURES, 'park/address.csv')).byteLength);
    expect(last.totalBytes).toBe(last.bytesRead);
    expect(last.rows).toBe(17);
    expect(result.stats.byFile.address).toMatchObject({ rows: 17, problems: 0 });
    expect(result.stats.rowsScanned).toBe(5 + 17 + 8 + 8 + 14 + 14 + 6);
  });

  it('accepts plain streams and stream getters as well as Blobs', async () => {
    const blobs = await fixtureFiles('park');
    const files = {
      ...blobs,
      address: (blobs.address as Blob).stream(),
      establishment: () => (blobs.establishment as Blob).stream(),
    };
    const { candidates } = await scanExtract(files, PARK);
    expect(candidates).toHaveLength(5);
  });

  it('stops with a KboFormatError when a file lacks a column', async () => {
    const files = { ...(await fixtureFiles('park')), address: streamOf('"EntityNumber","Zipcode"\n"0400.010.182","3001"\n') };
    await expect(scanExtract(files, PARK)).rejects.toBeInstanceOf(KboFormatError);
    await expect(scanExtract({ ...(await fixtureFiles('park')), address: streamOf('') }, PARK)).rejects.toThrow('address.csv: the file is empty');
  });

  it('refuses to scan without a postal code', async () => {
    await expect(scanExtract(await fixtureFiles('park'), { postalCodes: [' '] })).rejects.toThrow('at least one postal code');
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(scanExtract(await fixtureFiles('park'), PARK, { signal: controller.signal })).rejects.toThrow();
  });
});

describe('scanExtract on a messy extract', () => {
  it('reports malformed lines with their line numbers and imports the rest (BOM, CRLF, multi-line field)', async () => {
    const result = await scanExtract(await fixtureFiles('messy'), { postalCodes: ['3001'] });
    expect(result.problems).toEqual([
      { file: 'address', line: 3, code: 'field_count', message: 'expected 13 fields, found 6' },
      { file: 'address', line: 4, code: 'after_quote', message: expect.stringContaining('after a closing quote') },
      { file: 'address', line: 9, code: 'unterminated_quote', message: 'unterminated quoted field' },
      { file: 'denomination', line: 3, code: 'after_quote', message: expect.stringContaining('after a closing quote') },
    ]);
    expect(ids(result.candidates)).toEqual(['2.100.010.111', '2.100.070.784', '0400.020.278', '2.100.060.688']);
    const byId = new Map(result.candidates.map((c) => [c.establishmentNumber ?? c.enterpriseNumber, c]));
    // Its name was on the malformed denomination line: the number stands in for it.
    expect(byId.get('0400.020.278')!.name).toBe('0400.020.278');
    // The line after the malformed one was still read.
    expect(byId.get('2.100.060.688')).toMatchObject({ name: 'Foxtrot GmbH', commercialName: 'Café "De Hub", Heverlee' });
    expect(result.stats.byFile.address).toMatchObject({ rows: 4, problems: 3 });
  });

  it('keeps only the first problems of a file and counts the rest', async () => {
    const bad = Array.from({ length: 30 }, () => '"x"').join('\n');
    const files = { ...(await fixtureFiles('park')), contact: streamOf(`"EntityNumber","EntityContact","ContactType","Value"\n${bad}\n`) };
    const result = await scanExtract(files, PARK, { maxProblemsPerFile: 5 });
    expect(result.problems).toHaveLength(6);
    expect(result.problems.at(-1)).toEqual({ file: 'contact', line: 0, code: 'more_problems', message: '25 more problems not listed' });
    expect(result.stats.byFile.contact?.problems).toBe(30);
    expect(result.candidates).toHaveLength(5);
  });
});
