import { describe, expect, it } from 'vitest';
import { isUlid } from '../../shared/index';
import { boardIssues, parkManagerIssues, parkManagerSummary } from '../../functions/people/rules';
import { buildDemoData } from '../../scripts/local/demo-data';
import { buildDemoPeople, demoPeopleWrites } from '../../scripts/local/demo-people';

const data = buildDemoData();
const people = buildDemoPeople(data);
const associations = new Map(data.umbrellas.flatMap((umbrella) => umbrella.associations.map((a) => [a.tenant.id, a] as const)));

describe('the demo people', () => {
  it('are the same on every run, with unique ULIDs that do not move the other demo ids', () => {
    const ids = (list: typeof people) => list.flatMap((p) => [...p.board, ...p.managers, ...p.groups, ...p.groups.flatMap((g) => g.members)].map((x) => x.id));
    expect(ids(buildDemoPeople(buildDemoData()))).toEqual(ids(people));
    expect(new Set(ids(people)).size).toBe(ids(people).length);
    expect(ids(people).every(isUlid)).toBe(true);
  });

  it('refer only to companies of their own association and keep the rules the API enforces', () => {
    for (const { associationId, board, managers, groups } of people) {
      const companies = new Set(associations.get(associationId)!.companies.map((c) => c.id));
      for (const member of board) {
        if (member.companyId) expect(companies.has(member.companyId)).toBe(true);
        expect(boardIssues(member, board)).toEqual([]);
      }
      for (const manager of managers) expect(parkManagerIssues(manager)).toEqual([]);
      for (const group of groups) {
        for (const member of group.members) if (member.companyId) expect(companies.has(member.companyId)).toBe(true);
        if (group.leadMemberId) expect(group.members.map((m) => m.id)).toContain(group.leadMemberId);
      }
    }
  });

  it('use .test addresses and no phone numbers', () => {
    const text = JSON.stringify(people);
    for (const [, address] of text.matchAll(/"email":"([^"]+)"/g)) expect(address).toMatch(/\.test$/);
    expect(text).not.toContain('"phone"');
  });

  it('give C-Valley Leuven its two interim park managers of 2018 and an appointed one since 2020', () => {
    const cValley = data.umbrellas.flatMap((u) => u.associations).find((a) => a.tenant.name === 'C-Valley Leuven')!;
    const managers = people.find((p) => p.associationId === cValley.tenant.id)!.managers;
    expect(parkManagerSummary(managers, '2018-06-01')).toMatchObject({ appointed: true, since: '2018-05-08', interim: true });
    expect(parkManagerSummary(managers, '2026-01-01')).toEqual({ appointed: true, since: '2020-01-01', interim: false, asOf: '2026-01-01' });
    const { updates } = demoPeopleWrites(data, '2026-01-01');
    expect(updates.map((u) => u.Key.pk)).toContain(`T#${cValley.tenant.id}`);
  });
});
