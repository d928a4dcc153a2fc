import { resolve } from '$app/paths';

/** The two kinds of organiser: the same pages live under `/associations/[id]/activities…` and `/umbrellas/[id]/activities…`. */
export type OrganiserKind = 'association' | 'umbrella';

export type OrganiserLinks = {
  home: string;
  list: string;
  create: string;
  activity: (activityId: string) => string;
  edit: (activityId: string) => string;
  checkIn: (activityId: string, occurrenceId: string) => string;
  outcomes: (activityId: string, occurrenceId: string) => string;
};

/** Every link of the organiser's pages, typed against the route tree (SvelteKit's `resolve`). */
export function organiserLinks(kind: OrganiserKind, id: string): OrganiserLinks {
  if (kind === 'association') {
    return {
      home: resolve('/associations/[id]', { id }),
      list: resolve('/associations/[id]/activities', { id }),
      create: resolve('/associations/[id]/activities/new', { id }),
      activity: (activityId) => resolve('/associations/[id]/activities/[activityId]', { id, activityId }),
      edit: (activityId) => resolve('/associations/[id]/activities/[activityId]/edit', { id, activityId }),
      checkIn: (activityId, occurrenceId) =>
        resolve('/associations/[id]/activities/[activityId]/occurrences/[occurrenceId]/check-in', { id, activityId, occurrenceId }),
      outcomes: (activityId, occurrenceId) =>
        resolve('/associations/[id]/activities/[activityId]/occurrences/[occurrenceId]/outcomes', { id, activityId, occurrenceId }),
    };
  }
  return {
    home: resolve('/umbrellas/[id]', { id }),
    list: resolve('/umbrellas/[id]/activities', { id }),
    create: resolve('/umbrellas/[id]/activities/new', { id }),
    activity: (activityId) => resolve('/umbrellas/[id]/activities/[activityId]', { id, activityId }),
    edit: (activityId) => resolve('/umbrellas/[id]/activities/[activityId]/edit', { id, activityId }),
    checkIn: (activityId, occurrenceId) =>
      resolve('/umbrellas/[id]/activities/[activityId]/occurrences/[occurrenceId]/check-in', { id, activityId, occurrenceId }),
    outcomes: (activityId, occurrenceId) =>
      resolve('/umbrellas/[id]/activities/[activityId]/occurrences/[occurrenceId]/outcomes', { id, activityId, occurrenceId }),
  };
}
