import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { ulid } from 'ulidx';
import { CLAIM_LEASE_MS, sendReminders, tomorrowInBrussels } from '../../functions/activities/reminders';
import { handler as reminderJob } from '../../functions/reminders/handler';
import { keys, startTestApi, type TestApi } from '../support/test-api';
import { addCompany, person } from './activities-support';

/**
 * Reminders the day before, against DynamoDB Local: the job's real code over the real table (occurrences written
 * and registered through the HTTP API), mails read from the outbox transport.
 */

let api: TestApi;
let U1: string, A1: string;
let companyA1: string;

/** A Brussels wall-clock time on a Brussels calendar day, as ISO with its offset. */
function brussels(day: string, hour: number, minute = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, hour, minute, 'Europe/Brussels').toISOString();
}
const dayAfter = (day: string, days = 1) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function organise(startsAt: string, capacity = 10, title = `Infosessie ${ulid()}`) {
  const endsAt = new Date(Date.parse(startsAt) + 60 * 60 * 1000).toISOString();
  const created = await api.call('POST', `/api/tenants/${U1}/activities`, {
    as: 'staffU1',
    body: {
      type: 'info_session', title, themes: ['mobiliteit'], audience: { kind: 'umbrella' }, capacity,
      place: { kind: 'address', name: 'Provinciehuis Boeverbos', street: 'Koning Leopold III-laan', houseNumber: '41', postalCode: '8200', municipality: 'Brugge' },
      startsAt, endsAt,
    },
  });
  expect(created.status, created.text).toBe(201);
  return { activityId: created.body.id as string, occurrence: created.body.occurrences[0] as { id: string; version: number; startsAt: string; endsAt: string }, title };
}

async function register(activityId: string, occurrenceId: string, people: ReturnType<typeof person>[]) {
  const response = await api.call('POST', `/api/tenants/${U1}/activities/${activityId}/occurrences/${occurrenceId}/registrations`, {
    as: 'staffU1', body: { kind: 'people', associationId: A1, companyId: companyA1, people },
  });
  expect(response.status, response.text).toBe(201);
  return response.body.results as { outcome: string; registration: { id: string; email: string; status: string } }[];
}

const unique = (name: string) => person(`${name} ${ulid().slice(-6)}`);
const remindersTo = (email: string) => api.outbox().filter((mail) => mail.to === email && /^(Herinnering|Reminder):/.test(mail.subject));

beforeAll(async () => {
  api = await startTestApi();
  ({ U1: { id: U1 }, A1: { id: A1 } } = api.world.tenants);
  companyA1 = await addCompany(api, A1, api.world.parks.P1.id, 'Herinnering nv');
});
afterAll(() => api.stop());

