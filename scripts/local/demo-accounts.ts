import type { Company, Role } from '../../shared/index';

/**
 * Invented people for local sign-in, one or more per role. The local OIDC provider lists them on its login page
 * (local mode only); the seed gives them their memberships. Emails use the reserved `.test` domain.
 */
export type DemoMembership = {
  tenantName: string;
  role: Exclude<Role, 'platform_admin'>;
  /** A company contact's company, picked among the association's demo companies (deterministic, like the data). */
  company?: (companies: readonly Company[]) => Company | undefined;
};

/** The founding member first by name: a member since the founding day, so "Mijn bedrijf" has something to show. */
export function firstFoundingMember(companies: readonly Company[]): Company | undefined {
  return companies.filter((company) => company.founding).sort((a, b) => a.name.localeCompare(b.name, 'nl'))[0];
}
/** The first member by name, for associations whose demo companies include no founding member. */
export function firstMember(companies: readonly Company[]): Company | undefined {
  return companies.filter((company) => company.membershipStatus === 'member').sort((a, b) => a.name.localeCompare(b.name, 'nl'))[0];
}

export type DemoAccount = {
  sub: string;
  email: string;
  name: string;
  /** What this account shows, for the login page. */
  description: { nl: string; en: string };
  platformAdmin?: boolean;
  memberships: DemoMembership[];
  /** Accounts added after the first seed name the seed step that brings them to stores seeded earlier. */
  addedBy?: 'activityContacts';
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    sub: '01JH0000000000000000000001', email: 'petra.platform@parkpunt.test', name: 'Petra Platform', platformAdmin: true, memberships: [],
    description: { nl: 'Platformbeheerder', en: 'Platform admin' },
  },
  {
    sub: '01JH0000000000000000000002', email: 'wout.vermeersch@pom-wvl.test', name: 'Wout Vermeersch',
    memberships: [{ tenantName: 'POM West-Vlaanderen', role: 'umbrella_admin' }],
    description: { nl: 'Beheerder koepel POM West-Vlaanderen', en: 'Umbrella admin, POM West-Vlaanderen' },
  },
  {
    sub: '01JH0000000000000000000003', email: 'bieke.brabants@pom-vlb.test', name: 'Bieke Brabants',
    memberships: [{ tenantName: 'POM Vlaams-Brabant', role: 'umbrella_staff' }],
    description: { nl: 'Medewerker koepel POM Vlaams-Brabant', en: 'Umbrella staff, POM Vlaams-Brabant' },
  },
  {
    sub: '01JH0000000000000000000004', email: 'lotte.lenaerts@c-valley.test', name: 'Lotte Lenaerts',
    memberships: [{ tenantName: 'C-Valley Leuven', role: 'association_admin' }],
    description: { nl: 'Parkmanager C-Valley Leuven', en: 'Park manager, C-Valley Leuven' },
  },
  {
    sub: '01JH0000000000000000000005', email: 'jonas.desmet@wvi.test', name: 'Jonas Desmet',
    memberships: [
      { tenantName: 'Bedrijvig Brugge vzw', role: 'association_admin' },
      { tenantName: 'BLeie vzw', role: 'association_admin' },
    ],
    description: { nl: 'Parkmanager van twee verenigingen (Bedrijvig Brugge, BLeie)', en: 'Park manager of two associations (Bedrijvig Brugge, BLeie)' },
  },
  {
    sub: '01JH0000000000000000000006', email: 'emma.claeys@kortrijk-noord.test', name: 'Emma Claeys',
    memberships: [{ tenantName: 'Bedrijvenpark Kortrijk-Noord vzw', role: 'association_editor' }],
    description: { nl: 'Trekker werkgroep mobiliteit, Kortrijk-Noord', en: 'Mobility working-group lead, Kortrijk-Noord' },
  },
  {
    sub: '01JH0000000000000000000007', email: 'koen.peeters@bedrijf.test', name: 'Koen Peeters',
    memberships: [{ tenantName: 'C-Valley Leuven', role: 'company_contact', company: firstFoundingMember }],
    description: { nl: 'Contactpersoon van een lidbedrijf, C-Valley Leuven', en: 'Member company contact, C-Valley Leuven' },
  },
  {
    sub: '01JH0000000000000000000008', email: 'frank.vuurmans@brandweer.test', name: 'Frank Vuurmans',
    memberships: [{ tenantName: 'C-Valley Leuven', role: 'external_partner' }],
    description: { nl: 'Externe partner (brandweer), C-Valley Leuven', en: 'External partner (fire brigade), C-Valley Leuven' },
  },
  {
    sub: '01JH0000000000000000000009', email: 'sofie.vandamme@bedrijf.test', name: 'Sofie Vandamme', addedBy: 'activityContacts',
    memberships: [{ tenantName: 'Oostende Werkt', role: 'company_contact', company: firstMember }],
    description: { nl: 'Contactpersoon van een lidbedrijf, Oostende Werkt', en: 'Member company contact, Oostende Werkt' },
  },
  {
    sub: '01JH0000000000000000000010', email: 'pieter.declercq@bedrijf.test', name: 'Pieter Declercq', addedBy: 'activityContacts',
    memberships: [{ tenantName: 'Bedrijvenpark Kortrijk-Noord vzw', role: 'company_contact', company: firstMember }],
    description: { nl: 'Contactpersoon van een lidbedrijf, Bedrijvenpark Kortrijk-Noord', en: 'Member company contact, Bedrijvenpark Kortrijk-Noord' },
  },
];

export function demoAccountByEmail(email: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.email.toLowerCase() === email.toLowerCase());
}
