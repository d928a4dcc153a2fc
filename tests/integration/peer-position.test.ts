import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { addMonths, brusselsMonth, FIGURE } from '../../functions/organisations/figures';
import { tenantItem, umbrellaAssociationItem } from '../../functions/organisations/items';
import type { PeerFigure, PeerFigurePosition, PeerPosition, Tenant } from '../../shared/index';
import { personItems, type Person } from '../support/identity';
import { startTestApi, type TestApi } from '../support/test-api';

/**
 * The association's own view (issue #6): its figures against anonymised quartiles of the associations under its
 * umbrella. An umbrella of six associations with figures written on its comparison rows (as the rollups and the
 * credit transactions keep them), so every quartile and quarter below is worked out by hand.
 */

const YEAR = 2025;
let api: TestApi;

const umbrella: Tenant = { id: ulid(), kind: 'umbrella', name: 'Koepel Kwartiel', region: 'Test' };
const association = (name: string): Tenant => ({ id: ulid(), kind: 'association', name, region: 'Test', umbrellaId: umbrella.id, umbrellaName: umbrella.name });
/** Names no other test or fixture uses, so finding one in a body can only be a leak. */
const X = {
  X1: association('Zonnedauw Bedrijvenkring vzw'),
  X2: association('Korenbloem Ondernemers vzw'),
  X3: association('Ijsvogel Parkvereniging vzw'),
  X4: association('Kievit Bedrijvenzone vzw'),
  X5: association('Waterhoen Terreinen vzw'),
  X6: association('Reiger Industriepark vzw'),
};
type Name = keyof typeof X;
const loner: Tenant = { id: ulid(), kind: 'association', name: 'Eenzame Eik vzw', region: 'Test' };

/**
 * Per association: companies and members; members 12 months ago (null: unknown then); this YEAR's activities,
 * participants and distinct companies that attended (undefined: no attribute, counted 0 like the comparison does).
 */
const FIGURES: Record<Name, { companies: number; members: number; yearAgo: number | null; activities: number; participants: number; companiesAttended?: number }> = {
  X1: { companies: 100, members: 80, yearAgo: 70, activities: 0, participants: 7 },
  X2: { companies: 100, members: 60, yearAgo: 65, activities: 3, participants: 7, companiesAttended: 1 },
  X3: { companies: 100, members: 40, yearAgo: 40, activities: 3, participants: 7, companiesAttended: 2 },
  X4: { companies: 100, members: 20, yearAgo: null, activities: 3, participants: 7, companiesAttended: 3 },
  X5: { companies: 100, members: 10, yearAgo: null, activities: 1, participants: 7, companiesAttended: 5 },
  X6: { companies: 50, members: 5, yearAgo: null, activities: 0, participants: 7, companiesAttended: 6 },
};

const person = (name: string, roles: Person['roles']): Person => ({ sub: ulid(), email: `${name}@peers.test`, name, roles });
const people = {
  adminX1: person('adminX1', [[X.X1, 'association_admin']]),
  editorX4: person('editorX4', [[X.X4, 'association_editor']]),
  contactX1: person('contactX1', [[X.X1, 'company_contact']]),
  staffUmbrella: person('staffUmbrella', [[umbrella, 'umbrella_staff']]),
  adminLoner: person('adminLoner', [[loner, 'association_admin']]),
};

function comparisonRow(name: Name) {
  const f = FIGURES[name];
  const yearAgo = addMonths(brusselsMonth(new Date()), -12);
  return {
    ...umbrellaAssociationItem(umbrella.id, { id: X[name].id, name: X[name].name, region: 'Test', parkCount: 1, companyCount: f.companies, memberCount: f.members }),
    ...(f.yearAgo === null ? {} : { [FIGURE.membersAt(yearAgo)]: f.yearAgo }),
    [FIGURE.activities(YEAR)]: f.activities,
    [FIGURE.participantsAttended(YEAR)]: f.participants,
    ...(f.companiesAttended === undefined ? {} : { [FIGURE.companiesAttended(YEAR)]: f.companiesAttended }),
  };
}

