import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Attendance } from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, notFound, versionConflict } from '../lib/errors';
import { keys } from '../lib/keys';
import { creditItems } from './credits';
import { toRegistration, type RegistrationItem } from './items';
import { participationClient } from './participation-client';
import { getOccurrence, queryOccurrenceRows } from './store';
import { loadTenant } from '../lib/tenants';
import { FIGURE, quantityDeltas } from '../organisations/figures';
import { AGAIN, transact, untilSettled, type TransactItem } from './transact';

export type AttendanceInput = { attendance: Attendance; passed?: boolean | null; version: number };

/**
 * Checks someone in, marks a no-show, or resets (based on the registration's version); for trainings, records
 * whether they passed. Attendance is credited to the home association and its umbrella in the same
 * transaction, only on the change into or out of `present`, so repeated check-ins never count twice.
 */
export async function recordAttendance(organiserId: string, activityId: string, occurrenceId: string, registrationId: string, input: AttendanceInput, actor: Actor) {
  const organiser = tenantClient(organiserId);
  return untilSettled(async () => {
    const { Item } = await organiser.send(
      new GetCommand({ TableName: tableName(), Key: keys.registration(organiserId, occurrenceId, registrationId), ConsistentRead: true }),
    );
    const registration = Item as RegistrationItem | undefined;
    if (!registration || registration.activityId !== activityId) throw notFound();
    if (registration.version !== input.version) throw versionConflict(toRegistration(registration));
    if (registration.status !== 'confirmed') throw new HttpError(409, 'not_confirmed');
    const delta = Number(input.attendance === 'present') - Number(registration.attendance === 'present');
    const client = participationClient({
      organiserId, homeId: registration.associationId, ...(registration.umbrellaId ? { homeUmbrellaId: registration.umbrellaId } : {}),
    });
    const passed = input.passed === undefined ? registration.passed : input.passed ?? undefined;
    const items: TransactItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: keys.registration(organiserId, occurrenceId, registrationId),
          UpdateExpression: `SET attendance = :attendance, attendanceAt = :now, #version = #version + :one${passed === undefined ? ' REMOVE passed' : ', passed = :passed'}`,
          ConditionExpression: '#version = :expected AND #status = :confirmed',
          ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
          ExpressionAttributeValues: {
            ':attendance': input.attendance, ':now': actor.now, ':one': 1, ':expected': input.version, ':confirmed': 'confirmed',
            ...(passed === undefined ? {} : { ':passed': passed }),
          },
        },
      },
      ...(delta !== 0
        ? [
            {
              Update: {
                TableName: tableName(),
                Key: keys.occurrence(organiserId, activityId, occurrenceId),
                UpdateExpression: 'ADD attended :delta',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':delta': delta },
              },
            } satisfies TransactItem,
            ...(await creditItems(
              client,
              { associationId: registration.associationId, ...(registration.umbrellaId ? { umbrellaId: registration.umbrellaId } : {}), companyId: registration.companyId, year: registration.year, kind: registration.kind },
              { attended: delta as 1 | -1 },
            )),
          ]
        : []),
      auditPut(organiserId, actor, { action: 'registration.attendance', objectType: 'registration', objectId: registrationId, fields: ['attendance', ...(input.passed !== undefined ? ['passed'] : [])] }),
    ];
    const result = await transact(client, items);
    if (!result.ok) return AGAIN;
    const { Item: after } = await organiser.send(
      new GetCommand({ TableName: tableName(), Key: keys.registration(organiserId, occurrenceId, registrationId), ConsistentRead: true }),
    );
    return toRegistration(after!);
  });
}

export type OutcomeInput = { quantities: { quantity: number; unit: string; what?: string }[]; version: number };

function toOutcome(row: Record<string, unknown>, occurrenceId: string) {
  return {
    occurrenceId,
    companyId: String(row.companyId),
    companyName: String(row.companyName),
    associationId: String(row.associationId),
    quantities: (row.quantities as OutcomeInput['quantities'] | undefined) ?? [],
    version: Number(row.outcomeVersion ?? 0),
  };
}

