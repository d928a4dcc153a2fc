import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { companyFixture, companyItem } from '../support/fixtures';
import { keys, startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let A1: string, A2: string, U1: string, P1: string, P2: string, P3: string;

beforeAll(async () => {
  api = await startTestApi();
  ({ A1: { id: A1 }, A2: { id: A2 }, U1: { id: U1 } } = api.world.tenants);
  ({ P1: { id: P1 }, P2: { id: P2 }, P3: { id: P3 } } = api.world.parks);
});
afterAll(() => api.stop());

const companies = (tenantId: string) => `/api/tenants/${tenantId}/companies`;
const countOf = async (key: { pk: string; sk: string }) => Number((await api.getItem(key))?.companyCount ?? 0);
/** Park and association counts are exact at once; the umbrella's copy follows through the stream. */
const counts = async () => {
  await api.drainStreams();
  return {
    p1: await countOf(keys.park(A1, P1)),
    p2: await countOf(keys.park(A1, P2)),
    association: await countOf(keys.tenant(A1)),
    umbrellaRow: await countOf(keys.umbrellaAssociation(U1, A1)),
  };
};

describe('creating a company', () => {
  it('stores it, answers 201 with its location and counts it on the park and the umbrella row', async () => {
    const before = await counts();
    const created = await api.call('POST', companies(A1), {
      body: { name: 'Haasrode Labs bv', parkId: P1, enterpriseNumber: 'BE 0123 456 749', website: 'https://labs.example' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Haasrode Labs bv', enterpriseNumber: '0123.456.749', version: 1, membershipStatus: 'prospect' });
    expect(created.headers.get('location')).toBe(`${companies(A1)}/${created.body.id}`);
    const fetched = await api.call('GET', `${companies(A1)}/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
    expect(await counts()).toEqual({ ...before, p1: before.p1 + 1, association: before.association + 1, umbrellaRow: before.umbrellaRow + 1 });
  });

  it('creates once however often the same Idempotency-Key is sent, also concurrently', async () => {
    const before = await counts();
    const send = () =>
      api.call('POST', companies(A1), { body: { name: 'Retry nv', parkId: P2 }, headers: { 'idempotency-key': `key-${ulid()}`.slice(0, 20) } });
    const key = `retry-${ulid()}`;
    const sendSame = () => api.call('POST', companies(A1), { body: { name: 'Retry nv', parkId: P2 }, headers: { 'idempotency-key': key } });
    const responses = await Promise.all(Array.from({ length: 8 }, sendSame));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect((await counts()).p2).toBe(before.p2 + 1);
    await send();
    expect((await counts()).p2).toBe(before.p2 + 2);
  });

  it('refuses a key reused for another body or by another person, instead of replaying someone else’s result', async () => {
    const key = `reuse-${ulid()}`;
    const first = await api.call('POST', companies(A1), { body: { name: 'Eerste nv', parkId: P1 }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const otherBody = await api.call('POST', companies(A1), { body: { name: 'Tweede nv', parkId: P1 }, headers: { 'idempotency-key': key } });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.code).toBe('idempotency_key_reused');
    const otherPerson = await api.call('POST', companies(A1), { as: 'adminA1', body: { name: 'Eerste nv', parkId: P1 }, headers: { 'idempotency-key': key } });
    expect(otherPerson.status).toBe(422);
  });

  it('answers 400 naming every bad and unknown field, and writes nothing', async () => {
    const before = await counts();
    const response = await api.call('POST', companies(A1), {
      body: { name: '', parkId: P1, enterpriseNumber: '0123.456.789', postalCode: '30', website: 'ftp://x', colour: 'red' },
      headers: { 'accept-language': 'en' },
    });
    expect(response.status).toBe(400);
    const byPath = Object.fromEntries(response.body.error.fields.map((f: { path: string; code: string }) => [f.path, f.code]));
    expect(byPath).toEqual({
      'body.name': 'required',
      'body.enterpriseNumber': 'enterprise_number_checksum',
      'body.postalCode': 'invalid_postal_code',
      'body.website': 'invalid_url',
      'body.colour': 'unknown_field',
    });
    expect(response.body.error.message).toBe('Some fields are not filled in correctly.');
    expect(await counts()).toEqual(before);
  });

  it('answers in Dutch by default', async () => {
    const response = await api.call('POST', companies(A1), { body: { parkId: P1 } });
    expect(response.body.error.fields[0]).toMatchObject({ path: 'body.name', message: 'Dit veld is verplicht.' });
  });

  it('refuses a park of another association with a field error, writing nothing', async () => {
    const response = await api.call('POST', companies(A1), { body: { name: 'Sneaky nv', parkId: P3 } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining({ path: 'body.parkId', code: 'unknown_park' })]);
    expect((await api.getItem(keys.park(A1, P3)))).toBeUndefined();
    const list = await api.call('GET', `${companies(A1)}?q=sneaky`);
    expect(list.body.items).toEqual([]);
  });

  it.each([
    ['a body over 64 KB', { rawBody: JSON.stringify({ name: 'x'.repeat(70_000), parkId: P1 }), headers: { 'content-type': 'application/json' } }, 413, 'payload_too_large'],
    ['a body that is not JSON', { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
    ['malformed JSON', { rawBody: '{"name":', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
    ['an empty body', { rawBody: '', headers: { 'content-type': 'application/json' } }, 400, 'validation_failed'],
    ['a JSON array', { body: [1, 2] }, 400, 'validation_failed'],
    ['a bad Idempotency-Key', { body: { name: 'x', parkId: P1 }, headers: { 'idempotency-key': 'no spaces allowed' } }, 400, 'validation_failed'],
  ])('answers %s with %i', async (_what, options, status, code) => {
    const response = await api.call('POST', companies(A1), options as never);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts|Error:/);
  });
});

describe('editing a company', () => {
  async function createOne(name = 'Edit Me bv', parkId = P1) {
    const response = await api.call('POST', companies(A1), { body: { name, parkId } });
    return response.body;
  }

  it('applies an edit based on the current version and bumps the version', async () => {
    const company = await createOne();
    const response = await api.call('PUT', `${companies(A1)}/${company.id}`, {
      body: { name: 'Edited bv', parkId: P1, municipality: 'Leuven', version: 1 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Edited bv', municipality: 'Leuven', version: 2, createdAt: company.createdAt });
  });

  it('answers 409 with the current company when the version is stale, changing nothing', async () => {
    const company = await createOne();
    await api.call('PUT', `${companies(A1)}/${company.id}`, { body: { name: 'First edit', parkId: P1, version: 1 } });
    const stale = await api.call('PUT', `${companies(A1)}/${company.id}`, { body: { name: 'Second edit', parkId: P1, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ name: 'First edit', version: 2 });
    expect((await api.call('GET', `${companies(A1)}/${company.id}`)).body.name).toBe('First edit');
  });

  it('lets exactly one of many concurrent edits of the same version win', async () => {
    const company = await createOne();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => api.call('PUT', `${companies(A1)}/${company.id}`, { body: { name: `Racer ${i}`, parkId: P1, version: 1 } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
  });

  it('moves the company between parks and keeps the park counts exact', async () => {
    const company = await createOne('Mover nv', P1);
    const before = await counts();
    const moved = await api.call('PUT', `${companies(A1)}/${company.id}`, { body: { name: 'Mover nv', parkId: P2, version: 1 } });
    expect(moved.status).toBe(200);
    expect(await counts()).toEqual({ ...before, p1: before.p1 - 1, p2: before.p2 + 1 });
    const listed = await api.call('GET', `${companies(A1)}?parkId=${P2}&q=mover`);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([company.id]);
  });

  it('removes optional fields left out of the edit', async () => {
    const created = await api.call('POST', companies(A1), { body: { name: 'Sparse nv', parkId: P1, email: 'info@sparse.example' } });
    const edited = await api.call('PUT', `${companies(A1)}/${created.body.id}`, { body: { name: 'Sparse nv', parkId: P1, version: 1 } });
    expect(edited.body.email).toBeUndefined();
  });
});

describe('contacts and consents', () => {
  const contact = { name: 'An Peeters', function: 'Preventieadviseur', email: 'an@bedrijf.test', phone: '+32 16 12 34 56', consents: [{ topic: 'newsletter', givenOn: '2026-01-15', textVersion: 'nieuwsbrief-v2' }] };

  it('stores contacts with their consents, gives new ones an id and keeps them when an edit leaves them out', async () => {
    const created = await api.call('POST', companies(A1), { body: { name: 'Contact nv', parkId: P1, contacts: [contact] } });
    expect(created.status).toBe(201);
    expect(created.body.contacts).toEqual([{ ...contact, id: expect.any(String) }]);
    const id = created.body.contacts[0].id;

    const renamed = await api.call('PUT', `${companies(A1)}/${created.body.id}`, { body: { name: 'Contact bv', parkId: P1, version: 1 } });
    expect(renamed.body.contacts).toEqual(created.body.contacts);
    expect((await api.call('GET', `${companies(A1)}/${created.body.id}`)).body.contacts).toEqual(created.body.contacts);

    const second = { name: 'Bert Claes', consents: [] };
    const edited = await api.call('PUT', `${companies(A1)}/${created.body.id}`, { body: { name: 'Contact bv', parkId: P1, version: 2, contacts: [{ ...contact, id }, second] } });
    expect(edited.body.contacts.map((c: { id: string; name: string }) => c.name)).toEqual(['An Peeters', 'Bert Claes']);
    expect(edited.body.contacts[0].id).toBe(id);
    const log = await api.call('GET', `/api/tenants/${A1}/audit?limit=1`, { as: 'adminA1' });
    expect(log.body.items[0].fields).toEqual(['contacts']);
    expect(log.text).not.toContain('an@bedrijf.test');
  });

  it('names bad contact fields and consents given in the future', async () => {
    const response = await api.call('POST', companies(A1), {
      body: { name: 'Fout nv', parkId: P1, contacts: [{ name: '', email: 'x', phone: 'abc', consents: [{ topic: 'spam', givenOn: '2026-13-01', textVersion: '' }] }] },
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual([
      'body.contacts.0.consents.0.givenOn', 'body.contacts.0.consents.0.textVersion', 'body.contacts.0.consents.0.topic',
      'body.contacts.0.email', 'body.contacts.0.name', 'body.contacts.0.phone',
    ]);
    const future = await api.call('POST', companies(A1), {
      body: { name: 'Later nv', parkId: P1, contacts: [{ name: 'X', consents: [{ topic: 'newsletter', givenOn: '2999-01-01', textVersion: 'v1' }] }] },
    });
    expect(future.body.error.fields).toEqual([expect.objectContaining({ path: 'body.contacts.0.consents.0.givenOn', code: 'consent_in_future' })]);
  });
});

describe('deleting a company', () => {
  it('needs the current version, then removes it and its counts; a repeat answers 404', async () => {
    const company = (await api.call('POST', companies(A1), { body: { name: 'Doomed nv', parkId: P1 } })).body;
    const before = await counts();
    expect((await api.call('DELETE', `${companies(A1)}/${company.id}?version=7`)).status).toBe(409);
    expect((await api.call('DELETE', `${companies(A1)}/${company.id}`)).status).toBe(400);
    const deleted = await api.call('DELETE', `${companies(A1)}/${company.id}?version=1`);
    expect(deleted.status).toBe(204);
    expect(await counts()).toEqual({ ...before, p1: before.p1 - 1, association: before.association - 1, umbrellaRow: before.umbrellaRow - 1 });
    expect((await api.call('GET', `${companies(A1)}/${company.id}`)).status).toBe(404);
    expect((await api.call('DELETE', `${companies(A1)}/${company.id}?version=1`)).status).toBe(404);
  });
});

describe('listing companies', () => {
  const names = ['Ábaco nv', 'abacus bv', 'Brouwerij Élise', 'Cargo Haasrode', 'Delta Print', 'Echo Labs', 'Foxtrot Logistics'];
  let listTenant: string;
  let listPark: string;

  beforeAll(async () => {
    // A2 holds only these companies, so the expectations below are exact.
    listTenant = A2;
    listPark = P3;
    await api.put(names.map((name, i) => companyItem(companyFixture(A2, P3, { name, enterpriseNumber: i === 3 ? '0123.456.749' : undefined }))));
  });

  it('pages through every company exactly once, in name order, without an empty last page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await api.call('GET', `${companies(listTenant)}?limit=3${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeGreaterThan(0);
      seen.push(...page.body.items.map((c: { name: string }) => c.name));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(names);
  });

  it('finds companies regardless of case and accents, by enterprise number and within a park', async () => {
    const search = async (q: string, extra = '') =>
      (await api.call('GET', `${companies(listTenant)}?q=${encodeURIComponent(q)}${extra}`)).body.items.map((c: { name: string }) => c.name);
    expect(await search('ELISE')).toEqual(['Brouwerij Élise']);
    expect(await search('aba')).toEqual(['Ábaco nv', 'abacus bv']);
    expect(await search('0123456749')).toEqual(['Cargo Haasrode']);
    expect(await search('labs', `&parkId=${listPark}`)).toEqual(['Echo Labs']);
    expect(await search('no such company')).toEqual([]);
  });

  it('rejects a cursor from another tenant or a forged one with 400', async () => {
    const page = await api.call('GET', `${companies(listTenant)}?limit=2`);
    const foreign = await api.call('GET', `${companies(A1)}?limit=2&cursor=${page.body.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields[0].path).toBe('query.cursor');
    const forged = Buffer.from(JSON.stringify({ pk: 'T#X', sk: 'Y', gsi2pk: 'T#X#COMPANY', gsi2sk: 'a' })).toString('base64url');
    expect((await api.call('GET', `${companies(A1)}?cursor=${forged}`)).status).toBe(400);
    expect((await api.call('GET', `${companies(A1)}?cursor=%%%`)).status).toBe(400);
  });

  it('rejects unknown query parameters and out-of-range limits with field errors', async () => {
    const response = await api.call('GET', `${companies(A1)}?limit=1000&sort=evil`);
    expect(response.status).toBe(400);
    expect(response.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['query.limit', 'query.sort']);
  });
});

describe('tenant boundaries', () => {
  it('does not show or change a company through another association’s path', async () => {
    const company = (await api.call('POST', companies(A1), { body: { name: 'Private nv', parkId: P1 } })).body;
    const elsewhere = `${companies(A2)}/${company.id}`;
    expect((await api.call('GET', elsewhere)).status).toBe(404);
    expect((await api.call('PUT', elsewhere, { body: { name: 'Hijack', parkId: P3, version: 1 } })).status).toBe(404);
    expect((await api.call('DELETE', `${elsewhere}?version=1`)).status).toBe(404);
    expect((await api.call('GET', `${companies(A1)}/${company.id}`)).body.name).toBe('Private nv');
  });

  it('answers 404 for unknown tenants, umbrellas used as associations and malformed ids', async () => {
    expect((await api.call('GET', companies(ulid()))).status).toBe(404);
    expect((await api.call('GET', companies(U1))).status).toBe(404);
    expect((await api.call('GET', `/api/tenants/not-an-id/companies`)).status).toBe(404);
    expect((await api.call('GET', `${companies(A1)}/T%23${A2}`)).status).toBe(404);
  });
});