beforeAll(async () => {
  api = await startTestApi();
  const now = new Date().toISOString();
  await api.put([
    tenantItem(umbrella, now),
    ...Object.entries(X).map(([name, tenant]) => tenantItem(tenant, now, { parkCount: 1, companyCount: FIGURES[name as Name].companies, memberCount: FIGURES[name as Name].members })),
    tenantItem(loner, now, { parkCount: 1, companyCount: 40, memberCount: 30 }),
    ...Object.values(people).flatMap(personItems),
  ]);
  // The rollups copy each new tenant item to the umbrella; the rows below are written after them, so they stand.
  await api.drainStreams();
  await api.put((Object.keys(X) as Name[]).map(comparisonRow));
  await api.drainStreams();
});
afterAll(() => api.stop());

async function peerPosition(who: keyof typeof people | 'adminA1' | 'staffU1', associationId: string, query = `?year=${YEAR}`) {
  const as = who in people ? { token: await api.idp.tokenFor(people[who as keyof typeof people].sub) } : (who as 'adminA1');
  return api.call('GET', `/api/tenants/${associationId}/peer-position${query}`, { as });
}
const figure = (body: PeerPosition, name: PeerFigure) => body.figures.find((entry) => entry.figure === name);

/** Every other association's name and id, to be found nowhere in a body. */
function expectNothingOfOthers(text: string, own: Tenant, others: Tenant[]) {
  for (const other of others.filter((tenant) => tenant.id !== own.id)) {
    expect(text, other.name).not.toContain(other.name);
    expect(text, other.id).not.toContain(other.id);
  }
}

