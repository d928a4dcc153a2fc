import { describe, expect, it } from 'vitest';
import { COMPANY_COLUMNS, CONTACT_COLUMNS, detectKind, looksLikeKboFile, mapHeaders, normaliseHeader, parseDate, parseSizeClass, parseStatus, parseYesNo } from '../../functions/transfer/columns';

describe('column headers', () => {
  it('match in Dutch or English, whatever the case, accents, spaces or dashes', () => {
    const mapped = mapHeaders(['Naam', 'E-MAIL', 'Enterprise number', 'nace code', 'Lidmaatschap', 'Stichtend lid', 'Bedrijventerrein', 'onbekend'], 'companies');
    expect(mapped.map((column) => column.definition?.field ?? null)).toEqual(['name', 'email', 'enterpriseNumber', 'naceCode', 'membershipStatus', 'founding', 'park', null]);
    expect(normaliseHeader(' Géïnteresseerd_Sinds ')).toBe('geinteresseerdsinds');
  });

  it('marks a column that appears twice', () => {
    const mapped = mapHeaders(['naam', 'name'], 'companies');
    expect(mapped[1]).toMatchObject({ duplicateOf: 0 });
  });

  it('the headers an export writes are read back as the same fields', () => {
    for (const [kind, columns] of [['companies', COMPANY_COLUMNS], ['contacts', CONTACT_COLUMNS]] as const) {
      const mapped = mapHeaders(columns.map((column) => column.header), kind);
      expect(mapped.map((column) => column.definition?.field)).toEqual(columns.map((column) => column.field));
      expect(mapped.every((column) => column.duplicateOf === undefined)).toBe(true);
      expect(detectKind(columns.map((column) => column.header))).toBe(kind);
    }
  });

  it('tells a companies file from a contacts file and from a KBO extract file', () => {
    expect(detectKind(['naam', 'ondernemingsnummer', 'bedrijventerrein'])).toBe('companies');
    expect(detectKind(['naam', 'ondernemingsnummer'])).toBe('companies');
    expect(detectKind(['bedrijf', 'naam', 'functie', 'e-mail'])).toBe('contacts');
    expect(detectKind(['colour', 'flavour'])).toBeNull();
    expect(looksLikeKboFile(['EnterpriseNumber', 'Status', 'JuridicalSituation', 'TypeOfEnterprise'])).toBe(true);
    expect(looksLikeKboFile(['EntityNumber', 'TypeOfAddress', 'Zipcode'])).toBe(true);
    expect(looksLikeKboFile(['naam', 'ondernemingsnummer'])).toBe(false);
  });
});

describe('values', () => {
  it('membership status in Dutch or English', () => {
    expect(parseStatus('Lid')).toBe('member');
    expect(parseStatus('geïnteresseerd')).toBe('interested');
    expect(parseStatus('former member')).toBe('former_member');
    expect(parseStatus('former_member')).toBe('former_member');
    expect(parseStatus('voormalig lid')).toBe('former_member');
    expect(parseStatus('misschien')).toBeUndefined();
  });

  it('size class, yes/no and dates as a Belgian spreadsheet writes them', () => {
    expect(parseSizeClass('Middelgroot')).toBe('medium');
    expect(parseSizeClass('large')).toBe('large');
    expect(parseSizeClass('reus')).toBeUndefined();
    expect([parseYesNo('ja'), parseYesNo('X'), parseYesNo('nee'), parseYesNo('soms')]).toEqual([true, true, false, undefined]);
    expect(parseDate('2026-03-01')).toBe('2026-03-01');
    expect(parseDate('1/03/2026')).toBe('2026-03-01');
    expect(parseDate('01-03-2026')).toBe('2026-03-01');
    expect(parseDate('31/02/2026')).toBeUndefined();
    expect(parseDate('maart')).toBeUndefined();
  });
});
