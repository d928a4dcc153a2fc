import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { formatEnterpriseNumber, normaliseEnterpriseNumber } from '../../shared/enterprise-number';
import { entityKey, formatEntityNumber } from '../../shared/kbo/numbers';
import { registerValues, type KboCandidate } from '../../shared/kbo/index';
import { zoneForStreet } from '../../shared/zones';
import type { Company } from '../../shared/index';
import type { Actor } from '../lib/audit';
import { tenantClient } from '../lib/dynamo';
import { HttpError } from '../lib/errors';
import { chunkCompanyChanges, companyChange, companyTransaction, type CompanyChange } from './changes';
import { kboDiff } from './kbo-preview';

/** What the user confirmed in the preview; the import runs only if the register still looks exactly like that. */
export type ImportExpectation = { added: string[]; changed: { companyId: string; version: number }[]; vanished: { companyId: string; version: number }[] };

const candidateKey = (c: { establishmentNumber: string | null; enterpriseNumber: string }) => c.establishmentNumber ?? c.enterpriseNumber;

/**
 * The register fields of the extract over a company: name, address, NACE code, juridical form, start date, and
 * the establishment number of a company that had only its enterprise's. What the association chose itself
 * (membership, contacts, notes, zone, size class, website …) is left as it is.
 */
function withRegister(company: Company, candidate: KboCandidate): Company {
  const values = registerValues(candidate);
  const establishment = candidate.establishmentNumber ? formatEntityNumber(entityKey(candidate.establishmentNumber)) : undefined;
  return {
    ...company,
    name: values.name ?? company.name,
    ...(values.street ? { street: values.street } : {}),
    ...(values.houseNumber ? { houseNumber: values.houseNumber } : {}),
    ...(values.postalCode ? { postalCode: values.postalCode } : {}),
    ...(values.municipality ? { municipality: values.municipality } : {}),
    ...(values.naceCode ? { naceCode: values.naceCode } : {}),
    ...(values.juridicalForm ? { juridicalForm: values.juridicalForm } : {}),
    ...(values.startDate ? { startDate: values.startDate } : {}),
    ...(!company.establishmentNumber && establishment ? { establishmentNumber: establishment } : {}),
  };
}

/**
 * Applies a confirmed import: new companies (as prospects, in the zone whose streets hold their street), register
 * fields of matched ones, a `kboVanishedOn` mark on vanished ones — never membership, contacts, notes or zone.
 * Every write is a register change of functions/companies/changes.ts, so the counters per association, park and
 * zone stay exact; changes go in transactions of ≤ 100 items; if one fails, the ones before it are undone (each
 * write is conditioned on the version it produced), so a failed import leaves the register as it was.
 */
export async function applyKboImport(
  tenantId: string,
  parkId: string,
  candidates: KboCandidate[],
  expectation: ImportExpectation,
  actor: Actor,
  snapshotDate?: string,
): Promise<{ added: number; changed: number; vanished: number }> {
  const { diff, companies, park } = await kboDiff(tenantId, parkId, candidates);
  const sorted = (list: string[]) => JSON.stringify([...list].sort());
  const same =
    sorted(diff.added.map(candidateKey)) === sorted(expectation.added) &&
    sorted(diff.changed.map((c) => c.id)) === sorted(expectation.changed.map((c) => c.companyId)) &&
    sorted(diff.vanished.map((c) => c.id)) === sorted(expectation.vanished.map((c) => c.companyId));
  if (!same) throw new HttpError(409, 'import_stale');

  const on = snapshotDate ?? actor.now.slice(0, 10);
  const options = { parkVersion: park.version, on };
  const changes: CompanyChange[] = [];

  for (const candidate of diff.added) {
    const id = ulid(Date.parse(actor.now));
    const base = { id, tenantId, parkId, name: candidate.name, membershipStatus: 'prospect', version: 1, createdAt: actor.now, updatedAt: actor.now } as Company;
    const company = withRegister(base, candidate);
    company.enterpriseNumber = formatEnterpriseNumber(normaliseEnterpriseNumber(candidate.enterpriseNumber) ?? candidate.enterpriseNumber);
    const zoneId = zoneForStreet(park.zones, candidate.address.street);
    if (zoneId) company.zoneId = zoneId;
    changes.push(companyChange(null, company, actor, { ...options, action: 'company.import' }));
  }

  // The preview's versions must still be the stored ones: the transactions check them again as they write.
  const byId = new Map(companies.map((company) => [company.id, company]));
  const current = (companyId: string, version: number) => {
    const company = byId.get(companyId);
    if (!company || company.version !== version) throw new HttpError(409, 'import_stale');
    return company;
  };
  for (const { companyId, version } of expectation.changed) {
    const { candidate } = diff.changed.find((change) => change.id === companyId)!;
    const before = current(companyId, version);
    changes.push(companyChange(before, withRegister(before, candidate), actor, { ...options, action: 'company.import' }));
  }
  for (const { companyId, version } of expectation.vanished) {
    const before = current(companyId, version);
    changes.push(companyChange(before, { ...before, kboVanishedOn: on }, actor, { ...options, action: 'company.vanished' }));
  }

  const committed: CompanyChange[][] = [];
  try {
    for (const chunk of chunkCompanyChanges(changes)) {
      await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: companyTransaction(chunk) }));
      committed.push(chunk);
    }
  } catch (error) {
    for (const chunk of committed.reverse()) {
      await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: companyTransaction(chunk.map((change) => change.undo())) }));
    }
    if ((error as { name?: string }).name === 'TransactionCanceledException') throw new HttpError(409, 'import_stale');
    throw error;
  }
  return { added: diff.added.length, changed: expectation.changed.length, vanished: expectation.vanished.length };
}
