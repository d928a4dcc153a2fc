import { ulid } from 'ulidx';
import { enterpriseNumberFromBody } from '../../shared/enterprise-number';
import { establishmentNumberFromBody } from '../../shared/kbo/numbers';
import { zoneForStreet } from '../../shared/zones';
import type { Company, MembershipStatus, SizeClass, Tenant, Zone } from '../../shared/index';

/**
 * Demo data: the real umbrellas and associations named in the sources, with invented companies. No real
 * people or phone numbers. Generated from a fixed seed so every run produces the same ids (idempotent seeding).
 */

type ZoneSpec = { name: string; streets: string[]; subzones?: { name: string; streets: string[] }[] };
type ParkSpec = { name: string; municipality: string; postalCode: string; streets: string[]; companies: number; zones?: ZoneSpec[] };
type AssociationSpec = { name: string; region: string; website?: string; memberShare: number; parks: ParkSpec[] };
type UmbrellaSpec = { name: string; region: string; website: string; associations: AssociationSpec[] };

const park = (name: string, municipality: string, postalCode: string, companies: number, streets: string[], zones?: ZoneSpec[]): ParkSpec => ({
  name, municipality, postalCode, companies, streets, ...(zones ? { zones } : {}),
});

export const UMBRELLAS: UmbrellaSpec[] = [
  {
    name: 'POM West-Vlaanderen', region: 'West-Vlaanderen', website: 'https://www.pomwvl.be',
    associations: [
      { name: 'Association Port of Zeebrugge Interests vzw', region: 'Brugge', memberShare: 0.35, parks: [
        park('Haven Zeebrugge', 'Brugge', '8380', 180, ['Kustlaan', 'Isabellalaan', 'Leopold II-dam', 'Zeedijk', 'Noordelijk Insteekdok', 'Pierre Vandammestraat'], [
          { name: 'Voorhaven', streets: ['Zeedijk', 'Kustlaan', 'Isabellalaan'] },
          { name: 'Achterhaven', streets: ['Noordelijk Insteekdok', 'Pierre Vandammestraat'], subzones: [{ name: 'Achterhaven Noord', streets: ['Noordelijk Insteekdok'] }] }])] },
      { name: 'Bedrijvenpark Kortrijk-Noord vzw', region: 'Kortrijk', memberShare: 0.55, parks: [
        park('Kortrijk-Noord', 'Kortrijk', '8500', 150, ['Kleine Leiestraat', 'Noordlaan', 'Ter Bede', 'Heirweg', 'Industrielaan'], [
          { name: 'Zone Noord', streets: ['Noordlaan', 'Heirweg'] },
          { name: 'Zone Leie', streets: ['Kleine Leiestraat', 'Ter Bede'] }])] },
      { name: 'Bedrijvenpark Waregem-Zuid vzw', region: 'Waregem', memberShare: 0.5, parks: [
        park('Waregem-Zuid', 'Waregem', '8790', 120, ['Vijverdam', 'Kalkhoevestraat', 'Blauwpoortstraat', 'Nijverheidslaan'])] },
      { name: 'Bedrijvig Brugge vzw', region: 'Brugge', memberShare: 0.3, parks: [
        park('Blauwe Toren', 'Brugge', '8000', 90, ['Pathoekeweg', 'Lieven Bauwensstraat', 'Blauwe-Torenstraat']),
        park('Waggelwater', 'Brugge', '8000', 60, ['Ijzerstraat', 'Dirk Martensstraat', 'Vaartdijkstraat'])] },
      { name: 'BLeie vzw', region: 'Wevelgem', memberShare: 0.45, parks: [
        park('Wevelgem-Zuid', 'Wevelgem', '8560', 110, ['Moraviestraat', 'Kortrijkstraat', 'Vliegveld', 'Grote Heerweg', 'Ter Biest'])] },
      { name: 'Ieperse Bedrijven Vereniging Iebeve vzw', region: 'Ieper', memberShare: 0.4, parks: [
        park('Ieper-Noord', 'Ieper', '8900', 95, ['Ter Waarde', 'Oostkaai', 'Dehemlaan']),
        park('Kanaalzone Ieper', 'Ieper', '8900', 45, ['Ieperleekanaal', 'Industrielaan', 'Zillebekestraat'])] },
      { name: 'Bedrijven Terreinen Management Roeselare vzw', region: 'Roeselare', memberShare: 0.25, parks: [
        park('Roeselare-Noord', 'Roeselare', '8800', 140, ['Kachtemsestraat', 'Brugsesteenweg', 'Meensesteenweg', 'Industrieweg']),
        park('Beveren-Roeselare', 'Roeselare', '8800', 70, ['Oostnieuwkerksesteenweg', 'Kwadestraat', 'Rijksweg'])] },
      { name: 'Platform Grensland Menen-Wervik vzw', region: 'Menen', memberShare: 0.3, parks: [
        park('Grensland Menen-Wervik', 'Menen', '8930', 85, ['Grensland', 'Ieperstraat', 'Kruiskouter', 'Lauwestraat'])] },
      { name: 'PopIn vzw', region: 'Poperinge', memberShare: 0.6, parks: [
        park('Sappenleen', 'Poperinge', '8970', 70, ['Sappenleen', 'Frans Van Dammestraat', 'Diepemeers'])] },
      { name: 'Veurne@Work vzw', region: 'Veurne', memberShare: 0.69, parks: [
        park('Bedrijvenzone Veurne', 'Veurne', '8630', 80, ['Noordstraat', 'Pannestraat', 'Kaaiplaats', 'Industrielaan'])] },
      { name: 'Oostende Werkt', region: 'Oostende', memberShare: 0.2, parks: [
        park('Plassendale 1', 'Oostende', '8400', 130, ['Zandvoordeschorredijkstraat', 'Vaartblekersstraat', 'Plassendaalsesteenweg'], [
          { name: 'Plassendale 1', streets: ['Vaartblekersstraat', 'Zandvoordeschorredijkstraat'], subzones: [
            { name: 'Plassendale 1A', streets: ['Vaartblekersstraat'] }, { name: 'Plassendale 1B', streets: ['Zandvoordeschorredijkstraat'] }] }]),
        park('Plassendale 2', 'Oostende', '8400', 60, ['Stokerijstraat', 'Kalkaartweg'])] },
      { name: 'Harelbeke-Zuid', region: 'Harelbeke', memberShare: 0.15, parks: [
        park('Harelbeke-Zuid', 'Harelbeke', '8530', 60, ['Kortrijksesteenweg', 'Zuidstraat', 'Spinnerijstraat'])] },
    ],
  },
  {
    name: 'POM Vlaams-Brabant', region: 'Vlaams-Brabant', website: 'https://www.pomvlb.be',
    associations: [
      { name: 'C-Valley Leuven', region: 'Leuven', memberShare: 0.4, parks: [
        park('Researchpark Haasrode', 'Leuven', '3001', 120, ['Interleuvenlaan', 'Romeinse straat', 'Ambachtenlaan', 'Technologielaan'], [
          { name: 'Haasrode Noord', streets: ['Interleuvenlaan', 'Technologielaan'], subzones: [{ name: 'Technologiecluster', streets: ['Technologielaan'] }] },
          { name: 'Haasrode Zuid', streets: ['Romeinse straat'] }]),
        park('Ambachtenzone Haasrode', 'Leuven', '3001', 60, ['Ambachtenlaan', 'Kolonel Begaultlaan', 'Esperantolaan'])] },
    ],
  },
];

