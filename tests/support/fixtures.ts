import { ulid } from 'ulidx';
import type { Company, Tenant } from '../../shared/index';
import { companyItem } from '../../functions/companies/items';
import { parkItem, tenantItem, umbrellaAssociationItem } from '../../functions/organisations/items';
import { personItems, type Person } from './identity';

/**
 * A small world for tests: umbrella U1 with associations A1 (parks P1, P2) and A2 (park P3), and umbrella U2
 * with association B1 (park Q1). Companies are added per test.
 */
export function buildWorld() {
  const now = new Date().toISOString();
  const umbrella = (name: string): Tenant => ({ id: ulid(), kind: 'umbrella', name, region: 'Test' });
  const association = (name: string, u: Tenant): Tenant => ({ id: ulid(), kind: 'association', name, region: 'Test', umbrellaId: u.id, umbrellaName: u.name });
  const park = (name: string) => ({ id: ulid(), name, municipality: 'Leuven', postalCode: '3001' });
  const U1 = umbrella('Umbrella One');
  const U2 = umbrella('Umbrella Two');
  const A1 = association('Association A1', U1);
  const A2 = association('Association A2', U1);
  const B1 = association('Association B1', U2);
  const P1 = park('Park One');
  const P2 = park('Park Two');
  const P3 = park('Park Three');
  const Q1 = park('Park Q');
  /**
   * contactA1 speaks for this company of A1 (on P1). Its register row is not part of the world (A1's register
   * starts empty): tests that need it write `linkedCompanyFixture(world)`.
   */
  const companies = { ofContactA1: ulid() };
  const person = (name: string, roles: Person['roles'], platformAdmin = false): Person => ({
    sub: ulid(), email: `${name}@people.test`, name, roles, platformAdmin,
  });
  const people = {
    /** A park manager of both A1 and A2: the default caller of the functional tests. */
    managerA1A2: person('managerA1A2', [[A1, 'association_admin'], [A2, 'association_admin']]),
    adminA1: person('adminA1', [[A1, 'association_admin']]),
    editorA1: person('editorA1', [[A1, 'association_editor']]),
    contactA1: person('contactA1', [[A1, 'company_contact', companies.ofContactA1]]),
    partnerA1: person('partnerA1', [[A1, 'external_partner']]),
    adminA2: person('adminA2', [[A2, 'association_admin']]),
    adminB1: person('adminB1', [[B1, 'association_admin']]),
    staffU1: person('staffU1', [[U1, 'umbrella_staff']]),
    adminU1: person('adminU1', [[U1, 'umbrella_admin']]),
    staffU2: person('staffU2', [[U2, 'umbrella_staff']]),
    platform: person('platform', [], true),
    stranger: person('stranger', []),
  };
  const items = [
    ...Object.values(people).flatMap(personItems),
    tenantItem(U1, now), tenantItem(U2, now),
    tenantItem(A1, now, { parkCount: 2, companyCount: 0, memberCount: 0 }), tenantItem(A2, now, { parkCount: 1, companyCount: 0, memberCount: 0 }), tenantItem(B1, now, { parkCount: 1, companyCount: 0, memberCount: 0 }),
    umbrellaAssociationItem(U1.id, { id: A1.id, name: A1.name, parkCount: 2, companyCount: 0, memberCount: 0 }),
    umbrellaAssociationItem(U1.id, { id: A2.id, name: A2.name, parkCount: 1, companyCount: 0, memberCount: 0 }),
    umbrellaAssociationItem(U2.id, { id: B1.id, name: B1.name, parkCount: 1, companyCount: 0, memberCount: 0 }),
    parkItem(A1.id, P1, now), parkItem(A1.id, P2, now), parkItem(A2.id, P3, now), parkItem(B1.id, Q1, now),
  ];
  return { tenants: { U1, U2, A1, A2, B1 }, parks: { P1, P2, P3, Q1 }, people, companies, items };
}

export type World = ReturnType<typeof buildWorld>;

export function companyFixture(tenantId: string, parkId: string, overrides: Partial<Company> = {}): Company {
  const now = new Date().toISOString();
  return {
    id: ulid(), tenantId, parkId, name: 'Fixture nv', membershipStatus: 'member', version: 1, createdAt: now, updatedAt: now,
    ...overrides,
  };
}

/** The register row of contactA1's company (version 1, a member): write it with `companyItem` where needed. */
export function linkedCompanyFixture(world: World, overrides: Partial<Company> = {}): Company {
  return companyFixture(world.tenants.A1.id, world.parks.P1.id, { id: world.companies.ofContactA1, name: 'Contactbedrijf A1 nv', ...overrides });
}

export { companyItem };
