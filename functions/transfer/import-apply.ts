import { monotonicFactory } from 'ulidx';
import type { Company, ImportApplyResult, TransferKind } from '../../shared/index';
import type { Actor } from '../lib/audit';
import { DeadlineError, UndoFailedError, writeAllOrNothing, type ChunkedWriteOptions } from '../lib/chunked-write';
import { tenantClient } from '../lib/dynamo';
import { HttpError } from '../lib/errors';
import { cancellationCodes } from '../lib/transactions';
import { chunkCompanyChanges, companyChange, companyTransaction, type CompanyChange as RegisterChange } from '../companies/store';
import { planImport, type CompanyChange } from './csv-import';
import { readRegisterForImport } from './register';

/**
 * Applies a confirmed CSV import. The plan is computed again from the file and the register as they are now; it
 * runs only if nothing is wrong with it (else 400 `import_has_errors`) and if it is exactly the plan the user saw
 * (same fingerprint: same file, same register versions; else 409 `import_stale`). The writes use the register's
 * own change builders (counters per association, park and zone, history and audit rows in the same transactions)
 * and go all or nothing: each update is conditioned on the version the preview saw; when a transaction fails,
 * those already committed are undone and the register is as it was.
 *
 * Bounds: a file has at most MAX_IMPORT_ROWS rows; 2,000 new companies are 2,000 × 3 items in 63 transactions,
 * sent one after the other (every one moves the same counters, so they cannot run side by side). The writer is
 * given the Lambda's deadline: when the rest (and its undo) would not fit in it, it stops and undoes, and the
 * answer is 413 `import_too_large`, never a register cut off halfway.
 */
export async function applyImport(
  tenantId: string,
  request: { kind: TransferKind; csv: string; fingerprint: string },
  actor: Actor,
  options: ChunkedWriteOptions = {},
): Promise<ImportApplyResult> {
  const snapshot = await readRegisterForImport(tenantId);
  const plan = planImport(request.csv, request.kind, snapshot);
  if (plan.fileErrors.length > 0 || plan.lines.some((line) => line.status === 'error')) throw new HttpError(400, 'import_has_errors');
  if (plan.fingerprint !== request.fingerprint) throw new HttpError(409, 'import_stale');

  const parkVersions = new Map(snapshot.parks.map((park) => [park.id, park.version]));
  const changes = plan.changes.map((change) => registerChange(tenantId, change, actor, parkVersions));
  const chunks = chunkCompanyChanges(changes).map((chunk) => ({
    write: companyTransaction(chunk),
    undo: companyTransaction(chunk.map((change) => change.undo())),
  }));
  try {
    await writeAllOrNothing(tenantClient(tenantId), chunks, options);
  } catch (error) {
    if (error instanceof UndoFailedError) {
      // Never a 409 or a 503 (which say "nothing was written"): a 500, logged with what stayed written.
      const cause = error.cause as { name?: string; message?: string } | undefined;
      throw new Error(`CSV import of ${tenantId} partly written: chunks ${error.chunks.join(', ')} not undone (${cause?.name}: ${cause?.message})`);
    }
    if (error instanceof DeadlineError) throw new HttpError(413, 'import_too_large');
    // A row changed (its version) or a park's zones changed since the preview: nothing is written, preview again.
    if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw new HttpError(409, 'import_stale');
    throw error;
  }

  const count = (status: 'new' | 'update' | 'unchanged') => plan.lines.filter((line) => line.status === status).length;
  return { kind: plan.kind, created: count('new'), updated: count('update'), unchanged: count('unchanged') };
}

/** ulidx's plain `ulid()` looks for a random source on every call (~0.25 ms): one factory for thousands of ids. */
const newId = monotonicFactory();

function registerChange(tenantId: string, change: CompanyChange, actor: Actor, parkVersions: Map<string, number>): RegisterChange {
  if (change.kind === 'create') {
    const company: Company = { ...change.company, id: newId(), tenantId, version: 1, createdAt: actor.now, updatedAt: actor.now };
    return companyChange(null, company, actor, { parkVersion: parkVersions.get(company.parkId) });
  }
  // New contacts get their ids now (the preview cannot know them).
  const after: Company = { ...change.after, ...(change.after.contacts ? { contacts: change.after.contacts.map((contact) => (contact.id ? contact : { ...contact, id: newId() })) } : {}) };
  return companyChange(change.before.company, after, actor, { parkVersion: parkVersions.get(after.parkId) });
}
