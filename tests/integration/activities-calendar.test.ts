import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { fanOutRecord } from '../../functions/calendar/fan-out';
import { keys, startTestApi, type TestApi } from '../support/test-api';
import { addCompany, addContact, person, slot } from './activities-support';

let api: TestApi;
let U1: string, A1: string, A2: string, B1: string;
let companyA1: string, companyA1b: string;
let contactA1: { email: string; as: { token: string } }, contactA1b: { as: { token: string } };

beforeAll(async () => {
  api = await startTestApi();
  ({ U1: { id: U1 }, A1: { id: A1 }, A2: { id: A2 }, B1: { id: B1 } } = api.world.tenants);
  companyA1 = await addCompany(api, A1, api.world.parks.P1.id, 'Kalender nv');
  companyA1b = await addCompany(api, A1, api.world.parks.P2.id, 'Andere nv');
  contactA1 = await addContact(api, api.world.tenants.A1, companyA1);
  contactA1b = await addContact(api, api.world.tenants.A1, companyA1b);
});
afterAll(() => api.stop());

type Created = { id: string; version: number; organiserId: string; occurrences: { id: string; version: number; startsAt: string; endsAt: string }[] };

const activity = (overrides: Record<string, unknown> = {}) => ({
  type: 'workshop',
  title: `Kalenderworkshop ${ulid()}`,
  themes: ['energie'],
  place: { kind: 'address', name: 'Zaal', street: 'Kapeldreef', houseNumber: '60', postalCode: '3001', municipality: 'Leuven' },
  audience: { kind: 'umbrella' },
  ...slot(20),
  capacity: 10,
  ...overrides,
});

async function create(tenantId: string, overrides: Record<string, unknown> = {}, as: 'staffU1' | 'adminA1' | 'adminA2' | 'adminB1' = 'staffU1'): Promise<Created> {
  const created = await api.call('POST', `/api/tenants/${tenantId}/activities`, { as, body: activity(overrides) });
  expect(created.status, created.text).toBe(201);
  await api.drainStreams();
  return created.body;
}

/** The calendar rows an association holds for an activity, straight from its partition. */
async function rowsOf(associationId: string, activityId: string) {
  const { Items = [] } = await api.client.send(
    new QueryCommand({
      TableName: api.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `T#${associationId}`, ':prefix': 'CALENDAR#' },
      ConsistentRead: true,
    }),
  );
  return Items.filter((item) => item.activityId === activityId);
}

const calendar = async (tenantId: string, query = '', as: 'adminA1' | 'adminA2' | 'adminB1' | { token: string } = 'adminA1') =>
  api.call('GET', `/api/tenants/${tenantId}/calendar${query}`, { as });

const holders = async (activityId: string) => {
  const result: string[] = [];
  for (const [name, id] of [['A1', A1], ['A2', A2], ['B1', B1]] as const) if ((await rowsOf(id, activityId)).length) result.push(name);
  return result;
};

