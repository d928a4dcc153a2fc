import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { enterpriseNumberFromBody } from '../../shared/enterprise-number';
import { companyFixture, companyItem } from '../support/fixtures';
import { keys, startTestApi, type TestApi } from '../support/test-api';

let api: TestApi;
let A1: string, A2: string, P1: string, P2: string, P3: string;
const BOM = '\uFEFF';

beforeAll(async () => {
  api = await startTestApi();
  ({ A1: { id: A1 }, A2: { id: A2 } } = api.world.tenants);
  ({ P1: { id: P1 }, P2: { id: P2 }, P3: { id: P3 } } = api.world.parks);
});
afterAll(() => api.stop());

const exportUrl = (tenantId: string, query: string) => `/api/tenants/${tenantId}/companies/export?${query}`;
const preview = (tenantId: string, csv: string, kind?: 'companies' | 'contacts', as: 'managerA1A2' | 'editorA1' | 'staffU1' = 'managerA1A2') =>
  api.call('POST', `/api/tenants/${tenantId}/companies/import/preview`, { as, body: { ...(kind ? { kind } : {}), csv } });
const apply = (tenantId: string, csv: string, kind: 'companies' | 'contacts', fingerprint: string) =>
  api.call('POST', `/api/tenants/${tenantId}/companies/import/apply`, { body: { kind, csv, fingerprint } });
const createCompany = async (tenantId: string, body: Record<string, unknown>) => {
  const response = await api.call('POST', `/api/tenants/${tenantId}/companies`, { body });
  expect(response.status).toBe(201);
  return response.body;
};
const getCompany = async (tenantId: string, id: string) => (await api.call('GET', `/api/tenants/${tenantId}/companies/${id}`)).body;
/** The response as bytes decoded with the BOM kept (fetch's text() drops it), as a browser download saves it. */
async function rawGet(path: string) {
  const token = await api.idp.tokenFor(api.world.people.managerA1A2.sub);
  const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}
const records = (text: string, delimiter: string) => parse(text.replace(/^\uFEFF/, ''), { delimiter, columns: true }) as Record<string, string>[];

