import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Company, Park } from '../../shared/index';
import { planImport, type ImportPlan } from '../../functions/transfer/csv-import';
import { issueMessage, previewOf } from '../../functions/transfer/handler';
import type { RegisterSnapshot } from '../../functions/transfer/register';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const tenantId = ulid();
const zone1 = ulid();
const zone1A = ulid();
const research: Park = {
  id: ulid(), name: 'Researchpark Haasrode', municipality: 'Leuven', postalCode: '3001', streets: [], version: 3, companyCount: 0, memberCount: 0,
  zones: [{ id: zone1, name: 'Zone 1', streets: [] }, { id: zone1A, name: '1A', parentId: zone1, streets: [] }],
};
const crafts: Park = { id: ulid(), name: 'Ambachtenzone Haasrode', municipality: 'Leuven', postalCode: '3001', streets: [], zones: [], version: 1, companyCount: 0, memberCount: 0 };

function company(overrides: Partial<Company>): Company {
  const now = '2026-01-01T00:00:00.000Z';
  return { id: ulid(), tenantId, parkId: research.id, name: 'Bedrijf', membershipStatus: 'prospect', version: 1, createdAt: now, updatedAt: now, ...overrides };
}
const snapshot = (...companies: Company[]): RegisterSnapshot => ({ parks: [research, crafts], rows: companies.map((c) => ({ company: c, item: { ...c } })) });

const statuses = (plan: ImportPlan) => plan.lines.map((line) => [line.line, line.status]);
const codes = (plan: ImportPlan, line: number) => plan.lines.find((l) => l.line === line)?.errors.map((issue) => issue.code);

