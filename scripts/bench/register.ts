import type { Agent } from 'node:http';
import { ulid } from 'ulidx';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { enterpriseNumberFromBody } from '../../shared/enterprise-number';
import { establishmentNumberFromBody } from '../../shared/kbo/numbers';
import { zoneForStreet } from '../../shared/zones';
import type { Company, MembershipStatus, Tenant, Zone } from '../../shared/index';
import { companyItem } from '../../functions/companies/items';
import { listCompanies, type ListOptions } from '../../functions/companies/store';
import { documentClient, tableName } from '../../functions/lib/dynamo';
import { keys } from '../../functions/lib/keys';
import { membershipItems } from '../../functions/identity/items';
import { parkItem, tenantItem } from '../../functions/organisations/items';
import { benchCapacity, type CapacityCase, type CapacityResult } from './capacity';
import { httpGet } from './http';
import { summarize, type Summary } from './stats';

/**
 * The register at the size the issue names: one association with one park of 2,000 companies (zones, statuses,
 * sectors, contacts as a real register has them), written straight into the bench's in-memory store. Then the
 * list pages the register UI asks for: latency (store and through the gateway) and read capacity.
 */
export type RegisterFixture = { tenant: Tenant; parkId: string; zones: Zone[]; companies: number; members: number; seedMs: number };

const STREETS = ['Interleuvenlaan', 'Romeinse straat', 'Ambachtenlaan', 'Technologielaan', 'Kolonel Begaultlaan', 'Esperantolaan', 'Kapeldreef', 'Geldenaaksebaan'];
const NACE = ['25.620', '46.690', '62.010', '71.121', '52.100', '43.210', '10.710', '72.190', '28.990', '47.190', '70.220', '22.290'];
const WORDS = ['Alfa', 'Beton', 'Cargo', 'Delta', 'Elektro', 'Fijn', 'Groen', 'Haven', 'Inox', 'Jansen', 'Kunststof', 'Labo', 'Metaal', 'Noord', 'Optiek', 'Print'];
const FORMS = ['nv', 'bv', 'bv', 'cv'];
/** A park in its early years: a third members, the rest prospects, interested and a few former members. */
const STATUSES: MembershipStatus[] = ['member', 'prospect', 'prospect', 'interested', 'member', 'prospect', 'former_member', 'member', 'prospect'];

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedRegisterPark(count: number, umbrellaId: string, benchAccount: { sub: string; email: string; name: string }): Promise<RegisterFixture> {
  const started = performance.now();
  const random = seededRandom(2_000);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const now = new Date().toISOString();
  const tenant: Tenant = { id: ulid(), kind: 'association', name: 'Bench Register vzw', region: 'Leuven', umbrellaId };
  const parkId = ulid();
  const noord = ulid();
  const zuid = ulid();
  const zones: Zone[] = [
    { id: noord, name: 'Noord', streets: ['Interleuvenlaan', 'Technologielaan', 'Ambachtenlaan'] },
    { id: ulid(), name: 'Noord A', parentId: noord, streets: ['Technologielaan'] },
    { id: zuid, name: 'Zuid', streets: ['Romeinse straat', 'Kapeldreef', 'Kolonel Begaultlaan'] },
    { id: ulid(), name: 'Zuid B', parentId: zuid, streets: ['Kapeldreef'] },
  ];
  const companies: Company[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = `${pick(WORDS)} ${pick(WORDS)} ${i} ${pick(FORMS)}`;
    const street = pick(STREETS);
    const zoneId = zoneForStreet(zones, street);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const status = STATUSES[i % STATUSES.length]!;
    companies.push({
      id: ulid(), tenantId: tenant.id, parkId, name, ...(zoneId ? { zoneId } : {}),
      enterpriseNumber: enterpriseNumberFromBody(4_000_000 + i * 7), establishmentNumber: establishmentNumberFromBody(21_000_000 + i * 13),
      juridicalForm: '610', startDate: '2012-05-01', street, houseNumber: String(1 + (i % 180)), postalCode: '3001', municipality: 'Leuven',
      naceCode: pick(NACE), sizeClass: pick(['micro', 'small', 'medium', 'large'] as const), website: `https://www.${slug}.example`, email: `info@${slug}.example`,
      phone: '+32 16 12 34 56', membershipStatus: status, ...(status === 'member' ? { memberSince: '2024-03-01' } : {}),
      ...(random() < 0.5
        ? { contacts: [{ id: ulid(), name: 'Contactpersoon', function: 'Zaakvoerder', email: `contact@${slug}.example`, phone: '+32 470 12 34 56', consents: [{ topic: 'newsletter' as const, givenOn: '2025-01-15', textVersion: 'v1' }] }] }
        : {}),
      version: 1, createdAt: now, updatedAt: now,
    });
  }
  const members = companies.filter((c) => c.membershipStatus === 'member').length;
  const zoneStats = zones.map((zone) => {
    const inZone = companies.filter((c) => c.zoneId === zone.id);
    return { ...keys.zoneStats(tenant.id, parkId, zone.id), type: 'zoneStats', parkId, zoneId: zone.id, companyCount: inZone.length, memberCount: inZone.filter((c) => c.membershipStatus === 'member').length };
  });
  const items: Record<string, unknown>[] = [
    tenantItem(tenant, now, { parkCount: 1, companyCount: count, memberCount: members }),
    parkItem(tenant.id, { id: parkId, name: 'Bench Park', municipality: 'Leuven', postalCode: '3001', streets: STREETS, zones }, now, count, members),
    ...zoneStats,
    ...membershipItems({ userId: benchAccount.sub, email: benchAccount.email, name: benchAccount.name }, tenant, 'association_admin', now),
    ...companies.map(companyItem),
  ];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map(async (batch) => {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const result = await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
          pending = (result.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
        }
      }),
    );
  }
  return { tenant, parkId, zones, companies: count, members, seedMs: performance.now() - started };
}