describe('an association’s position among its umbrella’s associations', () => {
  it('answers its own figures, the quartiles of all six associations and the quarter it falls in', async () => {
    const answer = await peerPosition('adminX1', X.X1.id);
    expect(answer.status, answer.text).toBe(200);
    const body = answer.body as PeerPosition;
    expect(body).toMatchObject({ year: YEAR, umbrellaName: 'Koepel Kwartiel', associationCount: 6, minimumPeers: 5, tooFewPeers: false });

    // Coverage 0.8 among [0.1, 0.1, 0.2, 0.4, 0.6, 0.8]: type 7 gives Q1 0.125, median 0.3, Q3 0.55; rank 5.5/6: top.
    const coverage = figure(body, 'coverage')!;
    expect(coverage).toMatchObject({ value: 0.8, count: 6, tooFewPeers: false, quarter: 'top', allEqual: false });
    expect(coverage.quartiles!.q1).toBeCloseTo(0.125, 10);
    expect(coverage.quartiles!.median).toBeCloseTo(0.3, 10);
    expect(coverage.quartiles!.q3).toBeCloseTo(0.55, 10);

    // Members 80 among [5, 10, 20, 40, 60, 80].
    expect(figure(body, 'members')).toEqual<PeerFigurePosition>({
      figure: 'members', value: 80, count: 6, tooFewPeers: false, quartiles: { q1: 12.5, median: 30, q3: 55 }, quarter: 'top', allEqual: false,
    });
    // Activities 0 among [0, 0, 1, 3, 3, 3]: the two zeros share rank 1/6, the bottom quarter.
    expect(figure(body, 'activitiesOrganised')).toMatchObject({ value: 0, quartiles: { q1: 0.25, median: 2, q3: 3 }, quarter: 'bottom' });
    // Everyone had 7 participants: no quarter to be in.
    expect(figure(body, 'participantsAttended')).toMatchObject({ value: 7, count: 6, quartiles: { q1: 7, median: 7, q3: 7 }, quarter: null, allEqual: true });
    // No attribute counts 0, as in the comparison table: 0 among [0, 1, 2, 3, 5, 6].
    expect(figure(body, 'companiesAttended')).toMatchObject({ value: 0, count: 6, quartiles: { q1: 1.25, median: 2.5, q3: 4.5 }, quarter: 'bottom' });
    // Only three associations knew their members a year ago: too few for quartiles of the change, own value kept.
    expect(figure(body, 'membersChange12m')).toEqual<PeerFigurePosition>({
      figure: 'membersChange12m', value: 10, count: 3, tooFewPeers: true, quartiles: null, quarter: null, allEqual: false,
    });
    expect(body.figures.map((entry) => entry.figure)).toEqual(['coverage', 'members', 'membersChange12m', 'activitiesOrganised', 'participantsAttended', 'companiesAttended']);

    expectNothingOfOthers(answer.text, X.X1, Object.values(X));
  });

  it('places an editor’s association in its own quarter, and leaves out a figure it does not know', async () => {
    const answer = await peerPosition('editorX4', X.X4.id);
    expect(answer.status, answer.text).toBe(200);
    const body = answer.body as PeerPosition;
    // Members 20 among [5, 10, 20, 40, 60, 80]: rank 2.5/6 ≈ 0.42, the second quarter; coverage 0.2 likewise.
    expect(figure(body, 'members')).toMatchObject({ value: 20, quarter: 'second' });
    expect(figure(body, 'coverage')).toMatchObject({ value: 0.2, quarter: 'second' });
    // Activities 3 among [0, 0, 1, 3, 3, 3]: rank (3 + 1.5)/6 = 0.75, on the boundary, so the top quarter.
    expect(figure(body, 'activitiesOrganised')).toMatchObject({ value: 3, quarter: 'top' });
    // X4 did not know its members a year ago: no change figure at all.
    expect(figure(body, 'membersChange12m')).toBeUndefined();
    expectNothingOfOthers(answer.text, X.X4, Object.values(X));
  });

  it('reads the figures of the year asked: another year has no activities anywhere', async () => {
    const answer = await peerPosition('adminX1', X.X1.id, `?year=${YEAR - 1}`);
    expect(answer.status, answer.text).toBe(200);
    expect(figure(answer.body, 'activitiesOrganised')).toMatchObject({ value: 0, allEqual: true, quarter: null });
    expect(figure(answer.body, 'members')).toMatchObject({ value: 80, quarter: 'top' });
  });

  it('answers only the own figures and `tooFewPeers` under an umbrella of fewer than five associations', async () => {
    await api.drainStreams();
    const answer = await peerPosition('adminA1', api.world.tenants.A1.id);
    expect(answer.status, answer.text).toBe(200);
    const body = answer.body as PeerPosition;
    expect(body).toMatchObject({ umbrellaName: api.world.tenants.U1.name, associationCount: 2, tooFewPeers: true });
    expect(body.figures.length).toBeGreaterThan(0);
    for (const entry of body.figures) expect(entry).toMatchObject({ tooFewPeers: true, quartiles: null, quarter: null });
    expectNothingOfOthers(answer.text, api.world.tenants.A1, [api.world.tenants.A2, api.world.tenants.B1]);
  });

  it('answers the own figures and no peers for an association without an umbrella (not an error)', async () => {
    const answer = await peerPosition('adminLoner', loner.id);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual<PeerPosition>({
      year: YEAR, umbrellaName: null, associationCount: 0, minimumPeers: 5, tooFewPeers: true,
      figures: [
        { figure: 'coverage', value: 0.75, count: 1, tooFewPeers: true, quartiles: null, quarter: null, allEqual: false },
        { figure: 'members', value: 30, count: 1, tooFewPeers: true, quartiles: null, quarter: null, allEqual: false },
      ],
    });
  });

  it('refuses a year that is not one, with a field message', async () => {
    for (const query of ['?year=abc', '?year=1999', '?year=2025.5']) {
      const answer = await peerPosition('adminX1', X.X1.id, query);
      expect(answer.status, `${query}: ${answer.text}`).toBe(400);
      expect(answer.body.error.fields, query).toEqual([expect.objectContaining({ path: 'query.year', code: 'invalid_year' })]);
    }
    const unknown = await peerPosition('adminX1', X.X1.id, '?umbrellaId=x');
    expect(unknown.status).toBe(400);
  });

  it('is for the association’s own admins and editors: not its company contacts, not the umbrella’s staff', async () => {
    expect((await peerPosition('contactX1', X.X1.id)).status).toBe(403);
    expect((await peerPosition('staffUmbrella', X.X1.id)).status).toBe(403);
    // Another association's position is not the caller's to see (no relationship: not found).
    expect((await peerPosition('adminX1', X.X2.id)).status).toBe(404);
  });
});
