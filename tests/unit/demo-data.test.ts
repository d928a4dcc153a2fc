import { describe, expect, it } from 'vitest';
import { coverageSeries } from '../../shared/coverage';
import { hasValidEnterpriseChecksum, isUlid } from '../../shared/index';
import { buildDemoData } from '../../scripts/local/demo-data';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-accounts';

const data = buildDemoData();
const associations = data.umbrellas.flatMap((umbrella) => umbrella.associations);

describe('the demo data', () => {
  it('is the same on every run, so seeding twice never duplicates', () => {
    const again = buildDemoData();
    expect(again.umbrellas.flatMap((u) => u.associations.flatMap((a) => a.companies.map((c) => c.id)))).toEqual(
      associations.flatMap((a) => a.companies.map((c) => c.id)),
    );
  });

  it('has the two umbrellas and the thirteen associations of the sources, tens to hundreds of companies per park', () => {
    expect(data.umbrellas.map((u) => u.tenant.name)).toEqual(['POM West-Vlaanderen', 'POM Vlaams-Brabant']);
    expect(associations).toHaveLength(13);
    for (const association of associations) {
      for (const park of association.parks) {
        const count = association.companies.filter((c) => c.parkId === park.id).length;
        expect(count, park.name).toBeGreaterThanOrEqual(10);
        expect(count, park.name).toBeLessThanOrEqual(500);
      }
    }
  });

  it('uses unique ULIDs and valid enterprise numbers', () => {
    const companies = associations.flatMap((a) => a.companies);
    expect(new Set(companies.map((c) => c.id)).size).toBe(companies.length);
    expect(companies.every((c) => isUlid(c.id) && hasValidEnterpriseChecksum(c.enterpriseNumber!.replace(/\D/g, '')))).toBe(true);
  });

  it('tells a history that replays to exactly the seeded members and companies', () => {
    for (const association of associations) {
      const last = coverageSeries(association.history, '2026-12').at(-1)!;
      expect(last.companies, association.tenant.name).toBe(association.companies.length);
      expect(last.members, association.tenant.name).toBe(association.companies.filter((c) => c.membershipStatus === 'member').length);
    }
  });

  it('founds C-Valley Leuven on 29 March 2018 with 15 founding members', () => {
    const cValley = associations.find((a) => a.tenant.name === 'C-Valley Leuven')!;
    const founders = cValley.companies.filter((c) => c.founding);
    expect(founders).toHaveLength(15);
    expect(new Set(founders.map((c) => c.memberSince))).toEqual(new Set(['2018-03-29']));
  });

  it('gives every demo account memberships in tenants that exist', () => {
    const names = new Set([...data.umbrellas.map((u) => u.tenant.name), ...associations.map((a) => a.tenant.name)]);
    for (const account of DEMO_ACCOUNTS) for (const m of account.memberships) expect(names, account.email).toContain(m.tenantName);
  });
});
