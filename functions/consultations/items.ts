import type { ContactMoment, FollowUpEntry } from '../../shared/index';
import { keys } from '../lib/keys';

/** Item shapes of the consultation log; the seed and the store both build items here so they cannot drift. */
/** `type` names the kind of item (as everywhere in the table); the kind of contact is stored as `contactType`. */
export type ContactMomentItem = Omit<ContactMoment, 'type'> & {
  pk: string; sk: string; type: 'contactMoment'; contactType: ContactMoment['type']; gsi1pk: string; gsi1sk: string; gsi2pk: string; gsi2sk: string;
};
export type FollowUpItem = FollowUpEntry & { pk: string; sk: string; type: 'followUp'; gsi1pk: string; gsi1sk: string };

export function contactMomentItem(moment: ContactMoment): ContactMomentItem {
  const { type: contactType, ...rest } = moment;
  return {
    ...keys.contactMoment(moment.umbrellaId, moment.id),
    ...keys.contactMomentIndexes(moment.umbrellaId, moment.associationId, moment.date, moment.id),
    ...rest,
    type: 'contactMoment',
    contactType,
  };
}

/** The row that finds an association's latest contact with one strongly consistent Query (newest first). */
export function contactDateItem(moment: Pick<ContactMoment, 'umbrellaId' | 'associationId' | 'date' | 'id'>) {
  return { ...keys.contactDate(moment.umbrellaId, moment.associationId, moment.date, moment.id), type: 'contactDate', momentId: moment.id, date: moment.date };
}

/** One row per follow-up of a moment, on gsi1 by status and due date (the umbrella's "Opvolging" list). */
export function followUpItems(moment: ContactMoment): FollowUpItem[] {
  return moment.followUps.map((followUp) => ({
    ...keys.followUp(moment.umbrellaId, followUp.id),
    ...keys.followUpIndex(moment.umbrellaId, followUp.done ? 'done' : 'open', followUp.dueOn, followUp.id),
    type: 'followUp',
    ...followUp,
    momentId: moment.id,
    momentDate: moment.date,
    momentType: moment.type,
    momentVersion: moment.version,
    associationId: moment.associationId,
    associationName: moment.associationName,
  }));
}

export function toContactMoment(item: Record<string, unknown>): ContactMoment {
  const { id, umbrellaId, associationId, associationName, date, contactType, participants, notes, followUps, version, createdAt, updatedAt, createdBy } = item as ContactMomentItem;
  return {
    id, umbrellaId, associationId, associationName, date, type: contactType,
    participants: participants ?? [], notes: notes ?? '',
    followUps: (followUps ?? []).map(({ id: fid, text, dueOn, done }) => ({ id: fid, text, dueOn, done })),
    version, createdAt, updatedAt,
    ...(createdBy ? { createdBy } : {}),
  };
}

export function toFollowUpEntry(item: Record<string, unknown>): FollowUpEntry {
  const { id, text, dueOn, done, momentId, momentDate, momentType, momentVersion, associationId, associationName } = item as FollowUpItem;
  return { id, text, dueOn, done, momentId, momentDate, momentType, momentVersion, associationId, associationName };
}