const FAMILY = ['Vandenberghe', 'Declercq', 'Verhaeghe', 'Maes', 'Vermeulen', 'Desmet', 'Deprez', 'Lambrecht', 'Vanhoutte', 'Claeys',
  'Goethals', 'Callewaert', 'Dewulf', 'Vandamme', 'Bogaert', 'Pattyn', 'Verstraete', 'Coucke', 'Lannoo', 'Vandewiele', 'Peeters',
  'Janssens', 'Wouters', 'Willems', 'Mertens', 'Jacobs', 'Dubois', 'Vercruysse', 'Devos', 'Hoste'];
const ACTIVITY: { label: string; nace: string }[] = [
  { label: 'Metaalbouw', nace: '25.11' }, { label: 'Logistics', nace: '52.10' }, { label: 'Transport', nace: '49.41' },
  { label: 'Bouwmaterialen', nace: '46.73' }, { label: 'Engineering', nace: '71.12' }, { label: 'Coatings', nace: '25.61' },
  { label: 'Print & Packaging', nace: '17.21' }, { label: 'Food', nace: '10.89' }, { label: 'Kunststoffen', nace: '22.29' },
  { label: 'Elektrotechniek', nace: '43.21' }, { label: 'Software', nace: '62.01' }, { label: 'Schrijnwerkerij', nace: '16.23' },
  { label: 'Recycling', nace: '38.32' }, { label: 'Textiel', nace: '13.92' }, { label: 'Automatisering', nace: '28.99' },
  { label: 'Bakkerij', nace: '10.71' }, { label: 'Garage', nace: '45.20' }, { label: 'Labo', nace: '72.19' },
];
const FORM = ['nv', 'bv', 'bv', 'bv', 'cv', 'nv'];
const STATUS_MIX: MembershipStatus[] = ['prospect', 'prospect', 'interested', 'former_member'];
const SIZE: SizeClass[] = ['micro', 'micro', 'small', 'small', 'small', 'medium', 'medium', 'large'];

