import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { routes, type RouteDefinition } from '../../functions/routes';
import type { Role } from '../../shared/index';
import { companyFixture, companyItem } from '../support/fixtures';
import { startTestApi, type PersonName, type TestApi } from '../support/test-api';
import { createInvitation } from '../../functions/team/store';
import { tenantItem } from '../../functions/organisations/items';
import type { Tenant } from '../../shared/index';

/**
 * The isolation matrix: every route of the route table × every persona × every target tenant. The expectations
 * below are written out by hand — they are the specification, deliberately not derived from the route table's
 * access policies — and a route without a row here fails the test.
 */

let api: TestApi;
/** An association outside the targets: invitations to it can be accepted without changing any cell's relations. */
const A3: Tenant = { id: ulid(), kind: 'association', name: 'Association A3', umbrellaId: undefined };
beforeAll(async () => {
  api = await startTestApi();
  await api.put([tenantItem(A3, new Date().toISOString(), { parkCount: 0, companyCount: 0 })]);
});

async function invitationToken(): Promise<string> {
  const actor = { userId: 'matrix-admin', requestId: 'matrix', now: new Date().toISOString(), name: 'Matrix' };
  return (await createInvitation(A3, { email: `${ulid()}@matrix.test`, role: 'company_contact' }, actor)).token;
}
afterAll(() => api.stop());

type Target = 'A1' | 'A2' | 'B1' | 'U1' | 'U2';
type Persona = Exclude<PersonName, 'managerA1A2' | 'adminB1' | 'editorA1' | 'stranger'> | 'anonymous';
const PERSONAS: Persona[] = ['anonymous', 'contactA1', 'adminA1', 'adminA2', 'staffU1', 'adminU1', 'staffU2', 'platform', 'partnerA1'];

/** Each persona's role per tenant, written out: own memberships, umbrella staff over their associations, platform. */
const RELATION: Record<Persona, Partial<Record<Target, Role>>> = {
  anonymous: {},
  contactA1: { A1: 'company_contact' },
  partnerA1: { A1: 'external_partner' },
  adminA1: { A1: 'association_admin' },
  adminA2: { A2: 'association_admin' },
  staffU1: { U1: 'umbrella_staff', A1: 'umbrella_staff', A2: 'umbrella_staff' },
  adminU1: { U1: 'umbrella_admin', A1: 'umbrella_admin', A2: 'umbrella_admin' },
  staffU2: { U2: 'umbrella_staff', B1: 'umbrella_staff' },
  platform: { A1: 'platform_admin', A2: 'platform_admin', B1: 'platform_admin', U1: 'platform_admin', U2: 'platform_admin' },
};

/** Tenants whose data may appear in a persona's responses (an association's profile names its umbrella). */
const MAY_SEE: Record<Persona, Target[]> = {
  anonymous: [],
  contactA1: ['A1', 'U1'],
  partnerA1: ['A1', 'U1'],
  adminA1: ['A1', 'U1'],
  adminA2: ['A2', 'U1'],
  staffU1: ['U1', 'A1', 'A2'],
  adminU1: ['U1', 'A1', 'A2'],
  staffU2: ['U2', 'B1'],
  platform: ['A1', 'A2', 'B1', 'U1', 'U2'],
};

const ASSOCIATIONS: Target[] = ['A1', 'A2', 'B1'];
const UMBRELLAS: Target[] = ['U1', 'U2'];
const ALL_ROLES: Role[] = ['association_admin', 'association_editor', 'company_contact', 'external_partner', 'umbrella_admin', 'umbrella_staff', 'platform_admin'];
const REGISTER: Role[] = ['association_admin', 'association_editor'];

type Expectation =
  | { kind: 'public' }
  | { kind: 'signedIn'; except?: Partial<Record<Persona, number>> }
  | { kind: 'platformOnly' }
  /** `ownPeopleOnly`: umbrella people get 403 on the umbrella's associations even with a listed role. */
  | { kind: 'tenant'; targets: Target[]; roles: Role[]; ownPeopleOnly?: boolean };

const TEAM: Expectation = { kind: 'tenant', targets: [...ASSOCIATIONS, ...UMBRELLAS], roles: ['association_admin', 'umbrella_admin'], ownPeopleOnly: true };
const MEMBER_OF: Record<Target, Persona[]> = {
  A1: ['contactA1', 'adminA1', 'partnerA1'], A2: ['adminA2'], B1: [], U1: ['staffU1', 'adminU1'], U2: ['staffU2'],
};
const userOf = async (target: Target) => {
  const admin = ({ A1: 'adminA1', A2: 'adminA2', B1: 'adminB1', U1: 'adminU1', U2: 'staffU2' } as const)[target];
  return api.world.people[admin].sub;
};

type Request = { method: string; path: string; body?: unknown };
type Row = { expect: Expectation; request: (target: Target | null) => Promise<Request>; cleanup?: () => Promise<void> };

const ids = () => api.world.tenants;
const tenantId = (target: Target) => ids()[target].id;
const parkOf = (target: Target) => ({ A1: api.world.parks.P1.id, A2: api.world.parks.P3.id, B1: api.world.parks.Q1.id })[target as 'A1'] ?? ulid();

