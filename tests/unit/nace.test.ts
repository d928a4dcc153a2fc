import { describe, expect, it } from 'vitest';
import { isKnownNaceCode, NACE_BEL_SECTIONS, NACE_DIVISIONS, naceDivisionOf, naceLabel, naceSectionEntry } from '../../shared/nace';
import { companyListQuerySchema, createCompanySchema } from '../../shared/schemas/companies';

describe('NACE-BEL 2008 divisions', () => {
  it('lists the 88 divisions, in order, each in one of the 21 sections, with Dutch and English labels', () => {
    expect(NACE_DIVISIONS).toHaveLength(88);
    expect(NACE_BEL_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
    const codes = NACE_DIVISIONS.map((d) => d.code);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(88);
    for (const division of NACE_DIVISIONS) {
      expect(division.nl.length, division.code).toBeGreaterThan(3);
      expect(division.en.length, division.code).toBeGreaterThan(3);
      expect(NACE_BEL_SECTIONS.some((s) => s.code === division.section), division.code).toBe(true);
    }
    // Every section has divisions, and sections run in code order.
    const sectionsInOrder = [...new Set(NACE_DIVISIONS.map((d) => d.section))].join('');
    expect(sectionsInOrder).toBe('ABCDEFGHIJKLMNOPQRSTU');
    // The gaps of the classification.
    for (const gap of ['00', '04', '34', '40', '44', '48', '54', '57', '67', '76', '83', '89']) expect(codes).not.toContain(gap);
  });

  it('knows a code by its division, whatever level the code is written at', () => {
    expect(naceDivisionOf('25.620')).toBe('25');
    expect(naceDivisionOf('25620')).toBe('25');
    expect(naceDivisionOf('x1')).toBeUndefined();
    expect(isKnownNaceCode('62.010')).toBe(true);
    expect(isKnownNaceCode('62')).toBe(true);
    expect(isKnownNaceCode('76.100')).toBe(false);
    expect(isKnownNaceCode(undefined)).toBe(false);
    expect(naceLabel('62.010', 'nl')).toMatch(/^Ontwerpen en programmeren van computerprogramma/);
    expect(naceLabel('62.010', 'en')).toBe('Computer programming, consultancy and related activities');
    expect(naceLabel('04', 'en')).toBeUndefined();
    expect(naceSectionEntry('25.11')).toMatchObject({ code: 'C', en: 'Manufacturing', nl: 'Industrie' });
  });

  it('makes the company form refuse unknown divisions and the list refuse unknown sectors', () => {
    const base = { name: 'X', parkId: '01JDQ7Z8M3N4P5Q6R7S8T9V0WX' };
    const unknown = createCompanySchema.safeParse({ ...base, naceCode: '76.10' });
    expect(unknown.success).toBe(false);
    expect(unknown.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['naceCode', 'unknown_nace']]);
    const malformed = createCompanySchema.safeParse({ ...base, naceCode: '7' });
    expect(malformed.error!.issues.map((i) => i.message)).toEqual(['invalid_nace']);
    expect(createCompanySchema.safeParse({ ...base, naceCode: '10.710' }).success).toBe(true);
    expect(companyListQuerySchema.safeParse({ sector: '25' }).data).toMatchObject({ sector: '25', sort: 'name', limit: 25 });
    expect(companyListQuerySchema.safeParse({ sector: '76' }).error!.issues.map((i) => i.message)).toEqual(['unknown_nace']);
    expect(companyListQuerySchema.safeParse({ sector: '2' }).error!.issues.map((i) => i.message)).toEqual(['invalid_sector']);
    expect(companyListQuerySchema.safeParse({ zoneId: 'none', sort: '-name' }).success).toBe(true);
  });
});