describe('reminders the day before', () => {
  it('takes the Brussels calendar day after today, across midnight and daylight saving', () => {
    expect(tomorrowInBrussels(new Date('2027-03-27T23:30:00Z'))).toBe('2027-03-29'); // winter time: already 00:30 on the 28th
    expect(tomorrowInBrussels(new Date('2027-03-27T22:59:00Z'))).toBe('2027-03-28'); // 23:59 on the 27th
    expect(tomorrowInBrussels(new Date('2027-03-27T12:00:00Z'))).toBe('2027-03-28');
    expect(tomorrowInBrussels(new Date('2027-10-30T22:30:00Z'))).toBe('2027-11-01'); // summer time: 00:30 on the 31st
    expect(tomorrowInBrussels(new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-02');
  });

  it('mails every confirmed participant of tomorrow’s occurrences once, in their language; not the waitlist, not the cancelled, not other days', async () => {
    const tomorrow = tomorrowInBrussels(new Date());
    const late = await organise(brussels(tomorrow, 23, 30), 2); // 21:30 or 22:30 UTC: still tomorrow in Brussels
    const [ann, bart, cis, dirk] = [unique('Ann'), unique('Bart'), { ...unique('Cis'), language: 'en' }, unique('Dirk')];
    const results = await register(late.activityId, late.occurrence.id, [ann, bart, cis, dirk]);
    expect(results.map((r) => r.registration.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    // Bart cancels: Cis is promoted, Dirk stays on the waitlist.
    const cancelled = await api.call('DELETE', `/api/tenants/${U1}/activities/${late.activityId}/occurrences/${late.occurrence.id}/registrations/${results[1]!.registration.id}`, { as: 'staffU1' });
    expect(cancelled.status, cancelled.text).toBe(200);

    // 00:30 the day after tomorrow in Brussels is still tomorrow in UTC: not reminded yet.
    const nextDay = await organise(brussels(dayAfter(tomorrow), 0, 30));
    const eve = unique('Eva');
    await register(nextDay.activityId, nextDay.occurrence.id, [eve]);

    const run = await reminderJob();
    expect(run.day).toBe(tomorrow);
    expect(remindersTo(ann.email)).toHaveLength(1);
    expect(remindersTo(cis.email)).toHaveLength(1);
    expect(remindersTo(bart.email)).toEqual([]);
    expect(remindersTo(dirk.email)).toEqual([]);
    expect(remindersTo(eve.email)).toEqual([]);

    const [toAnn] = remindersTo(ann.email);
    expect(toAnn!.subject).toBe(`Herinnering: morgen ${late.title}`);
    expect(toAnn!.text).toContain('morgen is het zover');
    expect(toAnn!.text).toContain('23:30');
    expect(toAnn!.text).toContain('Provinciehuis Boeverbos');
    const [toCis] = remindersTo(cis.email);
    expect(toCis!.subject).toBe(`Reminder: ${late.title} tomorrow`);
    expect(toCis!.text).toContain('see you tomorrow');

    // Running again sends nothing more.
    const again = await reminderJob();
    expect(again.sent).toBe(0);
    expect(remindersTo(ann.email)).toHaveLength(1);
    expect(remindersTo(cis.email)).toHaveLength(1);
  });

  it('sends one mail per person when two runs race each other', async () => {
    const tomorrow = tomorrowInBrussels(new Date());
    const training = await organise(brussels(tomorrow, 9), 30);
    const people = Array.from({ length: 12 }, (_, i) => unique(`Deelnemer${i}`));
    await register(training.activityId, training.occurrence.id, people);

    const runs = await Promise.all([sendReminders(), sendReminders(), sendReminders()]);
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(12);
    for (const who of people) expect(remindersTo(who.email), who.email).toHaveLength(1);
  });

  it('skips cancelled occurrences, also when the cancellation was interrupted before the registrations were released', async () => {
    const tomorrow = tomorrowInBrussels(new Date());
    const cancelledByApi = await organise(brussels(tomorrow, 10));
    const gina = unique('Gina');
    await register(cancelledByApi.activityId, cancelledByApi.occurrence.id, [gina]);
    const cancel = await api.call('POST', `/api/tenants/${U1}/activities/${cancelledByApi.activityId}/cancel`, { as: 'staffU1', body: { version: 1 } });
    expect(cancel.status, cancel.text).toBe(200);

    // Only the occurrence's status changed (the store's first step of a cancellation): its people are still confirmed.
    const interrupted = await organise(brussels(tomorrow, 11));
    const hans = unique('Hans');
    await register(interrupted.activityId, interrupted.occurrence.id, [hans]);
    const { markOccurrenceCancelled } = await import('../../functions/activities/store');
    await markOccurrenceCancelled(U1, interrupted.activityId, interrupted.occurrence.id, interrupted.occurrence.version, { userId: 'test', requestId: 'test', now: new Date().toISOString() });
    const listed = await api.call('GET', `/api/tenants/${U1}/activities/${interrupted.activityId}/occurrences/${interrupted.occurrence.id}/registrations`, { as: 'staffU1' });
    expect(listed.body.items.map((r: { status: string }) => r.status)).toEqual(['confirmed']);

    await reminderJob();
    expect(remindersTo(gina.email)).toEqual([]);
    expect(remindersTo(hans.email)).toEqual([]);
  });

  it('follows a move: into tomorrow reminds, out of tomorrow does not', async () => {
    const tomorrow = tomorrowInBrussels(new Date());
    const movedIn = await organise(brussels(dayAfter(tomorrow, 3), 14));
    const movedOut = await organise(brussels(tomorrow, 14));
    const [ines, jan] = [unique('Ines'), unique('Jan')];
    await register(movedIn.activityId, movedIn.occurrence.id, [ines]);
    await register(movedOut.activityId, movedOut.occurrence.id, [jan]);
    const move = (activity: Awaited<ReturnType<typeof organise>>, startsAt: string) =>
      api.call('PUT', `/api/tenants/${U1}/activities/${activity.activityId}/occurrences/${activity.occurrence.id}`, {
        as: 'staffU1',
        body: { startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), capacity: 10, registrationOpen: true, version: activity.occurrence.version },
      });
    expect((await move(movedIn, brussels(tomorrow, 15))).status).toBe(200);
    expect((await move(movedOut, brussels(dayAfter(tomorrow, 2), 15))).status).toBe(200);

    await reminderJob();
    expect(remindersTo(ines.email)).toHaveLength(1);
    expect(remindersTo(jan.email)).toEqual([]);
  });

  it('takes over a claim left by a run that died before sending, once its lease is over; a fresh claim is left alone', async () => {
    const tomorrow = tomorrowInBrussels(new Date());
    const session = await organise(brussels(tomorrow, 16));
    const [karel, lien] = [unique('Karel'), unique('Lien')];
    const [forKarel, forLien] = await register(session.activityId, session.occurrence.id, [karel, lien]);
    const startsAtUtc = new Date(session.occurrence.startsAt).toISOString();
    const claim = (registrationId: string, claimedAt: string) => ({
      ...keys.reminder(U1, session.occurrence.id, registrationId, startsAtUtc), type: 'reminder', registrationId, state: 'claimed', claimedAt,
    });
    await api.put([
      claim(forKarel!.registration.id, new Date(Date.now() - CLAIM_LEASE_MS - 60_000).toISOString()),
      claim(forLien!.registration.id, new Date(Date.now() - 60_000).toISOString()),
    ]);

    await reminderJob();
    expect(remindersTo(karel.email)).toHaveLength(1);
    expect(remindersTo(lien.email)).toEqual([]);
    const marker = await api.getItem(keys.reminder(U1, session.occurrence.id, forKarel!.registration.id, startsAtUtc));
    expect(marker).toMatchObject({ state: 'sent' });
  });
});
