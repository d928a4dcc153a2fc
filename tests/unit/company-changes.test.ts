import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { Company } from '../../shared/index';
import {
  chunkCompanyChanges,
  companyChange,
  companyCreateItems,
  companyTransaction,
  companyUpdateItems,
  itemKind,
  MAX_ITEMS_PER_COMPANY_CHANGE,
  MAX_TRANSACT_ITEMS,
  type TransactItem,
} from '../../functions/companies/changes';

beforeAll(() => {
  process.env.TABLE_NAME ??= 'unit';
});

const tenantId = ulid();
const [P1, P2, Z1, Z2, Y1] = [ulid(), ulid(), ulid(), ulid(), ulid()];
const actor = { userId: 'user-1', requestId: 'r', now: '2026-05-04T10:00:00.000Z' };
const company = (overrides: Partial<Company> = {}): Company => ({
  id: ulid(), tenantId, name: 'X nv', parkId: P1, membershipStatus: 'prospect', version: 1, createdAt: actor.now, updatedAt: actor.now, ...overrides,
});
const kinds = (items: TransactItem[]) => items.map(itemKind);
const keyOf = (item: TransactItem) => JSON.stringify(item.Update?.Key ?? item.Put?.Item?.sk ?? item.Delete?.Key ?? item.ConditionCheck?.Key);

describe('register change builders', () => {
  it('create: row, history, audit and counters of association, park and zone, the park guarded by its version', () => {
    const items = companyCreateItems(company({ zoneId: Z1, membershipStatus: 'member' }), actor, { parkVersion: 7 });
    expect(kinds(items)).toEqual(['company', 'other', 'other', 'tenant', 'park', 'zone']);
    const park = items.find((i) => itemKind(i) === 'park')!.Update!;
    expect(park.ConditionExpression).toContain('#version = :parkVersion');
    expect(park.ExpressionAttributeValues).toMatchObject({ ':companies': 1, ':members': 1, ':parkVersion': 7 });
    const zone = items.find((i) => itemKind(i) === 'zone')!.Update!;
    expect(zone.ConditionExpression).toBeUndefined(); // created by its first ADD
    expect(zone.ExpressionAttributeValues).toMatchObject({ ':companies': 1, ':members': 1, ':zone': Z1, ':park': P1 });
  });

  it('refuses to put a company into a zone without the park version its zone was checked against', () => {
    expect(() => companyCreateItems(company({ zoneId: Z1 }), actor)).toThrow(/park version/);
    const before = company({ zoneId: Z1 });
    // Keeping its zone needs no check: a zone with companies cannot be removed.
    expect(() => companyUpdateItems(before, { ...before, name: 'Y nv' }, actor)).not.toThrow();
  });

  it('edit without moves: the row and its audit only, nothing counted', () => {
    const before = company({ zoneId: Z1 });
    const items = companyUpdateItems(before, { ...before, name: 'Renamed nv' }, actor);
    expect(kinds(items)).toEqual(['company', 'other']);
    expect(items[0]!.Update!.ConditionExpression).toBe('attribute_exists(pk) AND #version = :expected');
    expect(items[0]!.Update!.ExpressionAttributeValues).toMatchObject({ ':expected': 1, ':version': 2 });
    expect(items[1]!.Put!.Item).toMatchObject({ action: 'company.update', fields: ['name'] });
  });

  it('the largest change (other park, other zone, other status) fits MAX_ITEMS_PER_COMPANY_CHANGE', () => {
    const before = company({ zoneId: Z1, membershipStatus: 'member' });
    const items = companyUpdateItems(before, { ...before, parkId: P2, zoneId: Y1, membershipStatus: 'former_member' }, actor, { parkVersion: 3 });
    expect(items).toHaveLength(MAX_ITEMS_PER_COMPANY_CHANGE);
    expect(new Set(items.map(keyOf)).size).toBe(items.length); // never the same item twice
    const sameParkZoneMove = companyUpdateItems(before, { ...before, zoneId: Z2 }, actor, { parkVersion: 3 });
    // The park's counter does not move, so its guard is a ConditionCheck.
    expect(kinds(sameParkZoneMove)).toEqual(['company', 'other', 'zone', 'zone', 'park']);
    expect(sameParkZoneMove.at(-1)!.ConditionCheck).toBeDefined();
  });

  it('sets and clears memberSince with the status', () => {
    const joined = companyChange(company(), { ...company(), membershipStatus: 'member' }, actor).company!;
    expect(joined.memberSince).toBe('2026-05-04');
    const before = company({ membershipStatus: 'member', memberSince: '2020-01-01' });
    expect(companyChange(before, { ...before, name: 'Z' }, actor).company!.memberSince).toBe('2020-01-01');
    expect(companyChange(before, { ...before, membershipStatus: 'former_member' }, actor).company!.memberSince).toBeUndefined();
  });

  it('merges the counters of many changes into one item per counter and packs chunks of ≤ 100 items', () => {
    const zones = [Z1, Z2, undefined];
    const changes = Array.from({ length: 250 }, (_, i) => companyChange(null, company({ zoneId: zones[i % 3], membershipStatus: i % 2 ? 'member' : 'prospect' }), actor, { parkVersion: 1 }));
    const one = companyTransaction(changes.slice(0, 10));
    expect(kinds(one).filter((k) => k === 'tenant')).toHaveLength(1);
    expect(kinds(one).filter((k) => k === 'park')).toHaveLength(1);
    expect(kinds(one).filter((k) => k === 'zone')).toHaveLength(2);
    const park = one.find((i) => itemKind(i) === 'park')!.Update!;
    expect(park.ExpressionAttributeValues).toMatchObject({ ':companies': 10, ':members': 5 });
    const chunks = chunkCompanyChanges(changes);
    expect(chunks.flat()).toEqual(changes);
    for (const chunk of chunks) expect(companyTransaction(chunk).length).toBeLessThanOrEqual(MAX_TRANSACT_ITEMS);
    expect(chunks.length).toBe(Math.ceil(250 / Math.floor((MAX_TRANSACT_ITEMS - 4) / 3)));
  });

  it('keeps two changes of one company apart, and undoes a change with the opposite counts', () => {
    const c = company({ zoneId: Z1 });
    const created = companyChange(null, c, actor, { parkVersion: 1 });
    const renamed = companyChange(created.company, { ...created.company!, name: 'Later nv' }, actor);
    expect(() => companyTransaction([created, renamed])).toThrow(/twice/);
    expect(chunkCompanyChanges([created, renamed])).toHaveLength(2);
    const undo = companyTransaction([created.undo()]);
    expect(kinds(undo)).toEqual(['company', 'other', 'other', 'tenant', 'park', 'zone']);
    expect(undo[0]!.Delete).toBeDefined();
    expect(undo.find((i) => itemKind(i) === 'zone')!.Update!.ExpressionAttributeValues).toMatchObject({ ':companies': -1 });
  });
});
