import { describe, expect, it } from 'vitest';
import { coverageSeries } from '../../shared/coverage';
import { hasValidEnterpriseChecksum, isUlid } from '../../shared/index';
import { buildDemoData, zoneCounts } from '../../scripts/local/demo-data';
import { isKnownNaceCode } from '../../shared/nace';
import { entityKey, entityKind, hasValidEntityChecksum } from '../../shared/kbo/numbers';
import { zoneForStreet } from '../../shared/zones';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-accounts';
import { DEMO_ACTIVITY_IDS, demoActivityPlans, nextNoonwalkStart } from '../../scripts/local/demo-activities';

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

// — activities: participants export and reminders —
describe('the demo activities', () => {
  const today = '2026-11-23';
  const plans = demoActivityPlans(data, today);
  const byId = (id: string) => plans.find((plan) => plan.id === id)!;
  const companyOf = (id: string) => associations.flatMap((a) => a.companies.map((c) => ({ company: c, association: a }))).find((x) => x.company.id === id);

  it('are the fire-fighting training, the Noonwalk and the KGA collection, with fixed ids, all upcoming', () => {
    expect(plans.map((plan) => plan.input.title)).toEqual(['Basisopleiding brandbestrijding', 'Noonwalk Kortrijk-Noord', 'Collectieve inzameling klein gevaarlijk afval (KGA)']);
    expect(plans.every((plan) => isUlid(plan.id))).toBe(true);
    for (const plan of plans) {
      expect(Date.parse(plan.input.startsAt), plan.input.title).toBeGreaterThan(Date.parse(`${today}T23:59:59Z`));
      expect(Date.parse(plan.input.endsAt)).toBeGreaterThan(Date.parse(plan.input.startsAt));
      expect(plan.input.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
    }
    // Relative to the day of seeding: a year later, they are a year later.
    expect(Date.parse(demoActivityPlans(data, '2027-11-23')[0]!.input.startsAt) - Date.parse(plans[0]!.input.startsAt)).toBe(365 * 86_400_000);
  });

  it('fill the training (12 seats, two associations) and leave a waitlist, within the company limit, only from the audience', () => {
    const training = byId(DEMO_ACTIVITY_IDS.fireTraining);
    expect(training.organiser.name).toBe('POM West-Vlaanderen');
    expect(training.input).toMatchObject({ type: 'training', capacity: 12, perCompanyLimit: 4 });
    expect(training.input.startsAt).toMatch(/T08:30:00/);
    const audience = training.input.audience as { kind: string; associationIds: string[] };
    expect(audience.kind).toBe('associations');
    expect(audience.associationIds).toHaveLength(2);
    expect(training.registrations.length).toBeGreaterThan(12);
    const perCompany = new Map<string, number>();
    for (const registration of training.registrations) {
      const found = companyOf(registration.companyId)!;
      expect(audience.associationIds).toContain(found.association.tenant.id);
      expect(found.association.tenant.name).toBe(registration.association);
      perCompany.set(registration.companyId, (perCompany.get(registration.companyId) ?? 0) + 1);
    }
    expect(Math.max(...perCompany.values())).toBeLessThanOrEqual(4);
  });

  it('repeat the Noonwalk on the first Thursday of June to September, at noon, at a host company of its own park', () => {
    const walk = byId(DEMO_ACTIVITY_IDS.noonwalk);
    expect(nextNoonwalkStart('2026-11-23')).toBe('2027-06-03');
    expect(nextNoonwalkStart('2027-05-31')).toBe('2027-06-03');
    expect(nextNoonwalkStart('2027-06-01')).toBe('2028-06-01');
    expect(walk.input.startsAt).toBe('2027-06-03T12:00:00+02:00');
    expect(walk.input.repeat).toMatchObject({ frequency: 'monthly', until: '2027-09-30' });
    expect(walk.input.audience).toEqual({ kind: 'own_members' });
    const place = walk.input.place as { kind: string; associationId: string; companyId: string };
    expect(place.kind).toBe('company');
    expect(companyOf(place.companyId)!.association.tenant.id).toBe(walk.organiser.id);
    expect(walk.registrations.every((r) => r.association === walk.organiser.name)).toBe(true);
  });

  it('register whole companies for the KGA collection, each with kilograms', () => {
    const kga = byId(DEMO_ACTIVITY_IDS.hazardousWaste);
    expect(kga.input.type).toBe('collective_action');
    expect(kga.registrations.length).toBeGreaterThanOrEqual(3);
    expect(kga.registrations.every((r) => r.registrant.kind === 'company' && (r.outcomeKg ?? 0) > 0)).toBe(true);
    expect(new Set(kga.registrations.map((r) => r.association)).size).toBeGreaterThan(1);
  });

  it('invent their people: .test addresses, nobody twice per activity', () => {
    for (const plan of plans) {
      const emails = plan.registrations.map((r) => r.registrant.person.email);
      expect(emails.every((email) => /^[a-z.]+@[a-z0-9-]+\.test$/.test(email)), plan.input.title).toBe(true);
      expect(new Set(emails).size).toBe(emails.length);
    }
  });
});