/** Every item of an association's partition, counters' stream versions left out (an undo moves them on, by design). */
async function partition(tenantId: string) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await api.client.send(new QueryCommand({ TableName: api.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `T#${tenantId}` }, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map(({ statsVersion: _statsVersion, ...rest }) => rest).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
}

describe('exporting the register', () => {
  it('answers a CSV file for Excel: BOM, `;`, Dutch headers, quoting of `;`, quotes and line breaks, park and zone by name', async () => {
    const park = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: { id: string }) => p.id === P1);
    const zoned = await api.call('PUT', `/api/tenants/${A1}/parks/${P1}`, {
      body: { name: park.name, municipality: park.municipality, postalCode: park.postalCode, streets: [], zones: [{ name: 'Zone Noord', streets: [] }], version: park.version },
    });
    expect(zoned.status).toBe(200);
    const zoneId = zoned.body.zones[0].id;
    const tricky = await createCompany(A1, {
      name: 'De Hoek; "Brouwers" & Co', parkId: P1, zoneId, enterpriseNumber: enterpriseNumberFromBody(7_100_001), naceCode: '11.050',
      notes: 'regel 1\nregel 2', membershipStatus: 'member', founding: true, website: 'https://dehoek.test',
      contacts: [{ name: 'An Peeters', email: 'an@dehoek.test', consents: [{ topic: 'newsletter', givenOn: '2026-03-01', textVersion: 'v2' }] }],
    });

    const response = await rawGet(exportUrl(A1, 'kind=companies&separator=semicolon'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="bedrijven-association-a1-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...response.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.text.startsWith(BOM)).toBe(true);
    const header = response.text.slice(1, response.text.indexOf('\r\n'));
    expect(header).toBe('id;naam;ondernemingsnummer;vestigingsnummer;rechtsvorm;startdatum;bedrijventerrein;zone;straat;huisnummer;postcode;gemeente;nace-code;nace-omschrijving;grootteklasse;website;e-mail;telefoon;lidmaatschap;lid sinds;stichtend lid;notities;niet meer in KBO sinds');
    expect(response.text).toContain('"De Hoek; ""Brouwers"" & Co"');
    const row = records(response.text, ';').find((r) => r.id === tricky.id)!;
    expect(row).toMatchObject({
      naam: 'De Hoek; "Brouwers" & Co', bedrijventerrein: 'Park One', zone: 'Zone Noord', 'nace-code': '11.050', 'nace-omschrijving': expect.stringMatching(/dranken/i),
      lidmaatschap: 'lid', 'stichtend lid': 'ja', notities: 'regel 1\nregel 2', 'lid sinds': tricky.memberSince,
    });

    const comma = await rawGet(exportUrl(A1, 'kind=companies&separator=comma'));
    expect(comma.text.slice(0, 27)).toBe(`${BOM}id,naam,ondernemingsnummer`);
    expect(records(comma.text, ',').find((r) => r.id === tricky.id)!.naam).toBe('De Hoek; "Brouwers" & Co');

    const contacts = await api.call('GET', exportUrl(A1, 'kind=contacts&separator=semicolon'));
    expect(contacts.headers.get('content-disposition')).toContain('contactpersonen-association-a1-');
    expect(records(contacts.text, ';').find((r) => r['bedrijf-id'] === tricky.id)).toMatchObject({
      bedrijf: 'De Hoek; "Brouwers" & Co', naam: 'An Peeters', 'e-mail': 'an@dehoek.test', toestemmingen: 'nieuwsbrief: 2026-03-01 (v2)', 'contact-id': tricky.contacts[0].id,
    });

    const onePark = await api.call('GET', exportUrl(A1, `kind=companies&parkId=${P2}`));
    expect(records(onePark.text, ';').every((r) => r.bedrijventerrein === 'Park Two')).toBe(true);
    expect((await api.call('GET', exportUrl(A1, 'kind=people'))).status).toBe(400);
  });

  it('is for those who read the register: umbrella people only while the register is shared with them', async () => {
    expect((await api.call('GET', exportUrl(A1, 'kind=companies'), { as: 'staffU1' })).status).toBe(403);
    await api.put([{ ...keys.grant(A1, 'register'), type: 'grant', associationId: A1, scope: 'register', grantedBy: 'test', grantedAt: new Date().toISOString() }]);
    try {
      expect((await api.call('GET', exportUrl(A1, 'kind=companies'), { as: 'staffU1' })).status).toBe(200);
      // Reading is not importing.
      expect((await preview(A1, 'naam\nX\n', 'companies', 'staffU1')).status).toBe(403);
    } finally {
      const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
      await api.client.send(new DeleteCommand({ TableName: api.tableName, Key: keys.grant(A1, 'register') }));
    }
    expect((await api.call('GET', exportUrl(A1, 'kind=companies'), { as: 'editorA1' })).status).toBe(200);
    expect((await api.call('GET', exportUrl(A1, 'kind=companies'), { as: 'contactA1' })).status).toBe(403);
  });
});

describe('importing a CSV file', () => {
  it('round trip: export, edit in a spreadsheet, import updates exactly what changed and keeps the rest', async () => {
    const kept = await createCompany(A1, {
      name: 'Behouden bv', parkId: P2, enterpriseNumber: enterpriseNumberFromBody(7_200_001), notes: 'eigen notitie',
      contacts: [{ name: 'Bert', email: 'bert@behouden.test', consents: [{ topic: 'activities', givenOn: '2026-02-01', textVersion: 'v1' }] }],
    });
    const edited = await createCompany(A1, { name: 'Bewerkt bv', parkId: P2, enterpriseNumber: enterpriseNumberFromBody(7_200_002) });
    const exported = (await rawGet(exportUrl(A1, `kind=companies&separator=semicolon&parkId=${P2}`))).text;

    // The spreadsheet: one row edited (website, status), one new row, everything else as exported.
    const lines = exported.split('\r\n');
    const header = lines[0]!.replace(BOM, '').split(';');
    const at = (name: string) => header.indexOf(name);
    const editedLine = lines.findIndex((line) => line.startsWith(edited.id));
    const cells = lines[editedLine]!.split(';');
    cells[at('website')] = 'www.bewerkt.test';
    cells[at('lidmaatschap')] = 'lid';
    lines[editedLine] = cells.join(';');
    const fresh = header.map((name) => ({ naam: 'Nieuw via CSV', ondernemingsnummer: enterpriseNumberFromBody(7_200_003), bedrijventerrein: 'Park Two', lidmaatschap: 'geïnteresseerd' })[name] ?? '');
    lines.splice(lines.length - 1, 0, fresh.join(';'));
    const csv = lines.join('\r\n');

    const before = await partition(A1);
    const shown = await preview(A1, csv);
    expect(shown.status).toBe(200);
    expect(await partition(A1)).toEqual(before); // a preview writes nothing
    expect(shown.body).toMatchObject({ kind: 'companies', separator: 'semicolon', ready: true, fileErrors: [] });
    expect(shown.body.counts).toMatchObject({ new: 1, update: 1, error: 0 });
    expect(shown.body.lines.find((line: { companyId?: string }) => line.companyId === edited.id)).toMatchObject({ status: 'update', fields: ['website', 'membershipStatus'] });
    expect(shown.body.lines.find((line: { companyId?: string }) => line.companyId === kept.id)).toMatchObject({ status: 'unchanged' });
    expect(shown.body.columns).toContainEqual({ header: 'nace-omschrijving', field: 'naceLabel', readOnly: true });

    const parksBefore = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: { id: string }) => p.id === P2);
    const applied = await apply(A1, csv, 'companies', shown.body.fingerprint);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ kind: 'companies', created: 1, updated: 1 });

    expect(await getCompany(A1, edited.id)).toMatchObject({ website: 'https://www.bewerkt.test', membershipStatus: 'member', version: 2, memberSince: expect.any(String) });
    expect(await getCompany(A1, kept.id)).toEqual(kept); // notes, contacts and consents untouched, version 1
    const list = (await api.call('GET', `/api/tenants/${A1}/companies?parkId=${P2}&limit=100`)).body.items;
    expect(list.find((c: { name: string }) => c.name === 'Nieuw via CSV')).toMatchObject({ membershipStatus: 'interested', parkId: P2 });

    // Counters and coverage are right at once.
    const parkAfter = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: { id: string }) => p.id === P2);
    expect(parkAfter).toMatchObject({ companyCount: parksBefore.companyCount + 1, memberCount: parksBefore.memberCount + 1 });
    const coverage = (await api.call('GET', `/api/tenants/${A1}/coverage`)).body;
    expect(coverage.parks.find((p: { parkId?: string; id?: string }) => (p.parkId ?? p.id) === P2)).toMatchObject({ companies: parkAfter.companyCount, members: parkAfter.memberCount });
    // History and audit record it like any edit.
    const history = (await api.call('GET', `/api/tenants/${A1}/companies/${edited.id}/history`)).body.items;
    expect(history.map((event: { kind: string }) => event.kind)).toEqual(['created', 'status']);
    const audit = (await api.call('GET', `/api/tenants/${A1}/audit?limit=10`)).body.items;
    expect(audit).toContainEqual(expect.objectContaining({ action: 'company.update', objectId: edited.id, fields: expect.arrayContaining(['website', 'membershipStatus']) }));

    // The same file again: nothing left to do, and the old preview is stale.
    expect((await apply(A1, csv, 'companies', shown.body.fingerprint)).status).toBe(409);
    const again = (await preview(A1, csv)).body;
    // The new row has no id, but its enterprise number finds the company it created.
    expect(again.counts).toMatchObject({ new: 0, update: 0, unchanged: lines.length - 2 });
  });

  it('an import without a column keeps that field; contacts import by e-mail keeps consents and adds new contacts', async () => {
    const company = await createCompany(A1, {
      name: 'Contactbedrijf', parkId: P1, enterpriseNumber: enterpriseNumberFromBody(7_300_001), website: 'https://contact.test',
      contacts: [{ name: 'Els', email: 'els@contact.test', consents: [{ topic: 'newsletter', givenOn: '2026-01-05', textVersion: 'v3' }] }],
    });
    const csv = `ondernemingsnummer;naam;functie;e-mail\r\n${company.enterpriseNumber};Els Janssens;directeur;ELS@contact.test\r\n${company.enterpriseNumber};Frank;;frank@contact.test\r\n`;
    const shown = (await preview(A1, csv)).body;
    expect(shown).toMatchObject({ kind: 'contacts', ready: true, counts: { update: 1, new: 1 } });
    expect((await apply(A1, csv, 'contacts', shown.fingerprint)).status).toBe(200);
    const after = await getCompany(A1, company.id);
    expect(after.website).toBe('https://contact.test');
    expect(after.contacts).toEqual([
      { id: company.contacts[0].id, name: 'Els Janssens', function: 'directeur', email: 'els@contact.test', consents: [{ topic: 'newsletter', givenOn: '2026-01-05', textVersion: 'v3' }] },
      { id: expect.any(String), name: 'Frank', email: 'frank@contact.test', consents: [] },
    ]);
  });

  it('refuses a file with errors (400) and a changed register (409), writing nothing', async () => {
    const target = await createCompany(A1, { name: 'Doelwit', parkId: P1, enterpriseNumber: enterpriseNumberFromBody(7_400_001) });
    const broken = `naam;ondernemingsnummer;bedrijventerrein\nGoed;${enterpriseNumberFromBody(7_400_002)};Park One\n"Kapot;${enterpriseNumberFromBody(7_400_003)};Park One\n`;
    const shownBroken = (await preview(A1, broken)).body;
    expect(shownBroken).toMatchObject({ ready: false, counts: { new: 1, error: 1 } });
    expect(shownBroken.lines[1]).toMatchObject({ line: 3, status: 'error', errors: [expect.objectContaining({ code: 'csv_broken_line', message: expect.stringContaining('aanhalingsteken') })] });
    const before = await partition(A1);
    const refused = await apply(A1, broken, 'companies', shownBroken.fingerprint);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('import_has_errors');

    const csv = `id;naam\n${target.id};Doelwit hernoemd\n`;
    const shown = (await preview(A1, csv)).body;
    expect(shown.ready).toBe(true);
    const edit = await api.call('PUT', `/api/tenants/${A1}/companies/${target.id}`, { body: { name: 'Doelwit intussen', parkId: P1, version: 1 } });
    expect(edit.status).toBe(200);
    const afterEdit = await partition(A1);
    const stale = await apply(A1, csv, 'companies', shown.fingerprint);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'import_stale', message: expect.stringContaining('voorvertoning') });
    expect(await partition(A1)).toEqual(afterEdit);
    expect(afterEdit.length).toBeGreaterThan(before.length); // the edit itself was written (history, audit)
    // Another file with the same fingerprint is stale too.
    expect((await apply(A1, `id;naam\n${target.id};Iets anders\n`, 'companies', shown.fingerprint)).status).toBe(409);
  });

  it('all or nothing: when a later transaction fails, the committed ones are undone and the register is exactly as before', async () => {
    const existing = await createCompany(A1, { name: 'Bestaand', parkId: P1, enterpriseNumber: enterpriseNumberFromBody(7_500_000), membershipStatus: 'interested' });
    const rows = Array.from({ length: 90 }, (_, i) => `Bulk ${String(i).padStart(3, '0')};${enterpriseNumberFromBody(7_500_001 + i)};Park One;${i % 3 === 0 ? 'lid' : 'prospect'}`);
    const csv = ['naam;ondernemingsnummer;bedrijventerrein;lidmaatschap', `Bestaand;${existing.enterpriseNumber};Park One;lid`, ...rows].join('\n');
    const shown = (await preview(A1, csv)).body;
    expect(shown.counts).toMatchObject({ new: 90, update: 1, error: 0 });
    const before = await partition(A1);

    for (const [code, status] of [['TransactionConflict', 503], ['ConditionalCheckFailed', 409]] as const) {
      const original = api.client.send.bind(api.client);
      let transactions = 0;
      const spy = vi.spyOn(api.client, 'send').mockImplementation(async (command: unknown) => {
        if ((command as { constructor: { name: string } }).constructor.name === 'TransactWriteCommand' && ++transactions === 3) {
          throw Object.assign(new Error('injected'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: code }] });
        }
        return original(command as never);
      });
      try {
        expect((await apply(A1, csv, 'companies', shown.fingerprint)).status).toBe(status);
      } finally {
        spy.mockRestore();
      }
      expect(transactions).toBe(5); // two committed, the third failed, two undone
      expect(await partition(A1)).toEqual(before);
    }

    // Without a fault the same preview still applies, all of it.
    expect((await apply(A1, csv, 'companies', shown.fingerprint)).status).toBe(200);
    expect((await getCompany(A1, existing.id)).membershipStatus).toBe('member');
    const park = (await api.call('GET', `/api/tenants/${A1}/parks`)).body.items.find((p: { id: string }) => p.id === P1);
    const all = (await partition(A1)).filter((item) => item.type === 'company' && item.parkId === P1);
    expect(park).toMatchObject({ companyCount: all.length, memberCount: all.filter((item) => item.membershipStatus === 'member').length });
  });
});

