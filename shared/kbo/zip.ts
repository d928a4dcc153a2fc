/**
 * Opens the CBE/KBO extract as downloaded (one zip) without unpacking it: reads the zip's central directory and
 * streams each CSV through the platform's `DecompressionStream('deflate-raw')` (browsers, Node ≥ 21.2), so the
 * park manager can pick the zip itself. Only the bytes of the entries the scan reads are touched; nothing is
 * held in memory beyond one chunk. Stored and deflated entries, ZIP64; no encryption, no multi-disk archives.
 */
import { KBO_FILES, type KboFileName, type KboFiles } from './extract';

/** What a Blob or File offers (also Node's `fs.openAsBlob`). */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): BlobLike;
  arrayBuffer(): Promise<ArrayBuffer>;
  stream(): ReadableStream<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

export class ZipError extends Error {
  override name = 'ZipError';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function bytesAt(blob: BlobLike, start: number, end: number): Promise<DataView> {
  if (start < 0 || end > blob.size || start > end) throw new ZipError('not a zip file (truncated)');
  return new DataView(await blob.slice(start, end).arrayBuffer());
}

const u64 = (view: DataView, offset: number) => Number(view.getBigUint64(offset, true));

/** The entries of a zip, from its central directory. */
export async function listZip(blob: BlobLike): Promise<ZipEntry[]> {
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const tailStart = Math.max(0, blob.size - (22 + 0xffff));
  const tail = await bytesAt(blob, tailStart, blob.size);
  let at = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError('not a zip file (no end of central directory)');
  let count = tail.getUint16(at + 10, true);
  let size = tail.getUint32(at + 12, true);
  let offset = tail.getUint32(at + 16, true);
  if (at >= 20 && tail.getUint32(at - 20, true) === ZIP64_LOCATOR) {
    const zip64At = u64(tail, at - 20 + 8);
    const zip64 = await bytesAt(blob, zip64At, zip64At + 56);
    if (zip64.getUint32(0, true) !== ZIP64_EOCD) throw new ZipError('broken ZIP64 end of central directory');
    count = u64(zip64, 32);
    size = u64(zip64, 40);
    offset = u64(zip64, 48);
  }
  const directory = await bytesAt(blob, offset, offset + size);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (directory.getUint32(p, true) !== CENTRAL) throw new ZipError('broken central directory');
    const flags = directory.getUint16(p + 8, true);
    const nameLength = directory.getUint16(p + 28, true);
    const extraLength = directory.getUint16(p + 30, true);
    const commentLength = directory.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(new Uint8Array(directory.buffer, directory.byteOffset + p + 46, nameLength)),
      method: directory.getUint16(p + 10, true),
      compressedSize: directory.getUint32(p + 20, true),
      size: directory.getUint32(p + 24, true),
      localHeaderOffset: directory.getUint32(p + 42, true),
      encrypted: (flags & 1) === 1,
    };
    // ZIP64 extra field: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = directory.getUint16(e, true);
      const length = directory.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (entry.size === 0xffffffff) (entry.size = u64(directory, q)), (q += 8);
        if (entry.compressedSize === 0xffffffff) (entry.compressedSize = u64(directory, q)), (q += 8);
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = u64(directory, q);
      }
      e += 4 + length;
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry, as a stream. */
export async function openZipEntry(blob: BlobLike, entry: ZipEntry): Promise<ReadableStream<Uint8Array>> {
  if (entry.encrypted) throw new ZipError(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name}: compression method ${entry.method} is not supported`);
  const local = await bytesAt(blob, entry.localHeaderOffset, entry.localHeaderOffset + 30);
  if (local.getUint32(0, true) !== LOCAL) throw new ZipError(`${entry.name}: broken local header`);
  const start = entry.localHeaderOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  const data = blob.slice(start, start + entry.compressedSize).stream();
  return entry.method === 0 ? data : data.pipeThrough(new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>);
}

/**
 * The extract's CSV files inside a zip, ready for `scanExtract` (with their uncompressed sizes for progress).
 * Files are found by name (`enterprise.csv` …) in any folder of the zip; other entries are ignored.
 */
export async function openKboZip(blob: BlobLike): Promise<{ files: KboFiles; entries: ZipEntry[] }> {
  const entries = await listZip(blob);
  const found: Partial<Record<KboFileName, { stream(): ReadableStream<Uint8Array>; size: number }>> = {};
  for (const entry of entries) {
    const base = entry.name.slice(entry.name.lastIndexOf('/') + 1).toLowerCase();
    const file = KBO_FILES.find((name) => `${name}.csv` === base);
    if (!file || found[file]) continue;
    // The stream has to be returned synchronously: the local header is read as part of the stream.
    found[file] = { size: entry.size, stream: () => lazyStream(() => openZipEntry(blob, entry)) };
  }
  const missing = KBO_FILES.filter((file) => file !== 'meta' && file !== 'contact' && !found[file]);
  if (missing.length > 0) throw new ZipError(`the zip has no ${missing.map((file) => `${file}.csv`).join(', ')}: is it the CBE open-data extract?`);
  return { files: found as KboFiles, entries };
}

/** A stream that opens its source on the first read. */
function lazyStream(open: () => Promise<ReadableStream<Uint8Array>>): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      reader ??= (await open()).getReader();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}