describe('planning a companies import', () => {
  it('reads a clean Excel file (BOM, `;`, CRLF, quoted `;` and quotes) as new companies, with park, zone and NACE by name', () => {
    const plan = planImport(fixture('companies-clean.csv'), undefined, snapshot());
    expect(plan).toMatchObject({ kind: 'companies', separator: 'semicolon', fileErrors: [] });
    expect(statuses(plan)).toEqual([[2, 'new'], [3, 'new']]);
    const [hoek, zuid] = plan.changes.map((change) => (change.kind === 'create' ? change.company : null));
    expect(hoek).toEqual({
      name: 'Brouwerij De Hoek', enterpriseNumber: '0412.345.614', parkId: research.id, zoneId: zone1, naceCode: '11.050',
      membershipStatus: 'member', founding: true, website: 'https://www.dehoek.test', notes: 'Levert; ook "bier"',
    });
    // `10,71`: Excel's decimal comma; `nee`: not founding (nothing stored).
    expect(zuid).toEqual({ name: 'Bakkerij Zuid', enterpriseNumber: '0423.456.765', establishmentNumber: '2.123.456.791', parkId: crafts.id, naceCode: '10.71', membershipStatus: 'prospect' });
    expect(previewOf(plan, 'nl')).toMatchObject({ ready: true, counts: { new: 2, update: 0, unchanged: 0, error: 0 } });
  });

  it('reports a broken line and still reads the lines after it; nothing is importable', () => {
    const plan = planImport(fixture('companies-broken-line.csv'), 'companies', snapshot());
    expect(statuses(plan)).toEqual([[2, 'new'], [3, 'error'], [4, 'new']]);
    expect(codes(plan, 3)).toEqual(['csv_broken_line']);
    expect(plan.changes).toEqual([]);
    expect(previewOf(plan, 'nl')).toMatchObject({ ready: false, counts: { new: 2, error: 1 } });
  });

  it('reports each wrong value on its line and column: numbers, NACE, park, zone, status, size, yes/no', () => {
    const plan = planImport(fixture('companies-bad-values.csv'), 'companies', snapshot());
    expect(plan.separator).toBe('comma');
    expect(plan.lines.map((line) => [line.line, line.errors.map((issue) => `${issue.column}:${issue.code}`)])).toEqual([
      [2, ['enterprise number:enterprise_number_checksum']],
      [3, ['enterprise number:invalid_enterprise_number']],
      [4, ['establishment number:invalid_establishment_number']],
      [5, ['nace code:csv_unknown_nace']],
      [6, ['park:csv_unknown_park']],
      [7, ['zone:csv_unknown_zone']],
      [8, ['size class:csv_invalid_size_class', 'membership status:csv_invalid_status', 'founding member:csv_invalid_yes_no']],
    ]);
    const preview = previewOf(plan, 'nl');
    expect(preview.lines[3]!.errors[0]).toMatchObject({ line: 5, value: '04.11', message: 'Onbekende NACE-code: 04 is geen afdeling van NACE-BEL 2008.' });
    expect(preview.lines[4]!.errors[0]!.message).toContain('Researchpark Haasrode, Ambachtenzone Haasrode');
    expect(previewOf(plan, 'en').lines[5]!.errors[0]!.message).toBe('This zone does not exist on Researchpark Haasrode.');
  });

  it('reports a row with too many or too few values, but not a trailing empty one', () => {
    const plan = planImport(fixture('companies-column-count.csv'), 'companies', snapshot());
    expect(statuses(plan)).toEqual([[2, 'error'], [3, 'error'], [4, 'new']]);
    expect(plan.lines[0]!.errors[0]).toMatchObject({ code: 'csv_column_count', params: { found: 4, expected: 3 } });
    expect(issueMessage(plan.lines[1]!.errors[0]!, 'nl')).toBe('Deze regel heeft 2 waarden, de kopregel 3 kolommen. Staat er een scheidingsteken te veel of te weinig?');
  });

  it('reports duplicates within the file: the same enterprise number twice, the same establishment twice', () => {
    const plan = planImport(fixture('companies-duplicates.csv'), 'companies', snapshot());
    expect(statuses(plan)).toEqual([[2, 'new'], [3, 'error'], [4, 'new'], [5, 'new'], [6, 'error']]);
    expect(plan.lines[1]!.errors[0]).toMatchObject({ code: 'csv_duplicate_in_file', params: { line: 2 }, field: 'enterpriseNumber' });
    expect(plan.lines[4]!.errors[0]).toMatchObject({ code: 'csv_duplicate_in_file', params: { line: 4 }, field: 'establishmentNumber' });
  });

  it('reports a number another register row already has, and two rows for one register row', () => {
    const hoek = company({ name: 'De Hoek', enterpriseNumber: '0412.345.614' });
    const zuid = company({ name: 'Zuid', enterpriseNumber: '0423.456.765' });
    const csv = `id;naam;ondernemingsnummer\n${zuid.id};Zuid;0412.345.614\n;De Hoek bis;0412.345.614\n`;
    const plan = planImport(csv, 'companies', snapshot(hoek, zuid));
    // Line 2 gives Zuid the number of De Hoek, which keeps it: line 3 matches De Hoek by that number and renames it.
    expect(plan.lines[0]!.errors[0]).toMatchObject({ code: 'csv_duplicate_in_register', params: { name: 'De Hoek' }, field: 'enterpriseNumber' });
    expect(plan.lines[1]).toMatchObject({ status: 'update', companyId: hoek.id, fields: ['name'] });
    // Swapping numbers between two register rows is fine: neither keeps its own.
    const swap = planImport(`id;ondernemingsnummer\n${zuid.id};0412.345.614\n${hoek.id};0423.456.765\n`, 'companies', snapshot(hoek, zuid));
    expect(statuses(swap)).toEqual([[2, 'update'], [3, 'update']]);

    const twice = planImport(`naam;ondernemingsnummer\nA;0412.345.614\nB;0412 345 614\n`, 'companies', snapshot(hoek));
    expect(twice.lines[1]!.errors[0]).toMatchObject({ code: 'csv_duplicate_in_file', params: { line: 2 } });
  });

  it('matches by id, else establishment number, else enterprise number; several establishments need more than the enterprise number', () => {
    const a = company({ name: 'A', enterpriseNumber: '0423.456.765', establishmentNumber: '2.123.456.791' });
    const b = company({ name: 'B', enterpriseNumber: '0423.456.765', establishmentNumber: '2.234.567.818' });
    const plan = planImport(
      `naam;ondernemingsnummer;vestigingsnummer\nA2;0423.456.765;2.123.456.791\nX;0423.456.765;\n`,
      'companies',
      snapshot(a, b),
    );
    expect(plan.lines[0]).toMatchObject({ status: 'update', companyId: a.id, fields: ['name'] });
    expect(plan.lines[1]!.errors[0]!.code).toBe('csv_ambiguous_match');
    const unknown = planImport(`id;naam\n${ulid()};Weg\n`, 'companies', snapshot(a));
    expect(unknown.lines[0]!.errors[0]!.code).toBe('csv_unknown_id');
  });

  it('changes only the columns the file has; an empty cell clears, an empty status keeps; unchanged rows say so', () => {
    const hoek = company({
      name: 'De Hoek', enterpriseNumber: '0412.345.614', website: 'https://dehoek.test', notes: 'eigen notities', membershipStatus: 'member',
      contacts: [{ id: ulid(), name: 'An', consents: [{ topic: 'newsletter', givenOn: '2026-01-02', textVersion: 'v1' }] }],
    });
    const plan = planImport(`ondernemingsnummer;website;lidmaatschap\n0412.345.614;;\n`, 'companies', snapshot(hoek));
    const change = plan.changes[0]!;
    expect(change.kind === 'update' && change.fields).toEqual(['website']);
    const { website: _website, ...withoutWebsite } = hoek;
    expect(change.kind === 'update' && change.after).toEqual(withoutWebsite); // notes, status and contacts as they were
    const same = planImport(`ondernemingsnummer;website\n0412.345.614;dehoek.test\n`, 'companies', snapshot(hoek));
    expect(same.lines[0]).toMatchObject({ status: 'unchanged', companyId: hoek.id });
    expect(previewOf(same, 'nl').ready).toBe(false); // nothing to write
  });

  it('needs a park for a new company unless the association has one park, and a name', () => {
    const plan = planImport(`naam;ondernemingsnummer\nNieuw;0412.345.614\n;0423.456.765\n`, 'companies', snapshot());
    expect(codes(plan, 2)).toEqual(['csv_park_required']);
    expect(codes(plan, 3)).toEqual(['csv_park_required', 'required']);
    const onePark = planImport(`naam\nNieuw\n`, 'companies', { parks: [crafts], rows: [] });
    expect(onePark.changes).toEqual([{ kind: 'create', lines: [2], company: { name: 'Nieuw', parkId: crafts.id, membershipStatus: 'prospect' } }]);
  });

  it('undoes what spreadsheets do: leading zeros, decimal commas, day-first dates, formula guards', () => {
    const plan = planImport(`naam;ondernemingsnummer;nace-code;startdatum;notities;bedrijventerrein\nZ;412345614;1,11;1/03/2020;'=1+1;Ambachtenzone Haasrode\n`, 'companies', snapshot());
    expect(plan.changes[0]).toMatchObject({ company: { enterpriseNumber: '0412.345.614', naceCode: '01.11', startDate: '2020-03-01', notes: '=1+1' } });
  });

  it('moving a company to another park clears its zone unless the file names one', () => {
    const hoek = company({ name: 'De Hoek', zoneId: zone1A });
    const plan = planImport(`id;bedrijventerrein\n${hoek.id};Ambachtenzone Haasrode\n`, 'companies', snapshot(hoek));
    expect(plan.lines[0]).toMatchObject({ status: 'update', fields: ['parkId', 'zoneId'] });
    const zone = planImport(`id;zone\n${hoek.id};Zone 1 / 1A\n`, 'companies', snapshot(hoek));
    expect(zone.lines[0]).toMatchObject({ status: 'unchanged' });
  });
});