/** C-Valley Leuven was founded on 29 March 2018 with 15 founding members (seed 000 of the sources). */
const FOUNDING: Record<string, { on: string; count: number }> = {
  'C-Valley Leuven': { on: '2018-03-29', count: 15 },
};

/** Marks founding members without drawing from the main generator, so the ids of all demo data stay the same. */
function markFoundingMembers(associationName: string, companies: Company[]) {
  const founding = FOUNDING[associationName];
  if (!founding) return;
  companies.filter((company) => company.membershipStatus === 'member').slice(0, founding.count).forEach((company) => {
    company.founding = true;
    company.memberSince = founding.on;
  });
}

export type DemoEvent = { id: string; companyId: string; parkId: string; kind: 'created' | 'status'; from?: Company['membershipStatus']; to: Company['membershipStatus']; on: string };

/**
 * A plausible history for the demo register, from its own generator (the main one fixes the ids): companies
 * arrive on the park between 2010 and 2023; members joined after the association's start (founding members on
 * its founding day), so coverage grows over time on the charts.
 */
function demoHistory(association: Omit<DemoAssociation, 'history'>): DemoEvent[] {
  const random = seededRandom(hashOf(association.tenant.id));
  const founding = FOUNDING[association.tenant.name];
  const start = Date.parse(founding ? `${founding.on}T00:00:00Z` : '2015-01-01T00:00:00Z');
  const end = Date.parse('2026-06-30T00:00:00Z');
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const events: DemoEvent[] = [];
  for (const company of association.companies) {
    const earliest = Date.parse('2010-01-01T00:00:00Z');
    // A founding member was on the park before the founding day; everyone else arrives between 2010 and 2023.
    const latest = company.memberSince ? Date.parse(`${company.memberSince}T00:00:00Z`) : Date.parse('2023-12-31T00:00:00Z');
    const arrived = earliest + Math.floor(random() * (latest - earliest));
    const first = company.membershipStatus === 'member' || company.membershipStatus === 'former_member' ? 'prospect' : company.membershipStatus;
    events.push({ id: ulid(arrived, random), companyId: company.id, parkId: company.parkId, kind: 'created', to: first, on: day(arrived) });
    if (company.membershipStatus === 'member' || company.membershipStatus === 'former_member') {
      const joined = company.memberSince ? Date.parse(`${company.memberSince}T00:00:00Z`) : Math.max(arrived, start) + Math.floor(random() * (end - Math.max(arrived, start)));
      company.memberSince ??= day(joined);
      events.push({ id: ulid(joined, random), companyId: company.id, parkId: company.parkId, kind: 'status', from: 'prospect', to: 'member', on: day(joined) });
      if (company.membershipStatus === 'former_member') {
        const left = joined + Math.floor(random() * (end - joined));
        events.push({ id: ulid(left, random), companyId: company.id, parkId: company.parkId, kind: 'status', from: 'member', to: 'former_member', on: day(left) });
        delete company.memberSince;
      }
    }
  }
  return events;
}

function hashOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

/** mulberry32: tiny, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED_TIME = Date.parse('2025-01-06T08:00:00Z');

/** A park's zones and subzones, with ids from the park's own generator (the main one fixes every other id). */
function demoZones(spec: ParkSpec): Zone[] {
  const random = seededRandom(hashOf(`zones#${spec.name}`));
  const zoneId = () => ulid(SEED_TIME, random);
  return (spec.zones ?? []).flatMap((zone) => {
    const id = zoneId();
    return [{ id, name: zone.name, streets: zone.streets }, ...(zone.subzones ?? []).map((sub) => ({ id: zoneId(), name: sub.name, parentId: id, streets: sub.streets }))];
  });
}

/** CBE juridical form codes of the legal forms in the demo names. */
const JURIDICAL_FORM: Record<string, string> = { nv: '014', bv: '610', cv: '706' };
/** About one company in fifteen has a second establishment on its park. */
const SECOND_ESTABLISHMENT_SHARE = 1 / 15;

/**
 * Register details from the association's own generator, so the companies' ids and everything drawn before stay
 * as they were: each company's establishment number, juridical form, start date and the zone of its street; and
 * for some companies a second establishment (same enterprise number, another establishment number and street) —
 * the register has one row per establishment on the park.
 */
function addRegisterDetails(tenantId: string, parks: DemoPark[], companies: Company[], usedNumbers: Set<string>) {
  const random = seededRandom(hashOf(`register#${tenantId}`));
  const establishmentNumber = () => {
    let number = establishmentNumberFromBody(20_000_000 + Math.floor(random() * 69_999_999));
    while (usedNumbers.has(number)) number = establishmentNumberFromBody(20_000_000 + Math.floor(random() * 69_999_999));
    usedNumbers.add(number);
    return number;
  };
  const day = (from: number, to: number) => new Date(from + Math.floor(random() * (to - from))).toISOString().slice(0, 10);
  const parkOf = new Map(parks.map((p) => [p.id, p]));
  const seconds: Company[] = [];
  for (const company of companies) {
    const park = parkOf.get(company.parkId)!;
    company.establishmentNumber = establishmentNumber();
    const form = JURIDICAL_FORM[company.name.split(' ').at(-1) ?? ''];
    if (form) company.juridicalForm = form;
    company.startDate = day(Date.parse('1975-01-01'), Date.parse('2022-12-31'));
    const zoneId = zoneForStreet(park.zones, company.street);
    if (zoneId) company.zoneId = zoneId;
    if (random() < SECOND_ESTABLISHMENT_SHARE) {
      const street = park.streets.filter((s) => s !== company.street)[Math.floor(random() * (park.streets.length - 1))] ?? company.street!;
      const second: Company = {
        ...company,
        id: ulid(SEED_TIME, random),
        name: `${company.name} – ${street}`,
        establishmentNumber: establishmentNumber(),
        street,
        houseNumber: String(1 + Math.floor(random() * 180)),
        startDate: day(Date.parse(`${company.startDate}T00:00:00Z`), Date.parse('2024-06-30')),
      };
      delete second.zoneId;
      delete second.founding;
      delete second.memberSince;
      const secondZone = zoneForStreet(park.zones, street);
      if (secondZone) second.zoneId = secondZone;
      seconds.push(second);
    }
  }
  companies.push(...seconds);
}

