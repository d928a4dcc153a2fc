import { describe, expect, it } from 'vitest';
import { diffRegister, registerValues, type RegisterRecord } from '../../../shared/kbo/diff';
import { scanExtract, type KboCandidate } from '../../../shared/kbo/extract';
import { fixtureFiles } from './helpers';

/** A stored company: register fields plus what the association entered itself. */
interface Company extends RegisterRecord {
  membershipStatus: string;
  email?: string;
  notes?: string;
}

const candidate = (overrides: Partial<KboCandidate> & Pick<KboCandidate, 'enterpriseNumber'>): KboCandidate => ({
  establishmentNumber: null,
  name: 'Name',
  commercialName: null,
  address: { street: 'Interleuvenlaan', houseNumber: '1', box: null, postalCode: '3001', municipality: 'Leuven' },
  naceCode: '62.010',
  naceVersion: '2008',
  juridicalForm: '014',
  typeOfEnterprise: '2',
  startDate: '2015-09-01',
  contacts: [],
  ...overrides,
});

describe('diffRegister', () => {
  it('sorts candidates into added, changed, unchanged and vanished, matching by establishment then enterprise number', async () => {
    const { candidates } = await scanExtract(await fixtureFiles('park'), { postalCodes: ['3001'] });
    const existing: Company[] = [
      // Alpha by establishment number, stored as the register has it (other casing, box written "15/2", NACE without dot).
      {
        id: 'alpha', establishmentNumber: '2100010111', enterpriseNumber: '0400.010.182', name: 'ALPHA nv', street: 'interleuvenlaan',
        houseNumber: '15/2', postalCode: '3001', municipality: 'LEUVEN', naceCode: '72100', juridicalForm: '014', startDate: '2015-09-01',
        membershipStatus: 'member', email: 'ceo@alpha.example', notes: 'founding member',
      },
      // Bravo by enterprise number: moved within the park and renamed.
      {
        id: 'bravo', enterpriseNumber: '0400 020 278', name: 'Bravo', street: 'Kapeldreef', houseNumber: '58', postalCode: '3001',
        municipality: 'Leuven', naceCode: '47.110', membershipStatus: 'interested', email: 'hello@bravo.example',
      },
      // Golf by enterprise number only: it has two establishments on the park; the one at the stored address is taken.
      { id: 'golf', enterpriseNumber: '0400.070.758', name: 'Golf & Co, BV', street: 'Interleuvenlaan', houseNumber: '99', postalCode: '3001', membershipStatus: 'member' },
      // Delta: its establishment on the park is struck off.
      { id: 'delta', establishmentNumber: '2.100.040.496', enterpriseNumber: '0400.040.470', name: 'Delta NV', membershipStatus: 'former_member' },
      // Entered by hand, no number: cannot be matched; looks like Echo by its name.
      { id: 'echo?', name: 'echo bakkerij', membershipStatus: 'prospect' },
    ];
    const diff = diffRegister(candidates, existing);

    expect(diff.unchanged).toBe(1);
    expect(diff.matched.map((m) => [m.id, m.candidate.establishmentNumber ?? m.candidate.enterpriseNumber, m.by])).toEqual([
      ['alpha', '2.100.010.111', 'establishment'],
      ['bravo', '0400.020.278', 'enterprise'],
      ['golf', '2.100.070.883', 'enterprise'],
    ]);
    expect(diff.changed.map((c) => [c.id, c.fields])).toEqual([
      ['bravo', ['name', 'houseNumber', 'startDate']],
      ['golf', ['municipality', 'naceCode', 'juridicalForm', 'startDate']],
    ]);
    expect(diff.changed[0]!.values).toEqual({
      name: { from: 'Bravo', to: 'Bravo SPRL' },
      houseNumber: { from: '58', to: '60' },
      startDate: { from: null, to: '2010-03-15' },
    });
    expect(diff.vanished.map((r) => r.id)).toEqual(['delta']);
    expect(diff.unlinked.map((r) => r.id)).toEqual(['echo?']);
    expect(diff.added.map((c) => c.establishmentNumber ?? c.enterpriseNumber)).toEqual(['2.100.070.784', '2.100.060.688', '2.100.050.592']);
    expect(diff.possibleMatches.map((m) => [m.id, m.candidate.establishmentNumber, m.reason])).toEqual([['echo?', '2.100.050.592', 'name']]);
  });

  it('never compares or proposes what the association entered', () => {
    const record: Company = {
      id: 'c1', enterpriseNumber: '0400.020.278', name: 'Name', street: 'Interleuvenlaan', houseNumber: '1', postalCode: '3001',
      municipality: 'Leuven', naceCode: '62.010', juridicalForm: '014', startDate: '2015-09-01',
      membershipStatus: 'member', email: 'board@example.be', notes: 'pays late',
    };
    const c = candidate({ enterpriseNumber: '0400.020.278', contacts: [{ type: 'EMAIL', value: 'info@register.example', of: 'enterprise' }] });
    const diff = diffRegister([c], [record]);
    expect(diff.unchanged).toBe(1);
    expect(diff.changed).toEqual([]);
    expect(Object.keys(registerValues(c)).sort()).toEqual(['houseNumber', 'juridicalForm', 'municipality', 'naceCode', 'name', 'postalCode', 'startDate', 'street']);
    // The record handed back is the stored one, untouched.
    expect(diff.matched[0]!.id).toBe('c1');
    expect(record).toMatchObject({ membershipStatus: 'member', email: 'board@example.be', notes: 'pays late' });
  });

  it('keeps a stored value when the register has none, and compares only the fields asked for', () => {
    const record: Company = { id: 'c1', enterpriseNumber: '0400.020.278', name: 'Name', naceCode: '62.010', juridicalForm: 'custom', membershipStatus: 'member' };
    const c = candidate({ enterpriseNumber: '0400.020.278', naceCode: null, naceVersion: null, juridicalForm: null });
    const all = diffRegister([c], [record]);
    expect(all.changed[0]!.fields).toEqual(['street', 'houseNumber', 'postalCode', 'municipality', 'startDate']);
    const some = diffRegister([c], [record], { fields: ['name', 'naceCode'] });
    expect(some.unchanged).toBe(1);
  });

  it('reports a second record of an enterprise whose only candidate is taken as a duplicate, not as vanished', () => {
    const c = candidate({ enterpriseNumber: '0400.020.278' });
    const diff = diffRegister([c], [
      { id: 'a', enterpriseNumber: '0400.020.278', name: 'Name' },
      { id: 'b', enterpriseNumber: '0400.020.278', name: 'Name' },
    ]);
    expect(diff.matched.map((m) => m.id)).toEqual(['a']);
    expect(diff.duplicates.map((r) => r.id)).toEqual(['b']);
    expect(diff.vanished).toEqual([]);
  });

  it('suggests an unlinked record at the same address', () => {
    const c = candidate({ enterpriseNumber: '0400.020.278', name: 'New Name', address: { street: 'Kapeldreef', houseNumber: '60', box: '1', postalCode: '3001', municipality: 'Leuven' } });
    const diff = diffRegister([c], [{ id: 'x', name: 'Old name', street: 'kapeldreef', houseNumber: '60 bus 1', postalCode: '3001' }]);
    expect(diff.possibleMatches).toEqual([{ candidate: c, id: 'x', reason: 'address' }]);
  });
});

describe('diffRegister with linkEstablishments', () => {
  it('gives a record known by its enterprise number only the establishment number it matched, and nothing else changes', () => {
    const record = { id: 'e', enterpriseNumber: '0400.020.278', name: 'Name', street: 'Interleuvenlaan', houseNumber: '1', postalCode: '3001', municipality: 'Leuven', naceCode: '62.010', juridicalForm: '014', startDate: '2015-09-01' };
    const c = candidate({ enterpriseNumber: '0400.020.278', establishmentNumber: '2.100.060.688' });
    expect(diffRegister([c], [record]).unchanged).toBe(1);
    const linked = diffRegister([c], [record], { linkEstablishments: true });
    expect(linked.changed).toHaveLength(1);
    expect(linked.changed[0]!.fields).toEqual(['establishmentNumber']);
    expect(linked.changed[0]!.values).toEqual({ establishmentNumber: { from: null, to: '2.100.060.688' } });
    // A record that has its establishment number already is matched by it and stays unchanged.
    const withNumber = diffRegister([c], [{ ...record, establishmentNumber: '2100060688' }], { linkEstablishments: true });
    expect(withNumber.unchanged).toBe(1);
  });
});