describe('files of the wrong kind', () => {
  it('a KBO extract file, a contacts file as companies, a companies file as contacts, an unknown file, a binary file', () => {
    expect(planImport(fixture('kbo-enterprise.csv'), undefined, snapshot()).fileErrors.map((e) => e.code)).toEqual(['csv_kbo_file']);
    expect(planImport(fixture('contacts-clean.csv'), 'companies', snapshot()).fileErrors.map((e) => e.code)).toEqual(['csv_contacts_file']);
    expect(planImport(fixture('companies-clean.csv'), 'contacts', snapshot()).fileErrors.map((e) => e.code)).toEqual(['csv_companies_file']);
    expect(planImport('kleur;smaak\nrood;zoet\n', undefined, snapshot()).fileErrors.map((e) => e.code)).toEqual(['csv_unknown_columns']);
    expect(planImport('PK\u0003\u0004binary', undefined, snapshot()).fileErrors.map((e) => e.code)).toEqual(['csv_not_text']);
    expect(planImport('', undefined, snapshot()).fileErrors.map((e) => e.code)).toEqual(['csv_empty']);
    const twice = planImport('naam;name\nA;B\n', 'companies', snapshot());
    expect(twice.fileErrors).toEqual([expect.objectContaining({ code: 'csv_duplicate_column', column: 'name' })]);
    const preview = previewOf(planImport(fixture('kbo-enterprise.csv'), undefined, snapshot()), 'nl');
    expect(preview).toMatchObject({ ready: false, lines: [] });
    expect(preview.fileErrors[0]!.message).toContain('KBO-import');
  });
});