/** A fresh company in the target tenant, written straight to the table, so every cell starts from version 1. */
async function freshCompany(target: Target): Promise<string> {
  if (!ASSOCIATIONS.includes(target)) return ulid();
  const company = companyFixture(tenantId(target), parkOf(target), { name: `Matrix ${target} ${ulid()}` });
  await api.put([companyItem(company)]);
  return company.id;
}

// — activities: who organises, who registers (rows under the activities anchor below) —
const ORGANISERS: Expectation = {
  kind: 'tenant', targets: [...ASSOCIATIONS, ...UMBRELLAS], roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff'], ownPeopleOnly: true,
};
const MEMBERS: Expectation = { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin', 'association_editor', 'company_contact'], ownPeopleOnly: true };
/** Whose companies register for a target's activities: an association's own, an umbrella's first association's. */
const HOME_OF: Record<Target, Target> = { A1: 'A1', A2: 'A2', B1: 'B1', U1: 'A1', U2: 'B1' };
const UMBRELLA_OF: Record<Target, Target> = { A1: 'U1', A2: 'U1', B1: 'U2', U1: 'U1', U2: 'U2' };
const BUDGET_READERS: Expectation = { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff'] };
/** The consultation log (issue #6): the umbrella's own admins and staff. */
const CONSULTATIONS: Expectation = { kind: 'tenant', targets: UMBRELLAS, roles: ['umbrella_admin', 'umbrella_staff'] };
const MATRIX: Record<string, Row> = {
  getHealth: { expect: { kind: 'public' }, request: async () => ({ method: 'GET', path: '/api/health' }) },
  getOpenApi: { expect: { kind: 'public' }, request: async () => ({ method: 'GET', path: '/api/openapi.json' }) },
  getMe: { expect: { kind: 'signedIn' }, request: async () => ({ method: 'GET', path: '/api/me' }) },
  listUmbrellas: { expect: { kind: 'platformOnly' }, request: async () => ({ method: 'GET', path: '/api/umbrellas' }) },
  getTenant: {
    expect: { kind: 'tenant', targets: [...ASSOCIATIONS, ...UMBRELLAS], roles: ALL_ROLES },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}` }),
  },
  listAssociations: {
    expect: { kind: 'tenant', targets: UMBRELLAS, roles: ['umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/associations` }),
  },
  getComparison: {
    expect: { kind: 'tenant', targets: UMBRELLAS, roles: ['umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/comparison?year=2026` }),
  },
  // The association's own view (issue #6): its own admins and editors; umbrella people have the comparison itself
  // (403 on their associations), contacts, partners and the platform get 403; the leak check above holds it to A1/A2
  // ids never reaching each other's admin although both rows sit in U1's partition.
  getPeerPosition: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER, ownPeopleOnly: true },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/peer-position?year=2026` }),
  },
  listParks: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin', 'association_editor', 'company_contact', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/parks` }),
  },
  createPark: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin'], ownPeopleOnly: true },
    request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/parks`, body: { name: `Matrix park ${ulid()}`, municipality: 'Leuven', postalCode: '3001' } }),
  },
  updatePark: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin'], ownPeopleOnly: true },
    request: async (t) => {
      const parkId = parkOf(t!);
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/parks/${parkId}`, body: { name: 'Matrix', municipality: 'Leuven', postalCode: '3001', streets: [], zones: [], version: await parkVersion(t!, parkId) } };
    },
  },
  previewKboImport: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/parks/${parkOf(t!)}/kbo/preview`, body: { candidates: [] } }),
  },
  applyKboImport: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({
      method: 'POST', path: `/api/tenants/${tenantId(t!)}/parks/${parkOf(t!)}/kbo/apply`,
      // Nothing to import and nothing expected: a no-op for those allowed, refused for the others.
      body: { candidates: [], expect: { added: [], changed: [], vanished: await vanishedOn(t!) } },
    }),
  },
  listCompanies: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/companies` }),
  },
  createCompany: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/companies`, body: { name: `Matrix nieuw ${ulid()}`, parkId: parkOf(t!) } }),
  },
  getCompany: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/companies/${await freshCompany(t!)}` }),
  },
  updateCompany: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({
      method: 'PUT',
      path: `/api/tenants/${tenantId(t!)}/companies/${await freshCompany(t!)}`,
      body: { name: 'Matrix bewerkt', parkId: parkOf(t!), version: 1 },
    }),
  },
  listMembers: { expect: TEAM, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/members` }) },
  changeMemberRole: {
    // An admin changing their own role would be refused as the last admin: the cell asks for a no-op change.
    expect: TEAM,
    request: async (t) => {
      const userId = await userOf(t!);
      const role = t!.startsWith('U') ? (t === 'U2' ? 'umbrella_staff' : 'umbrella_admin') : 'association_admin';
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/members/${userId}`, body: { role, version: await memberVersion(t!, userId) } };
    },
  },
  removeMember: {
    // Removing a non-member answers 404 to those allowed (nothing to remove), so the cell targets a fresh member.
    expect: TEAM,
    request: async (t) => ({ method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/members/${await freshMember(t!)}?version=1` }),
  },
  listInvitations: { expect: TEAM, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/invitations` }) },
  createInvitation: {
    expect: TEAM,
    // A company contact is invited for a company of the association's register.
    request: async (t) => ({
      method: 'POST', path: `/api/tenants/${tenantId(t!)}/invitations`,
      body: t!.startsWith('U')
        ? { email: `${ulid()}@matrix.test`, role: 'umbrella_staff' }
        : { email: `${ulid()}@matrix.test`, role: 'company_contact', companyId: await freshCompany(t!) },
    }),
  },
  revokeInvitation: {
    expect: TEAM,
    request: async (t) => ({ method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/invitations/${await freshInvitation(t!)}` }),
  },
  previewInvitation: { expect: { kind: 'signedIn' }, request: async () => ({ method: 'POST', path: '/api/invitations/preview', body: { token: await invitationToken() } }) },
  acceptInvitation: { expect: { kind: 'signedIn' }, request: async () => ({ method: 'POST', path: '/api/invitations/accept', body: { token: await invitationToken() } }) },
  listGrants: {
    expect: { kind: 'tenant', targets: [...ASSOCIATIONS, ...UMBRELLAS], roles: ['association_admin', 'umbrella_admin', 'umbrella_staff'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/grants` }),
  },
  giveGrant: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin'], ownPeopleOnly: true },
    request: async (t) => ({ method: 'PUT', path: `/api/tenants/${tenantId(t!)}/grants/register` }),
    cleanup: withdrawAllGrants,
  },
  withdrawGrant: {
    // Each cell starts from a granted register, so the allowed callers have something to withdraw.
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin'], ownPeopleOnly: true },
    request: async (t) => {
      if (ASSOCIATIONS.includes(t!)) await grantRegister(t!);
      return { method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/grants/register` };
    },
    cleanup: withdrawAllGrants,
  },
  getCoverage: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/coverage` }),
  },
  getGoals: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/goals` }),
  },
  updateGoals: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin'], ownPeopleOnly: true },
    request: async (t) => ({
      method: 'PUT', path: `/api/tenants/${tenantId(t!)}/goals`,
      body: { targetCoverage: 0.5, foundingThreshold: 20, stage: 'founded', version: await goalsVersion(t!) },
    }),
  },
  getCompanyHistory: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/companies/${await freshCompany(t!)}/history` }),
  },
  listDues: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/dues?year=2026` }),
  },
  putDues: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({
      method: 'PUT', path: `/api/tenants/${tenantId(t!)}/companies/${await freshCompany(t!)}/dues/2026`, body: { amountCents: 10_000, version: 0 },
    }),
  },
  listAudit: { expect: TEAM, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/audit` }) },
  deleteCompany: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/companies/${await freshCompany(t!)}?version=1` }),
  },
  // — people of the association —
  // Writes by the association's own admins and editors; reads also by its company contacts and its umbrella's people.
  listPeople: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin', 'association_editor', 'company_contact', 'umbrella_admin', 'umbrella_staff'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/people` }),
  },
  createBoardMember: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/people/board`, body: { name: 'Matrix Bestuurder', function: 'member' } }),
  },
  updateBoardMember: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({
      method: 'PUT', path: `/api/tenants/${tenantId(t!)}/people/board/${await freshPerson(t!, 'board')}`,
      body: { name: 'Matrix Bewerkt', function: 'secretary', version: 1 },
    }),
  },
  deleteBoardMember: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/people/board/${await freshPerson(t!, 'board')}?version=1` }),
  },
  createParkManager: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({
      method: 'POST', path: `/api/tenants/${tenantId(t!)}/people/park-managers`,
      body: { name: 'Matrix Parkmanager', organisation: 'Matrix', daysPerWeek: 1, from: '2026-01-01' },
    }),
  },
  updateParkManager: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({
      method: 'PUT', path: `/api/tenants/${tenantId(t!)}/people/park-managers/${await freshPerson(t!, 'manager')}`,
      body: { name: 'Matrix Bewerkt', organisation: 'Matrix', daysPerWeek: 2.5, from: '2026-01-01', version: 1 },
    }),
  },
  deleteParkManager: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/people/park-managers/${await freshPerson(t!, 'manager')}?version=1` }),
  },
  createWorkingGroup: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/people/working-groups`, body: { name: `Matrix werkgroep ${ulid()}`, theme: 'safety' } }),
  },
  updateWorkingGroup: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({
      method: 'PUT', path: `/api/tenants/${tenantId(t!)}/people/working-groups/${await freshPerson(t!, 'group')}`,
      body: { name: 'Matrix bewerkt', theme: 'energy', members: [], version: 1 },
    }),
  },
  deleteWorkingGroup: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/people/working-groups/${await freshPerson(t!, 'group')}?version=1` }),
  },
  // — CSV import and export —
  exportRegisterCsv: {
    // Umbrella people would need the register grant, which the matrix never leaves in place: they get 403.
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/companies/export?kind=companies&separator=semicolon` }),
  },
  previewCsvImport: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/companies/import/preview`, body: { kind: 'companies', csv: `naam\nMatrix CSV ${ulid()}\n` } }),
  },
  applyCsvImport: {
    // A file with a header and no rows: nothing to write, so the allowed callers get 200 and nothing changes.
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER },
    request: async (t) => {
      const { planImport } = await import('../../functions/transfer/csv-import');
      const csv = 'naam\n';
      return { method: 'POST', path: `/api/tenants/${tenantId(t!)}/companies/import/apply`, body: { kind: 'companies', csv, fingerprint: planImport(csv, 'companies', { parks: [], rows: [] }).fingerprint } };
    },
  },
  // — member self-service —
  // A company contact's own company: contactA1 (linked to a company of A1) only; staff use the register instead.
  getMyCompany: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['company_contact'], ownPeopleOnly: true },
    request: async (t) => {
      await freshLinkedCompany();
      return { method: 'GET', path: `/api/tenants/${tenantId(t!)}/my-company` };
    },
  },
  updateMyCompany: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['company_contact'], ownPeopleOnly: true },
    request: async (t) => {
      await freshLinkedCompany();
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/my-company`, body: { website: 'https://matrix.example', version: 1 } };
    },
  },
  // What the association publishes to its members: its own people (never through the umbrella, not the platform).
  listMemberDirectory: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: ['association_admin', 'association_editor', 'company_contact'], ownPeopleOnly: true },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/member-directory` }),
  },
  // — activities —
  // Organisers: an association's or umbrella's own admins/editors/staff; never umbrella people on an association.
  listActivities: { expect: ORGANISERS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/activities` }) },
  createActivity: { expect: ORGANISERS, request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/activities`, body: matrixActivityInput(t!) }) },
  getActivity: {
    expect: ORGANISERS,
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/activities/${(await matrixActivity(t!)).activityId}` }),
  },
  updateActivity: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId } = await matrixActivity(t!);
      const { startsAt: _s, endsAt: _e, capacity: _c, ...fields } = matrixActivityInput(t!);
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}`, body: { ...fields, title: 'Matrix bewerkt', version: 1 } };
    },
  },
  cancelActivity: {
    expect: ORGANISERS,
    request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/activities/${(await matrixActivity(t!)).activityId}/cancel`, body: { version: 1 } }),
  },
  updateOccurrence: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId, startsAt, endsAt } = await matrixActivity(t!);
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}`, body: { startsAt, endsAt, capacity: 40, registrationOpen: true, version: 1 } };
    },
  },
  cancelOccurrence: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId } = await matrixActivity(t!);
      return { method: 'POST', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/cancel`, body: { version: 1 } };
    },
  },
  listRegistrations: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId } = await matrixRegistration(t!);
      return { method: 'GET', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/registrations` };
    },
  },
  registerForCompany: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId } = await matrixActivity(t!);
      const home = HOME_OF[t!];
      return {
        method: 'POST', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/registrations`,
        body: { kind: 'people', associationId: tenantId(home), companyId: await freshCompany(home), people: [{ name: 'Matrix', email: `${ulid()}@matrix.test` }] },
      };
    },
  },
  cancelRegistration: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId, registrationId } = await matrixRegistration(t!);
      return { method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/registrations/${registrationId}` };
    },
  },
  recordAttendance: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId, registrationId } = await matrixRegistration(t!);
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/registrations/${registrationId}/attendance`, body: { attendance: 'present', version: 1 } };
    },
  },
  listOutcomes: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId } = await matrixRegistration(t!);
      return { method: 'GET', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/outcomes` };
    },
  },
  recordOutcome: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId, companyId } = await matrixRegistration(t!);
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/outcomes/${companyId}`, body: { quantities: [{ quantity: 12, unit: 'kg' }], version: 0 } };
    },
  },
  // Members register from their own association's side (admins and editors for any company, a contact for theirs),
  // for an activity of their umbrella open to all its associations; never through the umbrella, not the platform.
  getOfferedActivity: {
    expect: MEMBERS,
    request: async (t) => {
      const { organiserId, activityId } = await matrixActivity(UMBRELLA_OF[t!]);
      return { method: 'GET', path: `/api/tenants/${tenantId(t!)}/organisers/${organiserId}/activities/${activityId}` };
    },
  },
  registerColleagues: {
    expect: MEMBERS,
    request: async (t) => {
      const { organiserId, activityId, occurrenceId } = await matrixActivity(UMBRELLA_OF[t!]);
      return {
        method: 'POST', path: `/api/tenants/${tenantId(t!)}/organisers/${organiserId}/activities/${activityId}/occurrences/${occurrenceId}/registrations`,
        body: { kind: 'people', companyId: await memberCompany(t!), people: [{ name: 'Matrix', email: `${ulid()}@matrix.test` }] },
      };
    },
  },
  cancelOwnRegistration: {
    expect: MEMBERS,
    request: async (t) => {
      const { organiserId, activityId, occurrenceId, registrationId } = await matrixRegistration(UMBRELLA_OF[t!], t!, await memberCompany(t!));
      return { method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/organisers/${organiserId}/activities/${activityId}/occurrences/${occurrenceId}/registrations/${registrationId}` };
    },
  },
  // Figures: the tenant's own staff and, for an association, its umbrella's people (like coverage), and the platform.
  getParticipationFigures: {
    expect: { kind: 'tenant', targets: [...ASSOCIATIONS, ...UMBRELLAS], roles: ['association_admin', 'association_editor', 'umbrella_admin', 'umbrella_staff', 'platform_admin'] },
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/participation?year=2027` }),
  },
  // — activities: members' calendar, my registrations, calendar files —
  // The members' side: an association's own admins, editors and company contacts; never through the umbrella.
  getCalendar: { expect: MEMBERS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/calendar` }) },
  listMyRegistrations: { expect: MEMBERS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/my-registrations?when=all` }) },
  getActivityIcs: {
    expect: ORGANISERS,
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/activities/${(await matrixActivity(t!)).activityId}/calendar.ics` }),
  },
  getOfferedActivityIcs: {
    expect: MEMBERS,
    request: async (t) => {
      const { organiserId, activityId } = await matrixActivity(UMBRELLA_OF[t!]);
      return { method: 'GET', path: `/api/tenants/${tenantId(t!)}/organisers/${organiserId}/activities/${activityId}/calendar.ics` };
    },
  },
  listCalendarFeeds: { expect: MEMBERS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/calendar-feeds` }) },
  createCalendarFeed: { expect: MEMBERS, request: async (t) => ({ method: 'POST', path: `/api/tenants/${tenantId(t!)}/calendar-feeds`, body: { scope: 'association' } }) },
  // A feed id names a row in the caller's own person partition: revoking an unknown one is a no-op (204).
  revokeCalendarFeed: { expect: MEMBERS, request: async (t) => ({ method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/calendar-feeds/${ulid()}` }) },
  // Public: the secret URL is the credential (adminA1's feed of A1's calendar); anyone holding it gets the file.
  getCalendarFeed: {
    expect: { kind: 'public' },
    request: async () => {
      const { createFeed } = await import('../../functions/calendar/feeds');
      const feed = await createFeed(tenantId('A1'), 'association', { ...matrixActor(), userId: api.world.people.adminA1.sub }, 'http://matrix.test');
      return { method: 'GET', path: new URL(feed.url).pathname };
    },
  },
  // — consultation log (issue #6) —
  // The umbrella's own admins and staff only: not the platform, and its associations never see it (404 there).
  listContactMoments: { expect: CONSULTATIONS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/contact-moments?from=2026-01-01` }) },
  createContactMoment: {
    expect: CONSULTATIONS,
    request: async (t) => ({
      method: 'POST', path: `/api/tenants/${tenantId(t!)}/associations/${associationUnder(t!)}/contact-moments`,
      body: { date: '2026-03-02', type: 'call', participants: ['Matrix Persoon'], notes: 'Matrix', followUps: [{ text: 'Matrix opvolging', dueOn: '2026-04-01' }] },
    }),
  },
  updateContactMoment: {
    expect: CONSULTATIONS,
    request: async (t) => {
      const moment = await freshContactMoment(t!);
      return { method: 'PUT', path: `/api/tenants/${tenantId(t!)}/associations/${moment.associationId}/contact-moments/${moment.id}`, body: { date: '2026-03-03', type: 'visit', version: 1 } };
    },
  },
  deleteContactMoment: {
    expect: CONSULTATIONS,
    request: async (t) => {
      const moment = await freshContactMoment(t!);
      return { method: 'DELETE', path: `/api/tenants/${tenantId(t!)}/associations/${moment.associationId}/contact-moments/${moment.id}?version=1` };
    },
  },
  setFollowUp: {
    expect: CONSULTATIONS,
    request: async (t) => {
      const moment = await freshContactMoment(t!);
      return {
        method: 'PUT', path: `/api/tenants/${tenantId(t!)}/associations/${moment.associationId}/contact-moments/${moment.id}/follow-ups/${moment.followUpId}`,
        body: { done: true, version: 1 },
      };
    },
  },
  listFollowUps: { expect: CONSULTATIONS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/follow-ups?status=open` }) },
  // — the umbrella's yearly report (issue #6): the same people as its consultation log, which it counts —
  getReport: { expect: CONSULTATIONS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/report?from=2026-01-01&to=2026-12-31` }) },
  exportReport: {
    expect: CONSULTATIONS,
    request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/report/export?from=2026-01-01&to=2026-12-31&format=csv` }),
  },
  // — activities: participants export and reminders —
  // The participants file is the organiser's registration list in another form: the same people may read it.
  exportParticipantsCsv: {
    expect: ORGANISERS,
    request: async (t) => {
      const { activityId, occurrenceId } = await matrixRegistration(t!);
      return { method: 'GET', path: `/api/tenants/${tenantId(t!)}/activities/${activityId}/occurrences/${occurrenceId}/registrations/export` };
    },
  },
  // — budgets and subsidy KPIs —
  // The association's admins and editors write; they and its umbrella's people read; contacts, partners, platform: 403.
  listBudgets: { expect: BUDGET_READERS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/budgets` }) },
  getBudget: { expect: BUDGET_READERS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/budgets/2027` }) },
  putBudget: {
    expect: { kind: 'tenant', targets: ASSOCIATIONS, roles: REGISTER, ownPeopleOnly: true },
    request: async (t) => ({
      method: 'PUT', path: `/api/tenants/${tenantId(t!)}/budgets/2027`,
      body: { lines: [{ kind: 'income', source: 'member_fees', label: 'Lidgelden', amountCents: 100_00 }], version: await budgetVersion(t!, 2027) },
    }),
  },
  getSubsidyKpis: { expect: BUDGET_READERS, request: async (t) => ({ method: 'GET', path: `/api/tenants/${tenantId(t!)}/subsidy-kpis?year=2026` }) },
};

async function budgetVersion(target: Target, year: number): Promise<number> {
  if (!ASSOCIATIONS.includes(target)) return 0;
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys');
  const { Item } = await api.client.send(new GetCommand({ TableName: api.tableName, Key: keys.budget(tenantId(target), year), ConsistentRead: true }));
  return Number(Item?.version ?? 0);
}

// — consultation log (issue #6) —
/** An association under the target umbrella (A1 under U1, B1 under U2); for an association target, any id. */
const associationUnder = (target: Target) => (target === 'U1' ? tenantId('A1') : target === 'U2' ? tenantId('B1') : ulid());

/** A fresh contact moment (version 1, one follow-up) in the target umbrella, through the store; elsewhere fresh ids. */
async function freshContactMoment(target: Target): Promise<{ id: string; associationId: string; followUpId: string }> {
  if (!UMBRELLAS.includes(target)) return { id: ulid(), associationId: ulid(), followUpId: ulid() };
  const { createContactMoment } = await import('../../functions/consultations/store');
  const { contactMomentInputSchema } = await import('../../shared/index');
  const input = contactMomentInputSchema.parse({ date: '2026-02-02', type: 'visit', followUps: [{ text: 'Matrix', dueOn: '2026-05-01' }] });
  const { moment } = await createContactMoment(tenantId(target), associationUnder(target), input, matrixActor(), { id: ulid() });
  return { id: moment.id, associationId: moment.associationId, followUpId: moment.followUps[0]!.id };
}

/** contactA1's company, written back at version 1 so every cell starts from the same state. */
async function freshLinkedCompany(): Promise<void> {
  const { linkedCompanyFixture } = await import('../support/fixtures');
  await api.put([companyItem(linkedCompanyFixture(api.world))]);
}

async function memberVersion(target: Target, userId: string): Promise<number> {
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys');
  const { Item } = await api.client.send(new GetCommand({ TableName: api.tableName, Key: keys.tenantMember(tenantId(target), userId), ConsistentRead: true }));
  return Number(Item?.version ?? 1);
}

/** A member who can be removed (not the last admin), written straight to the table. */
async function freshMember(target: Target): Promise<string> {
  const { personItems } = await import('../support/identity');
  const sub = ulid();
  const role = target.startsWith('U') ? 'umbrella_staff' : 'company_contact';
  await api.put(personItems({ sub, email: `${sub}@matrix.test`, name: 'Matrix member', roles: [[ids()[target], role]] }));
  return sub;
}

async function freshInvitation(target: Target): Promise<string> {
  const actor = { userId: 'matrix-admin', requestId: 'matrix', now: new Date().toISOString(), name: 'Matrix' };
  const role = target.startsWith('U') ? 'umbrella_staff' : 'company_contact';
  return (await createInvitation(ids()[target], { email: `${ulid()}@matrix.test`, role }, actor)).invitation.id;
}

/** An empty import marks every numbered company of the park as vanished: the expectation must list them. */
async function vanishedOn(target: Target): Promise<{ companyId: string; version: number }[]> {
  if (!ASSOCIATIONS.includes(target)) return [];
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys');
  const { Items = [] } = await api.client.send(new QueryCommand({
    TableName: api.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.companiesOfPark(tenantId(target), parkOf(target)) },
  }));
  return Items.filter((item) => item.enterpriseNumber && !item.kboVanishedOn).map((item) => ({ companyId: String(item.id), version: Number(item.version) }));
}

async function parkVersion(target: Target, parkId: string): Promise<number> {
  if (!ASSOCIATIONS.includes(target)) return 1;
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys');
  const { Item } = await api.client.send(new GetCommand({ TableName: api.tableName, Key: keys.park(tenantId(target), parkId), ConsistentRead: true }));
  return Number(Item?.version ?? 1);
}

async function goalsVersion(target: Target): Promise<number> {
  if (!ASSOCIATIONS.includes(target)) return 0;
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys');
  const { Item } = await api.client.send(new GetCommand({ TableName: api.tableName, Key: keys.goals(tenantId(target)), ConsistentRead: true }));
  return Number(Item?.version ?? 0);
}

/** Grant cells leave grants behind for callers who may not withdraw them; later routes must start without. */
async function withdrawAllGrants() {
  const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys');
  for (const target of ASSOCIATIONS) {
    await api.client.send(new DeleteCommand({ TableName: api.tableName, Key: keys.grant(tenantId(target), 'register') }));
  }
}

/** A fresh board member, park manager or working group (version 1) in the target, written straight to the table. */
async function freshPerson(target: Target, kind: 'board' | 'manager' | 'group'): Promise<string> {
  if (!ASSOCIATIONS.includes(target)) return ulid();
  const { boardMemberItem, parkManagerItem, workingGroupItem } = await import('../../functions/people/items');
  const id = ulid();
  const stamps = { version: 1, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), contactVisibleToMembers: false };
  const item = {
    board: () => boardMemberItem(tenantId(target), { id, name: 'Matrix Persoon', function: 'member', ...stamps }),
    manager: () => parkManagerItem(tenantId(target), { id, name: 'Matrix Persoon', organisation: 'Matrix', daysPerWeek: 1, interim: false, from: '2026-01-01', ...stamps }),
    group: () => workingGroupItem(tenantId(target), { id, name: 'Matrix groep', theme: 'other', members: [], ...stamps }),
  }[kind]();
  await api.put([item]);
  return id;
}

async function grantRegister(target: Target) {
  const { keys } = await import('../../functions/lib/keys');
  const tenant = ids()[target];
  await api.put([{ ...keys.grant(tenant.id, 'register'), type: 'grant', associationId: tenant.id, associationName: tenant.name, umbrellaId: tenant.umbrellaId, scope: 'register', grantedBy: 'matrix', grantedAt: new Date().toISOString() }]);
}

/** 'ok' means any 2xx. */
function expectedStatus(row: Row, persona: Persona, target: Target | null): 'ok' | 401 | 403 | 404 {
  const e = row.expect;
  if (e.kind === 'public') return 'ok';
  if (persona === 'anonymous') return 401;
  if (e.kind === 'signedIn') return (e.except?.[persona] as 404) ?? 'ok';
  if (e.kind === 'platformOnly') return persona === 'platform' ? 'ok' : 403;
  if (!e.targets.includes(target!)) return 404; // wrong kind of tenant: nothing there for anyone
  const role = RELATION[persona][target!];
  if (!role) return 404;
  const viaUmbrella = !MEMBER_OF[target!].includes(persona) && role !== 'platform_admin';
  if (e.ownPeopleOnly && viaUmbrella) return 403;
  return e.roles.includes(role) ? 'ok' : 403;
}

/** Every id that belongs to a tenant: its own, its parks', its companies'. */
async function idsOwnedBy(target: Target): Promise<string[]> {
  const owned = [tenantId(target)];
  if (ASSOCIATIONS.includes(target)) {
    const parks = { A1: [api.world.parks.P1, api.world.parks.P2], A2: [api.world.parks.P3], B1: [api.world.parks.Q1] }[target as 'A1'];
    owned.push(...parks.map((p) => p.id));
    const companies = await api.call('GET', `/api/tenants/${tenantId(target)}/companies?limit=100`, { as: 'platform' });
    // The platform admin may not read registers; read them as each association's own admin instead.
    const admin = ({ A1: 'adminA1', A2: 'adminA2', B1: 'adminB1' } as const)[target as 'A1'];
    const listed = companies.status === 200 ? companies : await api.call('GET', `/api/tenants/${tenantId(target)}/companies?limit=100`, { as: admin });
    owned.push(...listed.body.items.map((c: { id: string }) => c.id));
  }
  return owned;
}

describe('the isolation matrix', () => {
  it('has rows for every route of the route table, and no rows for routes that do not exist', () => {
    const operations = (routes as readonly RouteDefinition[]).map((route) => route.operationId).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(operations);
  });

  for (const route of routes as readonly RouteDefinition[]) {
    const row = MATRIX[route.operationId];
    if (!row) continue;
    const targets: (Target | null)[] = route.path.includes('{tenantId}') ? ['A1', 'A2', 'B1', 'U1', 'U2'] : [null];
    it(`${route.method} ${route.path}: every persona × target gets the expected status and only data it may see`, async () => {
      for (const target of targets) {
        // Seed one company per association so a leaking list would carry foreign ids.
        if (target && ASSOCIATIONS.includes(target)) await freshCompany(target);
      }
      const secrets = new Map<Target, string[]>();
      for (const target of ['A1', 'A2', 'B1', 'U1', 'U2'] as Target[]) secrets.set(target, await idsOwnedBy(target));

      const failures: string[] = [];
      for (const persona of PERSONAS) {
        for (const target of targets) {
          const request = await row.request(target);
          const response = await api.call(request.method, request.path, { body: request.body, as: persona });
          const expected = expectedStatus(row, persona, target);
          const ok = expected === 'ok' ? response.status >= 200 && response.status < 300 : response.status === expected;
          if (!ok) failures.push(`${persona} → ${target ?? '-'}: expected ${expected}, got ${response.status} ${response.text.slice(0, 120)}`);
          for (const [owner, owned] of secrets) {
            if (MAY_SEE[persona].includes(owner)) continue;
            const leaked = owned.find((id) => response.text.includes(id));
            if (leaked) failures.push(`${persona} → ${target ?? '-'}: response carries ${leaked} of ${owner}`);
          }
        }
      }
      await row.cleanup?.();
      expect(failures).toEqual([]);
    });
  }
});

describe('tampering', () => {
  const meAndTenant = () => [`/api/me`, `/api/tenants/${tenantId('A1')}/companies`];

  async function expectRefused(token: string) {
    for (const path of meAndTenant()) {
      const response = await api.call('GET', path, { as: { token } });
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  }

  it('refuses an expired token', async () => {
    await expectRefused(await api.idp.sign({ sub: api.world.people.adminA1.sub }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }));
  });

  it('refuses a token signed with another key', async () => {
    await expectRefused(await api.idp.sign({ sub: api.world.people.adminA1.sub }, { key: api.idp.forgedKey }));
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: api.world.people.adminA1.sub, iss: 'https://idp.parkpunt.test', client_id: 'parkpunt-test-client', exp: now + 600 })}.`;
    await expectRefused(unsigned);
  });

  it('refuses a token for another client or from another issuer', async () => {
    await expectRefused(await api.idp.sign({ sub: api.world.people.adminA1.sub }, { clientId: 'someone-else' }));
    await expectRefused(await api.idp.sign({ sub: api.world.people.adminA1.sub }, { issuer: 'https://evil.example' }));
  });

  it('refuses ID tokens: only access tokens call the API', async () => {
    const sub = api.world.people.adminA1.sub;
    // A Cognito ID token says so; a standard ID token has an audience but no client_id or scope.
    await expectRefused(await api.idp.sign({ sub, token_use: 'id' }));
    await expectRefused(await api.idp.sign({ sub, aud: 'parkpunt-test-client', client_id: undefined, scope: undefined }));
  });

  it('refuses a subject that could smuggle a key separator', async () => {
    const response = await api.call('GET', '/api/me', { as: { token: await api.idp.sign({ sub: 'x#T#' }) } });
    expect(response.status).toBe(401);
  });

  it('ignores tenant ids inside bodies and refuses foreign parks, writing nothing', async () => {
    const before = await api.call('GET', `/api/tenants/${tenantId('A2')}/companies?limit=100`, { as: 'adminA2' });
    const withTenant = await api.call('POST', `/api/tenants/${tenantId('A1')}/companies`, {
      as: 'adminA1', body: { name: 'Smokkel nv', parkId: parkOf('A1'), tenantId: tenantId('A2') },
    });
    expect(withTenant.status).toBe(400);
    expect(withTenant.body.error.fields).toEqual([expect.objectContaining({ path: 'body.tenantId', code: 'unknown_field' })]);
    const foreignPark = await api.call('POST', `/api/tenants/${tenantId('A1')}/companies`, {
      as: 'adminA1', body: { name: 'Smokkel nv', parkId: parkOf('A2') },
    });
    expect(foreignPark.status).toBe(400);
    const companyId = await freshCompany('A1');
    const moveAway = await api.call('PUT', `/api/tenants/${tenantId('A1')}/companies/${companyId}`, {
      as: 'adminA1', body: { name: 'Verhuis nv', parkId: parkOf('B1'), version: 1 },
    });
    expect(moveAway.status).toBe(400);
    const after = await api.call('GET', `/api/tenants/${tenantId('A2')}/companies?limit=100`, { as: 'adminA2' });
    expect(after.body.items).toEqual(before.body.items);
    expect((await api.call('GET', `/api/tenants/${tenantId('A1')}/companies/${companyId}`, { as: 'adminA1' })).body.version).toBe(1);
  });
});