describe('the members’ calendar fan-out', () => {
  it('umbrella audience: every association under the umbrella, none elsewhere; the calendar answers the contract', async () => {
    const created = await create(U1);
    expect(await holders(created.id)).toEqual(['A1', 'A2']);
    const page = await calendar(A1, `?from=${created.occurrences[0]!.startsAt.slice(0, 10)}`);
    expect(page.status, page.text).toBe(200);
    const entry = page.body.items.find((e: { activityId: string }) => e.activityId === created.id);
    expect(entry).toEqual({
      organiserId: U1, organiserName: 'Umbrella One', organiserKind: 'umbrella', activityId: created.id, occurrenceId: created.occurrences[0]!.id,
      type: 'workshop', title: expect.stringContaining('Kalenderworkshop'), themes: ['energie'],
      startsAt: created.occurrences[0]!.startsAt, endsAt: created.occurrences[0]!.endsAt,
      place: { kind: 'address', name: 'Zaal', municipality: 'Leuven' }, status: 'scheduled',
    });
    const other = await calendar(B1, '', 'adminB1');
    expect(other.body.items.map((e: { activityId: string }) => e.activityId)).not.toContain(created.id);
  });

  it('own members: the organiser only; chosen associations: those and the organiser; link: the organiser only', async () => {
    const own = await create(A1, { audience: { kind: 'own_members' } }, 'adminA1');
    expect(await holders(own.id)).toEqual(['A1']);
    const chosen = await create(A2, { audience: { kind: 'associations', associationIds: [A1] } }, 'adminA2');
    expect(await holders(chosen.id)).toEqual(['A1', 'A2']);
    const fromUmbrella = await create(U1, { audience: { kind: 'associations', associationIds: [A2] } });
    expect(await holders(fromUmbrella.id)).toEqual(['A2']);
    const link = await create(A1, { audience: { kind: 'link' } }, 'adminA1');
    expect(await holders(link.id)).toEqual(['A1']);
    const umbrellaLink = await create(U1, { audience: { kind: 'link' } });
    expect(await holders(umbrellaLink.id)).toEqual([]);
  });

  it('a series puts one row per occurrence; an audience change removes the rows of associations that left', async () => {
    const created = await create(U1, { ...slot(10), repeat: { frequency: 'weekly', interval: 1, until: slot(30).startsAt.slice(0, 10) } });
    expect(created.occurrences.length).toBeGreaterThan(2);
    expect(await rowsOf(A1, created.id)).toHaveLength(created.occurrences.length);
    const { id: _id, version, ...rest } = (await api.call('GET', `/api/tenants/${U1}/activities/${created.id}`, { as: 'staffU1' })).body;
    const body = { type: rest.type, title: rest.title, themes: rest.themes, place: activity().place, audience: { kind: 'associations', associationIds: [A2] }, perCompanyLimit: null, registrationClosesHoursBefore: 0, version };
    const updated = await api.call('PUT', `/api/tenants/${U1}/activities/${created.id}`, { as: 'staffU1', body });
    expect(updated.status, updated.text).toBe(200);
    await api.drainStreams();
    expect(await rowsOf(A1, created.id)).toEqual([]);
    expect(await rowsOf(A2, created.id)).toHaveLength(created.occurrences.length);
    expect((await rowsOf(A2, created.id))[0]).toMatchObject({ activityVersion: version + 1 });
  });

  it('a moved or cancelled occurrence updates the rows; registrations (seat counters) do not rewrite them', async () => {
    const created = await create(U1);
    const occurrence = created.occurrences[0]!;
    const before = (await rowsOf(A1, created.id))[0]!;
    const registered = await api.call('POST', `/api/tenants/${A1}/organisers/${U1}/activities/${created.id}/occurrences/${occurrence.id}/registrations`, {
      as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person('Kalender Klant')] },
    });
    expect(registered.status, registered.text).toBe(201);
    await api.drainStreams();
    expect((await rowsOf(A1, created.id))[0]).toEqual(before);

    const moved = slot(25, 3);
    const put = await api.call('PUT', `/api/tenants/${U1}/activities/${created.id}/occurrences/${occurrence.id}`, {
      as: 'staffU1', body: { ...moved, capacity: 10, registrationOpen: true, version: occurrence.version },
    });
    expect(put.status, put.text).toBe(200);
    await api.drainStreams();
    const row = (await rowsOf(A2, created.id))[0]!;
    expect(row).toMatchObject({ startsAt: moved.startsAt, endsAt: moved.endsAt, status: 'scheduled', occurrenceVersion: occurrence.version + 1 });
    expect(row.gsi1sk).toBe(`${new Date(moved.startsAt).toISOString()}#${occurrence.id}`);

    const cancelled = await api.call('POST', `/api/tenants/${U1}/activities/${created.id}/occurrences/${occurrence.id}/cancel`, { as: 'staffU1', body: { version: occurrence.version + 1 } });
    expect(cancelled.status, cancelled.text).toBe(200);
    await api.drainStreams();
    expect((await rowsOf(A1, created.id))[0]).toMatchObject({ status: 'cancelled' });
    const page = await calendar(A1, `?from=${moved.startsAt.slice(0, 10)}&to=${moved.startsAt.slice(0, 10)}`);
    expect(page.body.items.find((e: { occurrenceId: string }) => e.occurrenceId === occurrence.id)).toMatchObject({ status: 'cancelled', startsAt: moved.startsAt });
  });

  it('replayed and out-of-order stream records are harmless: an old image never overwrites a newer copy', async () => {
    const created = await create(U1);
    const occurrence = created.occurrences[0]!;
    const stored = (await rowsOf(A1, created.id))[0]!;
    const loaded = await api.getItem(keys.activity(U1, created.id));
    const occurrenceItem = await api.getItem(keys.occurrence(U1, created.id, occurrence.id));
    // The same insert record again, then an old audience (A1 only) → the current one: nothing changes, nothing lost.
    await fanOutRecord(undefined, loaded);
    await fanOutRecord({ ...loaded, audience: { kind: 'associations', associationIds: [A1] } }, loaded);
    await fanOutRecord({ ...occurrenceItem, startsAt: '2020-01-01T10:00:00+01:00' }, occurrenceItem);
    expect((await rowsOf(A1, created.id))[0]).toEqual(stored);
    expect(await holders(created.id)).toEqual(['A1', 'A2']);
    // A copy newer than the state read (as if a later change had landed first) is not overwritten.
    await api.put([{ ...stored, title: 'newer', occurrenceVersion: stored.occurrenceVersion + 5 }]);
    await fanOutRecord(undefined, loaded);
    expect((await rowsOf(A1, created.id))[0]).toMatchObject({ title: 'newer' });
  });

  it('pages by start with a cursor bound to the association and range', async () => {
    const days = [40, 41, 42, 43, 44];
    const made: Created[] = [];
    for (const d of days) made.push(await create(A2, { ...slot(d), audience: { kind: 'own_members' }, title: `Pagina ${d}` }, 'adminA2'));
    const from = made[0]!.occurrences[0]!.startsAt.slice(0, 10);
    const to = made[4]!.occurrences[0]!.startsAt.slice(0, 10);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; text: string; body: { items: { title: string; startsAt: string }[]; nextCursor: string | null } } =
        await calendar(A2, `?from=${from}&to=${to}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, 'adminA2');
      expect(page.status, page.text).toBe(200);
      seen.push(...page.body.items.map((e) => e.title));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual(days.map((d) => `Pagina ${d}`));
    expect(pages).toBe(3);
    const first = await calendar(A2, `?from=${from}&to=${to}&limit=2`, 'adminA2');
    const foreign = await calendar(A1, `?from=${from}&to=${to}&limit=2&cursor=${first.body.nextCursor}`);
    expect(foreign.status).toBe(400);
    const outside = await calendar(A2, `?from=${to}&limit=2&cursor=${first.body.nextCursor}`, 'adminA2');
    expect(outside.status).toBe(400);
    expect((await calendar(A2, `?from=${to}&to=${from}`, 'adminA2')).status).toBe(400);
  });

  it('company contacts see their association’s calendar; an external partner does not', async () => {
    expect((await calendar(A1, '', contactA1.as)).status).toBe(200);
    expect((await calendar(A1, '', contactA1b.as)).status).toBe(200);
    expect((await api.call('GET', `/api/tenants/${A1}/calendar`, { as: 'partnerA1' })).status).toBe(403);
  });
});

describe('my registrations', () => {
  it('a company contact sees their company’s registrations across organisers; admins all companies or one; another company is 403', async () => {
    const fromUmbrella = await create(U1, { ...slot(50), title: 'Van de koepel' });
    const own = await create(A1, { ...slot(45), title: 'Van de vereniging', audience: { kind: 'own_members' } }, 'adminA1');
    const register = async (organiserId: string, made: Created, as: { token: string }, companyId: string, names: string[]) => {
      const result = await api.call('POST', `/api/tenants/${A1}/organisers/${organiserId}/activities/${made.id}/occurrences/${made.occurrences[0]!.id}/registrations`, {
        as, body: { kind: 'people', companyId, people: names.map((name) => person(name)) },
      });
      expect(result.status, result.text).toBe(201);
      return result.body.results.map((r: { registration: { id: string } }) => r.registration.id) as string[];
    };
    const [first, second] = await register(U1, fromUmbrella, contactA1.as, companyA1, ['Mine Een', 'Mine Twee']);
    const [third] = await register(A1, own, contactA1.as, companyA1, ['Mine Drie']);
    const [other] = await register(U1, fromUmbrella, contactA1b.as, companyA1b, ['Andere Een']);
    const cancel = await api.call('DELETE', `/api/tenants/${A1}/organisers/${U1}/activities/${fromUmbrella.id}/occurrences/${fromUmbrella.occurrences[0]!.id}/registrations/${second}`, { as: contactA1.as });
    expect(cancel.status, cancel.text).toBe(200);

    const mine = await api.call('GET', `/api/tenants/${A1}/my-registrations`, { as: contactA1.as });
    expect(mine.status, mine.text).toBe(200);
    const ids = mine.body.items.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([first, second, third]));
    expect(ids).not.toContain(other);
    // Soonest first: the association's own activity (45 days) before the umbrella's (50 days).
    expect(ids.indexOf(third)).toBeLessThan(ids.indexOf(first));
    expect(mine.body.items.find((r: { id: string }) => r.id === first)).toEqual({
      id: first, organiserId: U1, organiserName: 'Umbrella One', activityId: fromUmbrella.id, occurrenceId: fromUmbrella.occurrences[0]!.id,
      activityTitle: 'Van de koepel', activityType: 'workshop', startsAt: fromUmbrella.occurrences[0]!.startsAt, endsAt: fromUmbrella.occurrences[0]!.endsAt,
      occurrenceStatus: 'scheduled', kind: 'person', name: 'Mine Een', companyId: companyA1, companyName: 'Kalender nv', status: 'confirmed',
      registrationClosesAt: expect.any(String),
    });
    expect(mine.body.items.find((r: { id: string }) => r.id === second)).toMatchObject({ status: 'cancelled' });

    const forbidden = await api.call('GET', `/api/tenants/${A1}/my-registrations?companyId=${companyA1b}`, { as: contactA1.as });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('not_your_company');

    const all = await api.call('GET', `/api/tenants/${A1}/my-registrations?when=all`, { as: 'adminA1' });
    expect(all.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([first, second, third, other]));
    const one = await api.call('GET', `/api/tenants/${A1}/my-registrations?companyId=${companyA1b}`, { as: 'editorA1' });
    expect(one.body.items.map((r: { id: string }) => r.id)).toEqual([other]);
    expect((await api.call('GET', `/api/tenants/${A1}/my-registrations?when=past`, { as: 'adminA1' })).body.items).toEqual([]);
    // Another association's staff never see A1's registrations.
    const elsewhere = await api.call('GET', `/api/tenants/${A2}/my-registrations?when=all`, { as: 'adminA2' });
    expect(elsewhere.body.items.map((r: { id: string }) => r.id)).not.toContain(first);
  });
});

/** Strict RFC 5545 checks that Outlook and Google Calendar rely on, then a real parser (ical.js). */
function checkIcs(text: string) {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line ends in CRLF
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels');
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

describe('calendar files and feeds', () => {
  it('an activity’s .ics: one VEVENT per occurrence in Brussels time, stable UIDs, SEQUENCE and STATUS follow changes', async () => {
    const created = await create(U1, {
      ...slot(12), title: `Noonwalk ${'met een lange titel '.repeat(4)}é`, description: 'Stap mee; neem water mee, en zin.',
      repeat: { frequency: 'weekly', interval: 1, until: slot(26).startsAt.slice(0, 10) },
    });
    const path = `/api/tenants/${U1}/activities/${created.id}/calendar.ics`;
    const file = await api.call('GET', path, { as: 'staffU1' });
    expect(file.status, file.text).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="noonwalk-[a-z0-9-]+\.ics"$/);
    const events = checkIcs(file.text);
    expect(events).toHaveLength(created.occurrences.length);
    const first = events.find((e) => e.uid === `${created.occurrences[0]!.id}@parkpunt.app`)!;
    expect(first.startDate.zone?.tzid).toBe('Europe/Brussels');
    expect(first.startDate.toJSDate().toISOString()).toBe(new Date(created.occurrences[0]!.startsAt).toISOString());
    expect(file.text).toMatch(/DTSTART;TZID=Europe\/Brussels:\d{8}T080000|DTSTART;TZID=Europe\/Brussels:\d{8}T(09|10)0000/);
    expect(first.description).toContain('Stap mee; neem water mee, en zin.');
    expect(first.location).toBe('Zaal, Kapeldreef 60, 3001 Leuven');
    expect(first.sequence).toBe(0);

    const occurrence = created.occurrences[0]!;
    await api.call('POST', `/api/tenants/${U1}/activities/${created.id}/occurrences/${occurrence.id}/cancel`, { as: 'staffU1', body: { version: occurrence.version } });
    const after = checkIcs((await api.call('GET', path, { as: 'staffU1' })).text).find((e) => e.uid === first.uid)!;
    expect(after.sequence).toBe(1);
    expect(after.component.getFirstPropertyValue('status')).toBe('CANCELLED');

    // Members of an association in the audience download it from their side; others get 403.
    const member = await api.call('GET', `/api/tenants/${A1}/organisers/${U1}/activities/${created.id}/calendar.ics`, { as: contactA1.as });
    expect(member.status, member.text).toBe(200);
    expect(checkIcs(member.text)).toHaveLength(created.occurrences.length);
    const own = await create(A2, { audience: { kind: 'own_members' } }, 'adminA2');
    expect((await api.call('GET', `/api/tenants/${A1}/organisers/${A2}/activities/${own.id}/calendar.ics`, { as: 'adminA1' })).status).toBe(403);
  });

  it('feeds: the association’s calendar and one’s own registrations by a secret URL; revoked → 404; never another tenant’s', async () => {
    const mine = await create(A1, { ...slot(33), title: 'Alleen A1', audience: { kind: 'own_members' } }, 'adminA1');
    const theirs = await create(A2, { ...slot(33), title: 'Alleen A2', audience: { kind: 'own_members' } }, 'adminA2');
    const made = await api.call('POST', `/api/tenants/${A1}/calendar-feeds`, { as: 'adminA1', body: { scope: 'association' } });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toEqual({ id: expect.any(String), scope: 'association', createdAt: expect.any(String), url: expect.stringMatching(/\/api\/calendar-feeds\/[^/]+\.ics$/) });
    const feedPath = new URL(made.body.url).pathname;
    const feed = await api.call('GET', feedPath, { as: 'anonymous' });
    expect(feed.status, feed.text).toBe(200);
    const uids = checkIcs(feed.text).map((e) => e.uid);
    expect(uids).toContain(`${mine.occurrences[0]!.id}@parkpunt.app`);
    expect(uids).not.toContain(`${theirs.occurrences[0]!.id}@parkpunt.app`);
    expect(feed.text).not.toContain(A2);

    const listed = await api.call('GET', `/api/tenants/${A1}/calendar-feeds`, { as: 'adminA1' });
    expect(listed.body.items).toEqual([{ id: made.body.id, scope: 'association', createdAt: made.body.createdAt }]);
    expect((await api.call('GET', `/api/tenants/${A1}/calendar-feeds`, { as: 'editorA1' })).body.items).toEqual([]);
    // Only the token stores as a hash: the secret appears nowhere in the item.
    const secret = feedPath.split('.').at(-2)!;
    const item = await api.getItem(keys.calendarFeed(api.world.people.adminA1.sub, A1, made.body.id));
    expect(JSON.stringify(item)).not.toContain(secret);

    // A forged secret, another tenant in the token, or an unknown feed: 404, like a revoked one.
    const [sub, , feedId] = feedPath.replace('/api/calendar-feeds/', '').split('.');
    expect((await api.call('GET', feedPath.replace(secret, secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))), { as: 'anonymous' })).status).toBe(404);
    expect((await api.call('GET', `/api/calendar-feeds/${sub}.${A2}.${feedId}.${secret}.ics`, { as: 'anonymous' })).status).toBe(404);
    expect((await api.call('GET', '/api/calendar-feeds/not-a-token', { as: 'anonymous' })).status).toBe(404);

    // Another person names only their own partition: nothing happens to this feed.
    expect((await api.call('DELETE', `/api/tenants/${A1}/calendar-feeds/${made.body.id}`, { as: 'editorA1' })).status).toBe(204);
    expect((await api.call('GET', feedPath, { as: 'anonymous' })).status).toBe(200);
    expect((await api.call('DELETE', `/api/tenants/${A1}/calendar-feeds/${made.body.id}`, { as: 'adminA1' })).status).toBe(204);
    expect((await api.call('GET', feedPath, { as: 'anonymous' })).status).toBe(404);
  });

  it('a personal feed lists the contact’s company’s registrations, waitlisted as tentative and cancelled as cancelled', async () => {
    const made = await create(U1, { ...slot(36), title: 'Persoonlijk', capacity: 1 });
    const occurrence = made.occurrences[0]!;
    const registered = await api.call('POST', `/api/tenants/${A1}/organisers/${U1}/activities/${made.id}/occurrences/${occurrence.id}/registrations`, {
      as: contactA1.as, body: { kind: 'people', companyId: companyA1, people: [person('Feed Een'), person('Feed Twee')] },
    });
    expect(registered.status, registered.text).toBe(201);
    const [confirmed, waiting] = registered.body.results.map((r: { registration: { id: string } }) => r.registration.id);
    const other = await api.call('POST', `/api/tenants/${A1}/organisers/${U1}/activities/${made.id}/occurrences/${occurrence.id}/registrations`, {
      as: contactA1b.as, body: { kind: 'people', companyId: companyA1b, people: [person('Feed Ander')] },
    });
    const otherId = other.body.results[0].registration.id;
    const feed = await api.call('POST', `/api/tenants/${A1}/calendar-feeds`, { as: contactA1.as, body: { scope: 'me' } });
    expect(feed.status, feed.text).toBe(201);
    const events = checkIcs((await api.call('GET', new URL(feed.body.url).pathname, { as: 'anonymous' })).text);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(byUid.get(`${confirmed}@parkpunt.app`)!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(byUid.get(`${waiting}@parkpunt.app`)!.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(byUid.has(`${otherId}@parkpunt.app`)).toBe(false);
    await api.call('DELETE', `/api/tenants/${A1}/organisers/${U1}/activities/${made.id}/occurrences/${occurrence.id}/registrations/${waiting}`, { as: contactA1.as });
    const again = checkIcs((await api.call('GET', new URL(feed.body.url).pathname, { as: 'anonymous' })).text).find((e) => e.uid === `${waiting}@parkpunt.app`)!;
    expect(again.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(again.sequence).toBeGreaterThan(byUid.get(`${waiting}@parkpunt.app`)!.sequence);
  });
});

describe('invitations', () => {
  it('mails company contacts and admins of each association new to the audience once, whatever the replays', async () => {
    const adminA2 = api.world.people.adminA2.email;
    const before = api.outbox().length;
    const created = await create(U1, { title: `Uitnodiging ${ulid()}`, audience: { kind: 'associations', associationIds: [A1] } });
    const invites = () => api.outbox().slice(before).filter((mail) => mail.subject.includes(created.id) || mail.text.includes('Uitnodiging'));
    const toA1 = invites().map((mail) => mail.to);
    expect(toA1).toEqual(expect.arrayContaining([contactA1.email, api.world.people.adminA1.email]));
    expect(toA1).not.toContain(api.world.people.partnerA1.email);
    expect(toA1).not.toContain(adminA2);
    expect(invites()[0]!.subject).toMatch(/^Uitnodiging: .* \/ Invitation: /);
    const count = invites().length;
    // Replays and an unrelated edit send nothing more; A2 joining the audience invites A2 only.
    await fanOutRecord(undefined, await api.getItem(keys.activity(U1, created.id)));
    const current = (await api.call('GET', `/api/tenants/${U1}/activities/${created.id}`, { as: 'staffU1' })).body;
    const body = { type: current.type, title: current.title, themes: current.themes, place: activity().place, audience: { kind: 'associations', associationIds: [A1, A2] }, perCompanyLimit: null, registrationClosesHoursBefore: 0, version: current.version };
    expect((await api.call('PUT', `/api/tenants/${U1}/activities/${created.id}`, { as: 'staffU1', body })).status).toBe(200);
    await api.drainStreams();
    const later = invites().slice(count).map((mail) => mail.to);
    expect(later).toContain(adminA2);
    // A2's admins only (managerA1A2 administers both associations).
    expect([...new Set(later)].sort()).toEqual([adminA2, api.world.people.managerA1A2.email].sort());
    await fanOutRecord(undefined, await api.getItem(keys.activity(U1, created.id)));
    expect(invites().length).toBe(count + later.length);
  });
});