export type RegisterLatencyCase = { label: string; options: ListOptions; query: string };
export type RegisterLatency = { label: string; store: Summary; gateway: Summary; storeQueries: number };

export function registerCases(fixture: RegisterFixture): RegisterLatencyCase[] {
  const parkId = fixture.parkId;
  return [
    { label: 'park, page of 50', options: { parkId, limit: 50 }, query: `parkId=${parkId}&limit=50` },
    { label: 'park, page of 50, Z→A', options: { parkId, limit: 50, sort: '-name' }, query: `parkId=${parkId}&limit=50&sort=-name` },
    { label: 'status=member, page of 50', options: { status: 'member', limit: 50 }, query: 'status=member&limit=50' },
    { label: 'park + status=member, page of 50', options: { parkId, status: 'member', limit: 50 }, query: `parkId=${parkId}&status=member&limit=50` },
  ];
}

/** Sequential, store call and gateway request interleaved, after a warm-up. */
export async function benchRegisterLatency(
  baseUrl: string, agent: Agent, fixture: RegisterFixture, cases: RegisterLatencyCase[], { warmup, iterations }: { warmup: number; iterations: number },
): Promise<RegisterLatency[]> {
  const results: RegisterLatency[] = [];
  for (const { label, options, query } of cases) {
    const url = `${baseUrl}/api/tenants/${fixture.tenant.id}/companies?${query}`;
    let storeQueries = 0;
    const store = async () => {
      const page = await listCompanies(fixture.tenant.id, options);
      storeQueries = page.reads;
      if (page.items.length !== options.limit) throw new Error(`${label}: ${page.items.length} companies`);
    };
    const gateway = async () => {
      const response = await httpGet(url, agent, 5_000);
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${response.body.slice(0, 200)}`);
    };
    for (let i = 0; i < warmup; i += 1) {
      await store();
      await gateway();
    }
    const samples: [number[], number[]] = [[], []];
    for (let i = 0; i < iterations; i += 1) {
      for (const [index, operation] of [store, gateway].entries()) {
        const t = performance.now();
        await operation();
        samples[index]!.push(performance.now() - t);
      }
    }
    results.push({ label, store: summarize(samples[0]), gateway: summarize(samples[1]), storeQueries });
  }
  return results;
}

/** Read capacity per page: the list pages above plus filters that the status index does not serve. */
export async function benchRegisterCapacity(fixture: RegisterFixture): Promise<CapacityResult[]> {
  const parkId = fixture.parkId;
  const first = await listCompanies(fixture.tenant.id, { parkId, limit: 50 });
  const cases: CapacityCase[] = [
    ...registerCases(fixture).map(({ label, options }) => ({ label, options })),
    { label: 'park, page 2 (cursor)', options: { parkId, limit: 50, cursor: first.nextCursor ?? undefined } },
    { label: 'zone Noord (+ subzone), page of 50', options: { parkId, zoneId: fixture.zones[0]!.id, limit: 50 } },
    { label: 'sector 62, page of 50', options: { parkId, sector: '62', limit: 50 } },
    { label: 'status=member + zone + sector 25', options: { status: 'member', zoneId: fixture.zones[0]!.id, sector: '25', limit: 50 } },
    { label: 'q=metaal, page of 50', options: { parkId, q: 'metaal', limit: 50 } },
  ];
  return benchCapacity(fixture.tenant.id, cases);
}