describe('planning a contacts import', () => {
  const anId = ulid();
  const hoek = company({
    name: 'De Hoek', enterpriseNumber: '0412.345.614',
    contacts: [{ id: anId, name: 'An Peeters', email: 'an@dehoek.test', consents: [{ topic: 'newsletter', givenOn: '2026-01-02', textVersion: 'v1' }] }],
  });

  it('updates a contact found by e-mail, keeps its consents, and adds a new one', () => {
    const csv = `${fixture('contacts-clean.csv')};Brouwerij De Hoek;0412.345.614;;;Bert;boekhouder;bert@dehoek.test;;\r\n`;
    const plan = planImport(csv, undefined, snapshot(hoek));
    expect(plan.kind).toBe('contacts');
    expect(plan.lines).toMatchObject([
      { line: 2, status: 'update', companyId: hoek.id, contactId: anId, fields: ['function', 'phone'] },
      { line: 3, status: 'new', companyId: hoek.id, name: 'Bert' },
    ]);
    const change = plan.changes[0]!;
    expect(change.kind === 'update' && change.after.contacts).toEqual([
      { id: anId, name: 'An Peeters', function: 'zaakvoerder', email: 'an@dehoek.test', phone: '+32 16 12 34 56', consents: [{ topic: 'newsletter', givenOn: '2026-01-02', textVersion: 'v1' }] },
      { name: 'Bert', function: 'boekhouder', email: 'bert@dehoek.test', consents: [] },
    ]);
  });

  it('reports an unknown company, an unknown contact id, a duplicate contact and a missing name', () => {
    const csv = [
      'bedrijf-id;ondernemingsnummer;contact-id;naam;e-mail',
      `;0423.456.765;;Iemand;x@y.test`,
      `${hoek.id};;${ulid()};Niemand;`,
      `${hoek.id};;;An Peeters;an@dehoek.test`,
      `${hoek.id};;;An opnieuw;AN@dehoek.test`,
      `${hoek.id};;;;nieuw@dehoek.test`,
      `;;;Zwever;z@y.test`,
    ].join('\n');
    const plan = planImport(csv, 'contacts', snapshot(hoek));
    expect(plan.lines.map((line) => [line.line, line.status, line.errors.map((issue) => issue.code)])).toEqual([
      [2, 'error', ['csv_company_not_found']],
      [3, 'error', ['csv_unknown_contact']],
      [4, 'unchanged', []],
      [5, 'error', ['csv_duplicate_contact']],
      [6, 'error', ['required']],
      [7, 'error', ['csv_company_key_required']],
    ]);
  });
});

describe('the fingerprint', () => {
  it('is the same for the same file and register, and changes with the register’s versions or the file', () => {
    const hoek = company({ name: 'De Hoek', enterpriseNumber: '0412.345.614' });
    const csv = 'ondernemingsnummer;naam\n0412.345.614;De Hoek nv\n';
    const first = planImport(csv, 'companies', snapshot(hoek));
    expect(planImport(csv, 'companies', snapshot(hoek)).fingerprint).toBe(first.fingerprint);
    expect(planImport(csv, 'companies', snapshot({ ...hoek, version: 2 })).fingerprint).not.toBe(first.fingerprint);
    expect(planImport(`${csv}0423.456.765;Zuid\n`, 'companies', snapshot(hoek)).fingerprint).not.toBe(first.fingerprint);
  });
});

describe('values stored in more than one way', () => {
  it('“nee” for a founding member is no change whether the register has false or nothing', () => {
    const stored = company({ name: 'A', enterpriseNumber: '0412.345.614', founding: false });
    const absent = company({ name: 'B', enterpriseNumber: '0423.456.765' });
    const plan = planImport('ondernemingsnummer;stichtend lid\n0412.345.614;nee\n0423.456.765;nee\n', 'companies', snapshot(stored, absent));
    expect(statuses(plan)).toEqual([[2, 'unchanged'], [3, 'unchanged']]);
    const yes = planImport('ondernemingsnummer;stichtend lid\n0412.345.614;ja\n', 'companies', snapshot(stored));
    expect(yes.lines[0]).toMatchObject({ status: 'update', fields: ['founding'] });
  });
});