/**
 * Records what a registered company brought or bought (kg of hazardous waste, audits …), based on a version.
 * The change per unit (new − recorded) moves the umbrella's comparison row of the company's home association
 * (issue #6: collective-action quantities per association and year) in the same transaction, conditioned on the
 * outcome version it was computed against, so the sums are exact; hence the participation session (organiser,
 * home association, its umbrella), as for the credits.
 */
export async function recordOutcome(organiserId: string, activityId: string, occurrenceId: string, companyId: string, input: OutcomeInput, actor: Actor) {
  const organiser = tenantClient(organiserId);
  const key = keys.occurrenceCompany(organiserId, occurrenceId, companyId);
  const [{ Item }, occurrence] = await Promise.all([
    organiser.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true })),
    getOccurrence(organiserId, activityId, occurrenceId),
  ]);
  if (!Item || !occurrence) throw new HttpError(404, 'not_registered');
  if (Number(Item.outcomeVersion ?? 0) !== input.version) throw versionConflict(toOutcome(Item, occurrenceId));
  const homeId = String(Item.associationId);
  const home = homeId === organiserId ? undefined : await loadTenant(homeId).catch(() => undefined);
  const umbrellaId = homeId === organiserId ? await organiserUmbrellaId(organiserId) : home?.umbrellaId;
  const deltas = quantityDeltas((Item.quantities as OutcomeInput['quantities'] | undefined) ?? [], input.quantities);
  const client = umbrellaId ? participationClient({ organiserId, homeId, homeUmbrellaId: umbrellaId }) : organiser;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET quantities = :quantities, outcomeAt = :now ADD outcomeVersion :one',
        ConditionExpression: input.version === 0 ? 'attribute_exists(pk) AND attribute_not_exists(outcomeVersion)' : 'outcomeVersion = :expected',
        ExpressionAttributeValues: { ':quantities': input.quantities, ':now': actor.now, ':one': 1, ...(input.version === 0 ? {} : { ':expected': input.version }) },
      },
    },
    auditPut(organiserId, actor, { action: 'outcome.record', objectType: 'occurrenceCompany', objectId: companyId, fields: ['quantities'] }),
  ];
  if (umbrellaId && deltas.size > 0) {
    const units = [...deltas.entries()];
    items.push({
      Update: {
        TableName: tableName(),
        Key: keys.umbrellaAssociation(umbrellaId, homeId),
        UpdateExpression: `ADD ${units.map((_, i) => `#q${i} :q${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(units.map(([unit], i) => [`#q${i}`, FIGURE.quantity(occurrence.year, unit)])),
        ExpressionAttributeValues: Object.fromEntries(units.map(([, delta], i) => [`:q${i}`, delta])),
      },
    });
  }
  const result = await transact(client, items);
  if (!result.ok) {
    const { Item: latest } = await organiser.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    if (result.transient && latest && Number(latest.outcomeVersion ?? 0) === input.version) throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
    throw versionConflict(latest ? toOutcome(latest, occurrenceId) : undefined);
  }
  const { Item: after } = await organiser.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return toOutcome(after!, occurrenceId);
}

/** An association organiser's umbrella (its own tenant row). */
async function organiserUmbrellaId(organiserId: string): Promise<string | undefined> {
  const tenant = await loadTenant(organiserId).catch(() => undefined);
  return tenant?.kind === 'association' ? tenant.umbrellaId : undefined;
}

/** The outcomes of every registered company of an occurrence. */
export async function listOutcomes(organiserId: string, occurrenceId: string) {
  const rows = await queryOccurrenceRows(organiserId, keys.occurrenceCompanyPrefix(occurrenceId));
  return rows.map((row) => toOutcome(row, occurrenceId));
}
