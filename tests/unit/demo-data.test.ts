import { describe, expect, it } from 'vitest';
import { coverageSeries } from '../../shared/coverage';
import { hasValidEnterpriseChecksum, isUlid } from '../../shared/index';
import { buildDemoData, zoneCounts } from '../../scripts/local/demo-data';
import { isKnownNaceCode } from '../../shared/nace';
import { entityKey, entityKind, hasValidEntityChecksum } from '../../shared/kbo/numbers';
import { zoneForStreet } from '../../shared/zones';
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

  it('puts companies in the zones of their own park, by their street, on the parks that have zones', () => {
    const zoned = associations.flatMap((a) => a.parks).filter((p) => p.zones.length > 0);
    expect(zoned.map((p) => p.name).sort()).toEqual(['Haven Zeebrugge', 'Kortrijk-Noord', 'Plassendale 1', 'Researchpark Haasrode']);
    for (const association of associations) {
      for (const company of association.companies) {
        const park = association.parks.find((p) => p.id === company.parkId)!;
        expect(company.zoneId, company.name).toBe(zoneForStreet(park.zones, company.street));
        if (company.zoneId) expect(park.zones.map((z) => z.id)).toContain(company.zoneId);
      }
    }
    const plassendale = zoned.find((p) => p.name === 'Plassendale 1')!;
    expect(plassendale.zones.filter((z) => z.parentId).map((z) => z.name)).toEqual(['Plassendale 1A', 'Plassendale 1B']);
    // Ids of zones are as stable as the rest.
    expect(buildDemoData().umbrellas.flatMap((u) => u.associations.flatMap((a) => a.parks.flatMap((p) => p.zones.map((z) => z.id))))).toEqual(
      associations.flatMap((a) => a.parks.flatMap((p) => p.zones.map((z) => z.id))),
    );
  });

  it('counts companies and members per zone as the zone counters must hold them', () => {
    let zonedCompanies = 0;
    for (const association of associations) {
      const counts = zoneCounts(association);
      for (const park of association.parks) {
        for (const zone of park.zones) {
          const inZone = association.companies.filter((c) => c.zoneId === zone.id);
          const counted = counts.get(zone.id) ?? { companies: 0, members: 0 };
          expect(counted.companies, zone.name).toBe(inZone.length);
          expect(counted.members, zone.name).toBe(inZone.filter((c) => c.membershipStatus === 'member').length);
          zonedCompanies += inZone.length;
        }
      }
      expect([...counts.values()].reduce((sum, z) => sum + z.companies, 0)).toBe(association.companies.filter((c) => c.zoneId).length);
    }
    expect(zonedCompanies).toBeGreaterThan(100);
  });

  it('registers establishments: valid, unique numbers, and some enterprises with two establishments on their park', () => {
    const companies = associations.flatMap((a) => a.companies);
    const numbers = companies.map((c) => c.establishmentNumber!);
    expect(numbers.every((n) => entityKind(entityKey(n)) === 'establishment' && hasValidEntityChecksum(entityKey(n)))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    const byEnterprise = new Map<string, typeof companies>();
    for (const company of companies) byEnterprise.set(company.enterpriseNumber!, [...(byEnterprise.get(company.enterpriseNumber!) ?? []), company]);
    const several = [...byEnterprise.values()].filter((rows) => rows.length > 1);
    expect(several.length).toBeGreaterThan(50);
    for (const rows of several) {
      expect(new Set(rows.map((r) => r.parkId)).size).toBe(1);
      expect(new Set(rows.map((r) => r.establishmentNumber)).size).toBe(rows.length);
    }
    expect(companies.every((c) => isKnownNaceCode(c.naceCode) && c.startDate && /^\d{4}-\d{2}-\d{2}$/.test(c.startDate))).toBe(true);
  });
});
