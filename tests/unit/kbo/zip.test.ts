import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanExtract } from '../../../shared/kbo/extract';
import { listZip, openKboZip, ZipError } from '../../../shared/kbo/zip';
import { FIXTURES, fixtureFiles } from './helpers';

const PARK = { postalCodes: ['3001'], streets: ['Interleuvenlaan', 'Romeinse Straat', 'Kapeldreef'] };

describe('the extract as a zip', () => {
  it('scans a deflated zip (files in a folder, other entries ignored) like the unpacked folder', async () => {
    const zip = await openAsBlob(join(FIXTURES, 'park.zip'));
    const { files, entries } = await openKboZip(zip);
    expect(entries.map((e) => e.name)).toContain('code.csv');
    const fromZip = await scanExtract(files, PARK);
    const fromFolder = await scanExtract(await fixtureFiles('park'), PARK);
    expect(fromZip.candidates).toEqual(fromFolder.candidates);
    expect(fromZip.problems).toEqual([]);
    expect(fromZip.stats.byFile.address!.bytes).toBe(fromFolder.stats.byFile.address!.bytes);
  });

  it('reads ZIP64 archives with stored entries', async () => {
    const zip = await openAsBlob(join(FIXTURES, 'park-zip64-stored.zip'));
    const entries = await listZip(zip);
    expect(entries.find((e) => e.name === 'address.csv')).toMatchObject({ method: 0, size: 1919, compressedSize: 1919 });
    const { files } = await openKboZip(zip);
    const { candidates } = await scanExtract(files, PARK);
    expect(candidates).toHaveLength(5);
  });

  it('says so when the file is not a zip or not the extract', async () => {
    await expect(openKboZip(await openAsBlob(join(FIXTURES, 'park/address.csv')))).rejects.toThrow('not a zip file');
    await expect(openKboZip(await openAsBlob(join(FIXTURES, 'not-kbo.zip')))).rejects.toThrow(ZipError);
    await expect(openKboZip(await openAsBlob(join(FIXTURES, 'not-kbo.zip')))).rejects.toThrow('the zip has no address.csv');
  });

  it('works on an in-memory Blob (as a browser gives for a File)', async () => {
    const blob = new Blob([await (await openAsBlob(join(FIXTURES, 'park.zip'))).arrayBuffer()]);
    const { files } = await openKboZip(blob);
    expect(Object.keys(files).sort()).toEqual(['activity', 'address', 'contact', 'denomination', 'enterprise', 'establishment', 'meta']);
    expect((await scanExtract(files, PARK)).candidates).toHaveLength(5);
  });
});
