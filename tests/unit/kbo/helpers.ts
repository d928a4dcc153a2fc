import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { KBO_FILES, type KboFiles } from '../../../shared/kbo/extract';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/kbo');

/** A stream of `bytes` in chunks of `size` bytes (to put chunk boundaries everywhere). */
export function chunkedStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

export const streamOf = (text: string, size = 1 << 16) => chunkedStream(new TextEncoder().encode(text), size);

/** The fixture folder's files as Blobs (the way a browser hands over Files). */
export async function fixtureFiles(name: string): Promise<KboFiles> {
  const entries = await Promise.all(KBO_FILES.map(async (file) => [file, await openAsBlob(join(FIXTURES, name, `${file}.csv`))] as const));
  return Object.fromEntries(entries) as unknown as KboFiles;
}