/** Companies and members per zone, as the zone counters of the register keep them. */
export function zoneCounts(association: Pick<DemoAssociation, 'companies'>): Map<string, { parkId: string; zoneId: string; companies: number; members: number }> {
  const counts = new Map<string, { parkId: string; zoneId: string; companies: number; members: number }>();
  for (const company of association.companies) {
    if (!company.zoneId) continue;
    const entry = counts.get(company.zoneId) ?? { parkId: company.parkId, zoneId: company.zoneId, companies: 0, members: 0 };
    entry.companies += 1;
    if (company.membershipStatus === 'member') entry.members += 1;
    counts.set(company.zoneId, entry);
  }
  return counts;
}

export type DemoPark = { id: string; name: string; municipality: string; postalCode: string; streets: string[]; zones: Zone[] };
export type DemoAssociation = { tenant: Tenant; parks: DemoPark[]; companies: Company[]; history: DemoEvent[] };
export type DemoData = { umbrellas: { tenant: Tenant; associations: DemoAssociation[] }[] };

export function buildDemoData(): DemoData {
  const random = seededRandom(20180329);
  let clock = SEED_TIME;
  const id = () => ulid((clock += 1000), random);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const usedNames = new Set<string>();
  const usedNumbers = new Set<string>();
  const createdAt = new Date(SEED_TIME).toISOString();

  return {
    umbrellas: UMBRELLAS.map((umbrellaSpec) => {
      const umbrella: Tenant = { id: id(), kind: 'umbrella', name: umbrellaSpec.name, region: umbrellaSpec.region, website: umbrellaSpec.website };
      return {
        tenant: umbrella,
        associations: umbrellaSpec.associations.map((spec) => {
          const tenant: Tenant = {
            id: id(), kind: 'association', name: spec.name, region: spec.region,
            umbrellaId: umbrella.id, umbrellaName: umbrella.name,
          };
          const parks: DemoPark[] = spec.parks.map((p) => ({ id: id(), name: p.name, municipality: p.municipality, postalCode: p.postalCode, streets: p.streets, zones: demoZones(p) }));
          const companies: Company[] = [];
          spec.parks.forEach((parkSpec, parkIndex) => {
            for (let i = 0; i < parkSpec.companies; i += 1) {
              const activity = pick(ACTIVITY);
              let name = `${pick(FAMILY)} ${activity.label} ${pick(FORM)}`;
              while (usedNames.has(name)) name = `${pick(FAMILY)}-${pick(FAMILY)} ${activity.label} ${pick(FORM)}`;
              usedNames.add(name);
              let enterpriseNumber = enterpriseNumberFromBody(4_000_000 + Math.floor(random() * 5_999_999));
              while (usedNumbers.has(enterpriseNumber)) enterpriseNumber = enterpriseNumberFromBody(4_000_000 + Math.floor(random() * 5_999_999));
              usedNumbers.add(enterpriseNumber);
              const slug = name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
              companies.push({
                id: id(),
                tenantId: tenant.id,
                name,
                parkId: parks[parkIndex]!.id,
                enterpriseNumber,
                street: pick(parkSpec.streets),
                houseNumber: String(1 + Math.floor(random() * 180)),
                postalCode: parkSpec.postalCode,
                municipality: parkSpec.municipality,
                naceCode: activity.nace,
                sizeClass: pick(SIZE),
                website: random() < 0.8 ? `https://www.${slug}.example` : undefined,
                email: random() < 0.7 ? `info@${slug}.example` : undefined,
                membershipStatus: random() < spec.memberShare ? 'member' : pick(STATUS_MIX),
                version: 1,
                createdAt,
                updatedAt: createdAt,
              });
            }
          });
          markFoundingMembers(spec.name, companies);
          addRegisterDetails(tenant.id, parks, companies, usedNumbers);
          const association = { tenant, parks, companies, history: [] as DemoEvent[] };
          association.history = demoHistory(association);
          return association;
        }),
      };
    }),
  };
}