describe('a park of 2,000 companies', () => {
  it('exports and previews its re-import well within the Lambda’s time', async () => {
    const companies = Array.from({ length: 2000 }, (_, i) =>
      companyFixture(A2, P3, { name: `Groot ${String(i).padStart(4, '0')}`, enterpriseNumber: enterpriseNumberFromBody(8_000_000 + i), municipality: 'Leuven', naceCode: '25.620', membershipStatus: i % 4 === 0 ? 'member' : 'prospect' }),
    );
    await api.put(companies.map(companyItem));

    let started = performance.now();
    const exported = await rawGet(exportUrl(A2, `kind=companies&parkId=${P3}`));
    const exportMs = performance.now() - started;
    expect(records(exported.text, ';')).toHaveLength(2000);

    started = performance.now();
    const shown = await preview(A2, exported.text);
    const previewMs = performance.now() - started;
    expect(shown.body).toMatchObject({ ready: false, counts: { unchanged: 2000, error: 0 } });

    console.log(`CSV, a 2,000-company park on DynamoDB Local: export ${exportMs.toFixed(0)} ms (${(exported.bytes.length / 1024).toFixed(0)} KB), preview of its re-import ${previewMs.toFixed(0)} ms`);
    // DynamoDB Local is slower than DynamoDB and this machine is shared with other tests: 8 s is the alarm line.
    expect(exportMs).toBeLessThan(8_000);
    expect(previewMs).toBeLessThan(8_000);
  }, 60_000);

  it('an import that would not finish before the deadline stops, is undone and answers 413', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `Laat ${i};${enterpriseNumberFromBody(8_100_000 + i)};Park Three`);
    const csv = ['naam;ondernemingsnummer;bedrijventerrein', ...rows].join('\n');
    const shown = (await preview(A2, csv)).body;
    expect(shown.counts.new).toBe(150);
    const before = await partition(A2);
    const { applyImport } = await import('../../functions/transfer/import-apply');
    const actor = { userId: api.world.people.managerA1A2.sub, requestId: 'deadline-test', now: new Date().toISOString() };
    let transactions = 0;
    // A deadline already passed: the first chunk is written, then the writer sees the rest cannot fit.
    const failure = await applyImport(A2, { kind: 'companies', csv, fingerprint: shown.fingerprint }, actor, {
      deadline: Date.now(),
      beforeTransaction: () => void transactions++,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ statusCode: 413, code: 'import_too_large' });
    expect(transactions).toBe(2); // one chunk written, one undone
    expect(await partition(A2)).toEqual(before);
  });
});
