import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoData } from '../../scripts/local/demo-data';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-accounts';
import { seedDemoData } from '../../scripts/local/seed';
import { listCompanies } from '../../functions/companies/store';
import { coverage } from '../../functions/membership/store';
import { queryTenantPrefix } from '../../functions/lib/query';
import { keys, startTestApi, type TestApi } from '../support/test-api';

/** The seeded demo register: zones, counters per zone and the status index agree with the companies stored. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await seedDemoData(api.client, api.tableName);
}, 240_000);
afterAll(() => api.stop());

const association = (name: string) => buildDemoData().umbrellas.flatMap((u) => u.associations).find((a) => a.tenant.name === name)!;

async function everyCompany(tenantId: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await listCompanies(tenantId, { limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

describe('the seeded demo register', () => {
  it.each(['Oostende Werkt', 'C-Valley Leuven', 'Association Port of Zeebrugge Interests vzw'])('%s: zone counters, park counts and coverage per zone match the companies', async (name) => {
    const { tenant, parks } = association(name);
    const companies = await everyCompany(tenant.id);
    const stats = await queryTenantPrefix(tenant.id, keys.zoneStatsPrefix);
    expect(stats.length).toBeGreaterThan(0);
    for (const stat of stats) {
      const inZone = companies.filter((c) => c.zoneId === stat.zoneId);
      expect(stat.companyCount).toBe(inZone.length);
      expect(stat.memberCount).toBe(inZone.filter((c) => c.membershipStatus === 'member').length);
    }
    const figures = await coverage(tenant.id, new Date().toISOString());
    expect(figures.totals.companies).toBe(companies.length);
    for (const park of parks) {
      const row = figures.parks.find((p) => p.parkId === park.id)!;
      const onPark = companies.filter((c) => c.parkId === park.id);
      expect(row.companies).toBe(onPark.length);
      expect(row.zones.map((z) => z.zoneId)).toEqual(park.zones.filter((z) => !z.parentId).flatMap((z) => [z.id, ...park.zones.filter((s) => s.parentId === z.id).map((s) => s.id)]));
      expect(row.withoutZone.companies).toBe(onPark.filter((c) => !c.zoneId).length);
    }
    const members = await listCompanies(tenant.id, { status: 'member', limit: 100 });
    expect(members.reads).toBe(1);
    expect(members.items.length).toBe(Math.min(100, companies.filter((c) => c.membershipStatus === 'member').length));
  });
});

describe('the seeded demo accounts', () => {
  it('every company contact, also those added by a later step, has both membership rows linked to their company', async () => {
    const contacts = DEMO_ACCOUNTS.flatMap((account) => account.memberships.filter((m) => m.role === 'company_contact').map((m) => ({ account, m })));
    expect(contacts.some(({ account }) => account.addedBy)).toBe(true);
    for (const { account, m } of contacts) {
      const { tenant, companies } = association(m.tenantName);
      const companyId = m.company!(companies)!.id;
      expect((await api.getItem(keys.tenantMember(tenant.id, account.sub)))?.companyId, account.email).toBe(companyId);
      expect((await api.getItem(keys.userMembership(account.sub, tenant.id)))?.companyId, account.email).toBe(companyId);
    }
  });
});

// — activities: participants export and reminders —
describe('the seeded demo activities', () => {
  it('are written through the store: the training is full with a waitlist, counters and credits match the registrations, a second seed adds nothing', async () => {
    const { DEMO_ACTIVITY_IDS, seedDemoActivities } = await import('../../scripts/local/demo-activities');
    const { listRegistrations } = await import('../../functions/activities/registrations');
    const { getActivity } = await import('../../functions/activities/store');
    const { participationFigures } = await import('../../functions/activities/service');
    const pom = buildDemoData().umbrellas[0]!.tenant;
    const training = await getActivity(pom.id, DEMO_ACTIVITY_IDS.fireTraining);
    expect(training.occurrences[0]).toMatchObject({ capacity: 12, taken: 12, waiting: 3 });
    const registrations = await listRegistrations(pom.id, training.occurrences[0]!.id);
    expect(registrations.filter((r) => r.status === 'confirmed')).toHaveLength(12);
    expect(registrations.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition)).toEqual([1, 2, 3]);

    const walk = await getActivity(association('Bedrijvenpark Kortrijk-Noord vzw').tenant.id, DEMO_ACTIVITY_IDS.noonwalk);
    expect(walk.occurrences.map((o) => o.startsAt.slice(11))).toEqual(['12:00:00+02:00', '12:00:00+02:00', '12:00:00+02:00', '12:00:00+02:00']);
    expect(walk.occurrences.map((o) => new Date(o.startsAt).getUTCDay())).toEqual([4, 4, 4, 4]);
    const kga = await getActivity(pom.id, DEMO_ACTIVITY_IDS.hazardousWaste);
    expect(kga.occurrences[0]!.taken).toBe(5);

    // Credits in the umbrella: the training's 12 confirmed people (the waitlist is not credited) of 4 companies, and
    // the 5 companies that join the KGA collection as a whole (companies, not people). The Noonwalk is next year.
    const year = (startsAt: string) => Number(startsAt.slice(0, 4));
    const sameYear = year(training.occurrences[0]!.startsAt) === year(kga.occurrences[0]!.startsAt);
    const before = await participationFigures(pom.id, year(training.occurrences[0]!.startsAt));
    if (sameYear) expect(before).toMatchObject({ participantsRegistered: 12, companiesRegistered: 4 + 5 });
    await seedDemoActivities(buildDemoData());
    expect(await participationFigures(pom.id, year(training.occurrences[0]!.startsAt))).toEqual(before);
    expect((await getActivity(pom.id, DEMO_ACTIVITY_IDS.fireTraining)).occurrences[0]).toMatchObject({ taken: 12, waiting: 3 });
  });
});