// — activities: fixtures of the matrix rows —
function matrixActor() {
  return { userId: 'matrix-admin', requestId: 'matrix', now: new Date().toISOString(), name: 'Matrix' };
}

function matrixActivityInput(target: Target) {
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(8, 0, 0, 0);
  return {
    type: 'training', title: `Matrix ${ulid()}`,
    place: { kind: 'address', street: 'Kapeldreef', houseNumber: '60', postalCode: '3001', municipality: 'Leuven' },
    audience: { kind: UMBRELLAS.includes(target) ? 'umbrella' : 'own_members' },
    startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7_200_000).toISOString(), capacity: null,
  };
}

/** A fresh activity of `target`, written through the store (each cell starts from version 1). */
async function matrixActivity(target: Target) {
  const { createActivity } = await import('../../functions/activities/store');
  const { createActivitySchema } = await import('../../shared/index');
  const activity = await createActivity(ids()[target], createActivitySchema.parse(matrixActivityInput(target)), matrixActor(), { id: ulid() });
  const [occurrence] = activity.occurrences;
  return { organiserId: activity.organiserId, activityId: activity.id, occurrenceId: occurrence!.id, startsAt: occurrence!.startsAt, endsAt: occurrence!.endsAt };
}

/** A fresh activity of `organiser` with one registration of a company of `home`, written through the store. */
async function matrixRegistration(organiser: Target, home: Target = HOME_OF[organiser], companyId?: string) {
  const { loadActivity } = await import('../../functions/activities/store');
  const { registerOne } = await import('../../functions/activities/registrations');
  const created = await matrixActivity(organiser);
  const company = companyId ?? (await freshCompany(home));
  const { activity } = (await loadActivity(created.organiserId, created.activityId))!;
  const { registration } = await registerOne({
    activity, occurrenceId: created.occurrenceId, home: ids()[home], company: { id: company, name: 'Matrix nv' },
    registrant: { kind: 'person', person: { name: 'Matrix', email: `${ulid()}@matrix.test`, language: 'nl' } }, actor: matrixActor(),
  });
  return { ...created, registrationId: registration.id, companyId: company };
}

/**
 * A company members of `target` may register for: in A1 the one contactA1 speaks for (their membership's link,
 * made here if the world did not make it, with its register row), elsewhere a fresh one.
 */
async function memberCompany(target: Target): Promise<string> {
  if (target !== 'A1') return freshCompany(target);
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { keys } = await import('../../functions/lib/keys');
  const sub = api.world.people.contactA1.sub;
  const membership = await api.getItem(keys.userMembership(sub, tenantId('A1')));
  let companyId = membership?.companyId as string | undefined;
  if (!companyId) {
    companyId = await freshCompany('A1');
    await api.client.send(new UpdateCommand({ TableName: api.tableName, Key: keys.userMembership(sub, tenantId('A1')), UpdateExpression: 'SET companyId = :c', ExpressionAttributeValues: { ':c': companyId } }));
  }
  if (!(await api.getItem(keys.company(tenantId('A1'), companyId)))) {
    await api.put([companyItem(companyFixture(tenantId('A1'), parkOf('A1'), { id: companyId, name: 'Matrix contactbedrijf' }))]);
  }
  return companyId;
}
