import type { BoardMember, ParkManager, WorkingGroup, WorkingGroupMember } from '../../shared/index';
import { keys } from '../lib/keys';

/**
 * Item shapes of the people context; the store and the demo seed both build items here so they cannot drift.
 * Company names are not stored: they are looked up when read, so a renamed company shows its new name.
 */
type Stored<T> = Omit<T, 'companyName'> & { pk: string; sk: string; tenantId: string };

export type StoredBoardMember = Omit<BoardMember, 'companyName'>;
export type StoredParkManager = ParkManager;
export type StoredWorkingGroupMember = Omit<WorkingGroupMember, 'companyName'>;
export type StoredWorkingGroup = Omit<WorkingGroup, 'members'> & { members: StoredWorkingGroupMember[] };

export type BoardMemberItem = Stored<StoredBoardMember> & { type: 'boardMember' };
export type ParkManagerItem = Stored<StoredParkManager> & { type: 'parkManager' };
export type WorkingGroupItem = Stored<StoredWorkingGroup> & { type: 'workingGroup' };

export function boardMemberItem(tenantId: string, member: StoredBoardMember): BoardMemberItem {
  return { ...keys.boardMember(tenantId, member.id), type: 'boardMember', tenantId, ...member };
}

export function parkManagerItem(tenantId: string, manager: StoredParkManager): ParkManagerItem {
  return { ...keys.parkManager(tenantId, manager.id), type: 'parkManager', tenantId, ...manager };
}

export function workingGroupItem(tenantId: string, group: StoredWorkingGroup): WorkingGroupItem {
  return { ...keys.workingGroup(tenantId, group.id), type: 'workingGroup', tenantId, ...group };
}

/** Picks the API fields, so that keys and bookkeeping attributes never leave the store. */
export function toBoardMember(item: Record<string, unknown>): StoredBoardMember {
  const { id, name, function: fn, companyId, email, phone, termStart, termEnd, contactVisibleToMembers, version, createdAt, updatedAt } = item as BoardMemberItem;
  return {
    id, name, function: fn, companyId, email, phone, termStart, termEnd,
    contactVisibleToMembers: contactVisibleToMembers === true, version, createdAt, updatedAt,
  };
}

export function toParkManager(item: Record<string, unknown>): StoredParkManager {
  const { id, name, organisation, daysPerWeek, interim, from, until, email, phone, contactVisibleToMembers, version, createdAt, updatedAt } = item as ParkManagerItem;
  return {
    id, name, organisation, daysPerWeek: Number(daysPerWeek), interim: interim === true, from, until, email, phone,
    contactVisibleToMembers: contactVisibleToMembers === true, version, createdAt, updatedAt,
  };
}

export function toWorkingGroup(item: Record<string, unknown>): StoredWorkingGroup {
  const { id, name, theme, description, members, leadMemberId, version, createdAt, updatedAt } = item as WorkingGroupItem;
  return {
    id, name, theme, description,
    members: (members ?? []).map(({ id: memberId, name: memberName, companyId, email, contactVisibleToMembers }) => ({
      id: memberId, name: memberName, companyId, email, contactVisibleToMembers: contactVisibleToMembers === true,
    })),
    leadMemberId, version, createdAt, updatedAt,
  };
}

/** Drops `undefined` fields, so that answers and stored items carry only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
