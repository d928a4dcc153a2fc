import { ulid } from 'ulidx';
import type { BoardFunction, ParkManagerSummary, WorkingGroupInput } from '../../shared/index';
import type { FieldIssue } from '../lib/errors';
import type { StoredWorkingGroupMember } from './items';

/**
 * The rules of the people context that look at more than one field or more than one person. Pure functions:
 * the store runs them on what it read under a lock (board, park managers) and writes only when they pass.
 */

/** Functions that one person holds at a time; a board may have several members, secretaries, treasurers… */
const ONE_AT_A_TIME: readonly BoardFunction[] = ['chair'];

const EARLIEST = '0000-01-01';
const LATEST = '9999-12-31';

/** Two periods (ISO dates, both ends included, open ends unbounded) share at least one day. */
export function overlaps(a: { start?: string; end?: string }, b: { start?: string; end?: string }): boolean {
  return (a.start ?? EARLIEST) <= (b.end ?? LATEST) && (b.start ?? EARLIEST) <= (a.end ?? LATEST);
}

type BoardPeriod = { id: string; function: BoardFunction; termStart?: string; termEnd?: string };

export function boardIssues(candidate: BoardPeriod, board: readonly BoardPeriod[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (candidate.termStart && candidate.termEnd && candidate.termEnd < candidate.termStart) {
    issues.push({ path: 'body.termEnd', code: 'end_before_start' });
  }
  if (ONE_AT_A_TIME.includes(candidate.function)) {
    const period = { start: candidate.termStart, end: candidate.termEnd };
    const clash = board.some(
      (other) => other.id !== candidate.id && other.function === candidate.function && overlaps(period, { start: other.termStart, end: other.termEnd }),
    );
    if (clash) issues.push({ path: 'body.function', code: 'duplicate_chair' });
  }
  return issues;
}

export function parkManagerIssues(candidate: { from: string; until?: string }): FieldIssue[] {
  return candidate.until && candidate.until < candidate.from ? [{ path: 'body.until', code: 'end_before_start' }] : [];
}

/**
 * Gives new members an id (or keeps the ULID the client chose, so it can name a new member as the lead), and
 * checks that ids are unique and that the lead is one of the members.
 */
export function settleWorkingGroup(input: Pick<WorkingGroupInput, 'members' | 'leadMemberId'>): { members: StoredWorkingGroupMember[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const members = input.members.map((member, index) => {
    const id = member.id ?? ulid();
    if (seen.has(id)) issues.push({ path: `body.members.${index}.id`, code: 'duplicate_member' });
    seen.add(id);
    return {
      id, name: member.name, contactVisibleToMembers: member.contactVisibleToMembers,
      ...(member.companyId ? { companyId: member.companyId } : {}),
      ...(member.email ? { email: member.email } : {}),
    };
  });
  if (input.leadMemberId !== undefined && !seen.has(input.leadMemberId)) issues.push({ path: 'body.leadMemberId', code: 'lead_not_member' });
  return { members, issues };
}

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The park-manager summary kept on the tenant item (see parkManagerSummarySchema), for the day `today`. */
export function parkManagerSummary(managers: readonly { from: string; until?: string; interim: boolean }[], today: string): ParkManagerSummary {
  const active = managers.filter((manager) => manager.from <= today && (manager.until === undefined || manager.until >= today));
  const turns = managers.flatMap((manager) => [
    ...(manager.from > today ? [manager.from] : []),
    ...(manager.until !== undefined && manager.until >= today ? [dayAfter(manager.until)] : []),
  ]);
  const changesOn = turns.sort()[0];
  if (active.length === 0) return { appointed: false, asOf: today, ...(changesOn ? { changesOn } : {}) };
  return {
    appointed: true,
    since: active.map((manager) => manager.from).sort()[0]!,
    interim: active.every((manager) => manager.interim),
    asOf: today,
    ...(changesOn ? { changesOn } : {}),
  };
}
