import type { Company, MyCompany, Park, UpdateCompany, UpdateMyCompany } from '../../shared/index';
import { getCompany, updateCompany } from '../companies/store';
import { COMPANY_FIELDS } from '../companies/items';
import { listParks } from '../organisations/store';
import type { Actor } from '../lib/audit';
import { HttpError, versionConflict } from '../lib/errors';

/**
 * A company contact's own company. Reads and writes go through the register's own store (functions/companies), so
 * versions, the audit log, history and counters behave exactly as for the association's staff; this module only
 * narrows what the contact sees (not the association's notes) and what they may change.
 */

const gone = () => new HttpError(404, 'company_gone');

function parkOf(parks: Park[], company: Company) {
  const park = parks.find((candidate) => candidate.id === company.parkId);
  const zone = company.zoneId ? park?.zones.find((candidate) => candidate.id === company.zoneId) : undefined;
  return { ...(park ? { parkName: park.name } : {}), ...(zone ? { zoneName: zone.name } : {}) };
}

/** The contact's view: the register row without what is the association's own business (notes, import marks). */
export function toMyCompany(company: Company, parks: Park[]): MyCompany {
  const { id, name, parkId, zoneId, enterpriseNumber, establishmentNumber, juridicalForm, street, houseNumber, postalCode, municipality } = company;
  const { naceCode, sizeClass, website, email, phone, membershipStatus, memberSince, founding, contacts, version, updatedAt } = company;
  const view = {
    id, name, parkId, zoneId, enterpriseNumber, establishmentNumber, juridicalForm, street, houseNumber, postalCode, municipality,
    naceCode, sizeClass, website, email, phone, membershipStatus, memberSince, founding, contacts: contacts ?? [], version, updatedAt,
    ...parkOf(parks, company),
  };
  return Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined)) as MyCompany;
}

export async function readMyCompany(tenantId: string, companyId: string): Promise<MyCompany> {
  const [company, parks] = await Promise.all([getCompany(tenantId, companyId), listParks(tenantId)]);
  if (!company) throw gone();
  return toMyCompany(company, parks);
}

/** Contacts keep their ids; an id the company does not have (any more) is refused rather than quietly added. */
function assertKnownContacts(current: Company, input: UpdateMyCompany): void {
  const known = new Set((current.contacts ?? []).map((contact) => contact.id));
  const issues = (input.contacts ?? []).flatMap((contact, index) =>
    contact.id && !known.has(contact.id) ? [{ path: `body.contacts.${index}.id`, code: 'unknown_contact' }] : [],
  );
  if (issues.length > 0) throw new HttpError(400, 'validation_failed', { fields: issues });
}

/**
 * Applies a contact's edit as a register edit: everything the contact may not change is carried over from the
 * version the edit is based on, and the register's update checks that version again in its transaction.
 */
export async function updateMyCompany(tenantId: string, companyId: string, input: UpdateMyCompany, actor: Actor): Promise<MyCompany> {
  const [current, parks] = await Promise.all([getCompany(tenantId, companyId), listParks(tenantId)]);
  if (!current) throw gone();
  if (current.version !== input.version) throw versionConflict(toMyCompany(current, parks));
  assertKnownContacts(current, input);
  const kept = Object.fromEntries(COMPANY_FIELDS.map((field) => [field, current[field]]));
  const edit = {
    ...kept,
    website: input.website,
    email: input.email,
    phone: input.phone,
    sizeClass: input.sizeClass,
    ...(input.contacts ? { contacts: input.contacts } : {}),
    version: input.version,
  } as UpdateCompany;
  try {
    return toMyCompany(await updateCompany(tenantId, companyId, edit, actor), parks);
  } catch (error) {
    // The register answers with its own row; a contact gets their view of it (never the association's notes).
    if (error instanceof HttpError && error.code === 'version_conflict') {
      const latest = await getCompany(tenantId, companyId);
      throw latest ? versionConflict(toMyCompany(latest, parks)) : gone();
    }
    if (error instanceof HttpError && error.code === 'not_found') throw gone();
    throw error;
  }
}
