import type { ContactMoment } from '../../shared/index';
import type { ActivityItem, OccurrenceItem, RegistrationItem } from '../activities/items';
import { loadActivity, queryOccurrenceRows } from '../activities/store';
import { toContactMoment } from '../consultations/items';
import { brusselsDay } from '../lib/brussels';
import { tableName, tenantClient } from '../lib/dynamo';
import { keys, tenantPartition } from '../lib/keys';
import { mapBounded } from '../lib/bounded';
import { queryAll } from '../lib/query';

/** Reads in flight at once per report (see lib/bounded.ts). */
const PARALLEL_READS = 8;

/**
 * What the yearly report is counted from, read from the umbrella's own partition only (its tenant session; no
 * Scan, every read a Query with a key condition):
 *
 * | read                                                   | cost                                                      |
 * |--------------------------------------------------------|-----------------------------------------------------------|
 * | contact moments on gsi1 (`T#<u>#CONTACTS`), by day     | one Query: the period's moments (~0.5 KB each)            |
 * | the umbrella's rows of its associations (`ASSOC#`)     | one Query, as the comparison table (one item per assoc.)  |
 * | its activities on gsi1 (`T#<u>#ACTIVITIES`) up to the  | one Query over activities first starting before the       |
 * |   period's end                                         |   period's end: grows with the umbrella's history (1,000  |
 * |                                                        |   activities ≈ 1 MB ≈ 125 RCU); series can run for years  |
 * |                                                        |   (52 × 12 months), so no safe lower bound exists         |
 * | each candidate activity with its occurrences           | one Query per activity that can reach the period          |
 * | registrations and company rows of each counted         | two (consistent) Queries per occurrence in the period     |
 * |   occurrence                                           |                                                           |
 *
 * So a report grows with the umbrella's own activity in the period, never with the associations' registers.
 * Participation is counted from the organiser's registrations rather than from the umbrella's CREDIT rows: those
 * are per calendar year and per home association (not per period, type or theme), and include activities of
 * associations, which are not the umbrella's own figures.
 */

export type CountedOccurrence = {
  activity: ActivityItem;
  occurrence: OccurrenceItem;
  registrations: RegistrationItem[];
  companies: { companyId: string; quantities: { quantity: number; unit: string; what?: string }[] }[];
};

export type AssociationRow = { id: string; name: string; stage: 'in_formation' | 'founded' };

export type ReportRecords = {
  moments: ContactMoment[];
  associations: AssociationRow[];
  occurrences: CountedOccurrence[];
};

async function contactMomentsIn(umbrellaId: string, from: string, to: string): Promise<ContactMoment[]> {
  const { lower, upper } = keys.contactMomentDayRange(from, to);
  const items = await queryAll(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.contactMomentsOfUmbrella(umbrellaId), ':from': lower, ':to': upper },
    },
    tenantClient(umbrellaId),
  );
  return items.filter((item) => item.type === 'contactMoment').map(toContactMoment);
}

async function associationRows(umbrellaId: string): Promise<AssociationRow[]> {
  const items = await queryAll(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantPartition(umbrellaId), ':prefix': keys.umbrellaAssociationPrefix },
      ProjectionExpression: 'id, #name, stage',
      ExpressionAttributeNames: { '#name': 'name' },
    },
    tenantClient(umbrellaId),
  );
  // A row that only holds credits so far (no copy of the association yet) has no name: not an association to list.
  return items
    .filter((item) => typeof item.id === 'string' && typeof item.name === 'string')
    .map((item) => ({ id: String(item.id), name: String(item.name), stage: item.stage === 'in_formation' ? 'in_formation' : 'founded' }));
}

/** The umbrella's activities that can have an occurrence in the period (see the table above). */
async function candidateActivities(umbrellaId: string, from: string, to: string): Promise<{ id: string }[]> {
  // `to`T23:59:59.999Z is after the end of Brussels day `to` (UTC+1/+2): a superset, narrowed per occurrence below.
  const items = await queryAll(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :end',
      ExpressionAttributeValues: { ':pk': keys.activitiesOfOrganiser(umbrellaId), ':end': keys.activitiesStartingBefore(`${to}T23:59:59.999Z`) },
      ProjectionExpression: 'id, gsi1sk, #repeat, #status',
      ExpressionAttributeNames: { '#repeat': 'repeat', '#status': 'status' },
    },
    tenantClient(umbrellaId),
  );
  return items
    .filter((item) => item.status !== 'cancelled')
    // A single activity has one occurrence, at its first start; a series may reach the period from any earlier start.
    .filter((item) => item.repeat !== undefined || brusselsDay(keys.firstStartOfActivityIndex(String(item.gsi1sk))) >= from)
    .map((item) => ({ id: String(item.id) }));
}

async function countedOccurrences(umbrellaId: string, from: string, to: string): Promise<CountedOccurrence[]> {
  const candidates = await candidateActivities(umbrellaId, from, to);
  const loaded = await mapBounded(candidates, PARALLEL_READS, (candidate) => loadActivity(umbrellaId, candidate.id));
  const inPeriod = loaded.flatMap((found) => {
    if (!found || found.activity.status === 'cancelled') return [];
    return found.occurrences
      .filter((occurrence) => occurrence.status !== 'cancelled')
      .filter((occurrence) => {
        const day = brusselsDay(occurrence.startsAt);
        return day >= from && day <= to;
      })
      .map((occurrence) => ({ activity: found.activity, occurrence }));
  });
  return mapBounded(inPeriod, PARALLEL_READS / 2, async ({ activity, occurrence }) => {
    const [registrations, companies] = await Promise.all([
      queryOccurrenceRows(umbrellaId, keys.registrationPrefix(occurrence.id)),
      queryOccurrenceRows(umbrellaId, keys.occurrenceCompanyPrefix(occurrence.id)),
    ]);
    return {
      activity,
      occurrence,
      registrations: registrations.filter((row) => row.type === 'registration') as RegistrationItem[],
      companies: companies.map((row) => ({
        companyId: String(row.companyId),
        quantities: (row.quantities as CountedOccurrence['companies'][number]['quantities'] | undefined) ?? [],
      })),
    };
  });
}

export async function readReportRecords(umbrellaId: string, from: string, to: string): Promise<ReportRecords> {
  const [moments, associations, occurrences] = await Promise.all([
    contactMomentsIn(umbrellaId, from, to),
    associationRows(umbrellaId),
    countedOccurrences(umbrellaId, from, to),
  ]);
  return { moments, associations, occurrences };
}
