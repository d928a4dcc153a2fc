/**
 * Compares the candidates found in the CBE/KBO extract with the companies an association already has, for the
 * import preview. Only register fields are compared (name, address, NACE code, juridical form, start date):
 * whatever the association entered itself (membership, size class, contacts, notes …) is never looked at, and
 * `registerValues` gives the only values an import may write.
 *
 * Matching: a record with an establishment number matches the candidate with that number; a record with only an
 * enterprise number matches a candidate of that enterprise (the one at the same address if there are several).
 */
import { foldForSearch } from '../text';
import type { KboCandidate } from './extract';
import { entityKey } from './numbers';

export const REGISTER_FIELDS = ['name', 'street', 'houseNumber', 'postalCode', 'municipality', 'naceCode', 'juridicalForm', 'startDate'] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];
export type RegisterValues = Record<RegisterField, string | null>;

/** A company as stored; any other properties (membership, contacts …) are carried along untouched. */
export interface RegisterRecord {
  id: string;
  establishmentNumber?: string | null;
  enterpriseNumber?: string | null;
  name?: string | null;
  street?: string | null;
  houseNumber?: string | null;
  postalCode?: string | null;
  municipality?: string | null;
  naceCode?: string | null;
  juridicalForm?: string | null;
  startDate?: string | null;
}

export interface FieldChange {
  from: string | null;
  to: string | null;
}

/** What a change may touch: the register fields, and the establishment number of a record that had none. */
export type ChangedField = RegisterField | 'establishmentNumber';

export interface RegisterChange<T> {
  id: string;
  record: T;
  candidate: KboCandidate;
  fields: ChangedField[];
  values: Partial<Record<ChangedField, FieldChange>>;
}

export interface RegisterDiff<T> {
  /** In the register on the park, not in the association's list. */
  added: KboCandidate[];
  /** Matched, with at least one register field that differs. */
  changed: RegisterChange<T>[];
  /** Carry an establishment or enterprise number that is no longer found on the park. */
  vanished: T[];
  /** Matched, with no register field that differs. */
  unchanged: number;
  /** Every matched pair (changed or not), e.g. to store the establishment number on a record that had only the enterprise's. */
  matched: { id: string; candidate: KboCandidate; by: 'establishment' | 'enterprise' }[];
  /** Records with no (valid) CBE number: they cannot be matched. */
  unlinked: T[];
  /** Records whose enterprise is on the park but every candidate of it already matched another record. */
  duplicates: T[];
  /** Added candidates that look like an unlinked record (same name or same address): likely the same company. */
  possibleMatches: { candidate: KboCandidate; id: string; reason: 'name' | 'address' }[];
}

export interface DiffOptions {
  /** Register fields to compare; default all. Leave out fields the company record does not store. */
  fields?: readonly RegisterField[];
  /**
   * A record with only an enterprise number, matched to a candidate of one of its establishments, changes by
   * getting that establishment number (so the next import matches it by establishment). Default off.
   */
  linkEstablishments?: boolean;
}

/** House number with the box the way it is written in Flanders: `12 bus 3`. */
export function houseNumberWithBox(houseNumber: string, box: string | null): string {
  return box ? `${houseNumber} bus ${box}` : houseNumber;
}

/** The register's values for the compared fields, in the form the company record stores them. */
export function registerValues(candidate: KboCandidate): RegisterValues {
  return {
    name: candidate.name,
    street: candidate.address.street || null,
    houseNumber: houseNumberWithBox(candidate.address.houseNumber, candidate.address.box) || null,
    postalCode: candidate.address.postalCode || null,
    municipality: candidate.address.municipality || null,
    naceCode: candidate.naceCode,
    juridicalForm: candidate.juridicalForm,
    startDate: candidate.startDate,
  };
}

const houseKey = (value: string) =>
  foldForSearch(value)
    .replace(/\s*\b(bus|box|bte|boite)\b\s*/g, '/')
    .replace(/\s+/g, '');

/** Equal for the purpose of the preview: ignores case, accents and spacing, box notation, dots in NACE codes. */
function sameValue(field: RegisterField, stored: string, register: string): boolean {
  switch (field) {
    case 'houseNumber':
      return houseKey(stored) === houseKey(register);
    case 'naceCode':
      return stored.replace(/\D/g, '') === register.replace(/\D/g, '');
    case 'postalCode':
    case 'juridicalForm':
    case 'startDate':
      return stored.trim() === register.trim();
    default:
      return foldForSearch(stored) === foldForSearch(register);
  }
}

const addressKey = (street: string | null | undefined, houseNumber: string | null | undefined, postalCode: string | null | undefined) =>
  street && houseNumber && postalCode ? `${postalCode.trim()}|${foldForSearch(street)}|${houseKey(houseNumber)}` : null;

export function diffRegister<T extends RegisterRecord>(candidates: readonly KboCandidate[], existing: readonly T[], options: DiffOptions = {}): RegisterDiff<T> {
  const fields = options.fields ?? REGISTER_FIELDS;
  const byEstablishment = new Map<number, KboCandidate>();
  const byEnterprise = new Map<number, KboCandidate[]>();
  for (const candidate of candidates) {
    if (candidate.establishmentNumber) byEstablishment.set(entityKey(candidate.establishmentNumber), candidate);
    const key = entityKey(candidate.enterpriseNumber);
    const list = byEnterprise.get(key);
    if (list) list.push(candidate);
    else byEnterprise.set(key, [candidate]);
  }

  const taken = new Set<KboCandidate>();
  const diff: RegisterDiff<T> = { added: [], changed: [], vanished: [], unchanged: 0, matched: [], unlinked: [], duplicates: [], possibleMatches: [] };

  const compare = (record: T, candidate: KboCandidate, by: 'establishment' | 'enterprise') => {
    taken.add(candidate);
    diff.matched.push({ id: record.id, candidate, by });
    const register = registerValues(candidate);
    const change: RegisterChange<T> = { id: record.id, record, candidate, fields: [], values: {} };
    for (const field of fields) {
      const to = register[field];
      if (to === null || to === '') continue; // the register has nothing: keep what is stored
      const from = record[field] ?? null;
      if (from !== null && from !== '' && sameValue(field, from, to)) continue;
      change.fields.push(field);
      change.values[field] = { from: from === '' ? null : from, to };
    }
    if (options.linkEstablishments && by === 'enterprise' && candidate.establishmentNumber && !record.establishmentNumber) {
      change.fields.push('establishmentNumber');
      change.values.establishmentNumber = { from: null, to: candidate.establishmentNumber };
    }
    if (change.fields.length > 0) diff.changed.push(change);
    else diff.unchanged++;
  };

  const withEstablishment: T[] = [];
  const withEnterpriseOnly: T[] = [];
  for (const record of existing) {
    const establishment = record.establishmentNumber ? entityKey(record.establishmentNumber) : -1;
    const enterprise = record.enterpriseNumber ? entityKey(record.enterpriseNumber) : -1;
    if (establishment >= 0) withEstablishment.push(record);
    else if (enterprise >= 0) withEnterpriseOnly.push(record);
    else diff.unlinked.push(record);
  }

  for (const record of withEstablishment) {
    const candidate = byEstablishment.get(entityKey(record.establishmentNumber!));
    if (candidate && !taken.has(candidate)) compare(record, candidate, 'establishment');
    else if (candidate) diff.duplicates.push(record);
    else diff.vanished.push(record);
  }

  for (const record of withEnterpriseOnly) {
    const all = byEnterprise.get(entityKey(record.enterpriseNumber!)) ?? [];
    const free = all.filter((candidate) => !taken.has(candidate));
    if (all.length === 0) {
      diff.vanished.push(record);
      continue;
    }
    if (free.length === 0) {
      diff.duplicates.push(record);
      continue;
    }
    const here = addressKey(record.street, record.houseNumber, record.postalCode);
    const candidate =
      (here && free.find((c) => addressKey(c.address.street, houseNumberWithBox(c.address.houseNumber, c.address.box), c.address.postalCode) === here)) ||
      (here && free.find((c) => addressKey(c.address.street, c.address.houseNumber, c.address.postalCode) === here)) ||
      free.find((c) => c.establishmentNumber === null) ||
      free[0]!;
    compare(record, candidate, 'enterprise');
  }

  diff.added = candidates.filter((candidate) => !taken.has(candidate));

  if (diff.added.length > 0 && diff.unlinked.length > 0) {
    const byName = new Map<string, string>();
    const byAddress = new Map<string, string>();
    for (const record of diff.unlinked) {
      if (record.name) byName.set(foldForSearch(record.name), record.id);
      const key = addressKey(record.street, record.houseNumber, record.postalCode);
      if (key) byAddress.set(key, record.id);
    }
    for (const candidate of diff.added) {
      const names = [candidate.name, candidate.commercialName].filter((name): name is string => !!name).map(foldForSearch);
      const nameHit = names.map((name) => byName.get(name)).find((id) => id !== undefined);
      if (nameHit) {
        diff.possibleMatches.push({ candidate, id: nameHit, reason: 'name' });
        continue;
      }
      const key = addressKey(candidate.address.street, houseNumberWithBox(candidate.address.houseNumber, candidate.address.box), candidate.address.postalCode);
      const addressHit = key ? byAddress.get(key) : undefined;
      if (addressHit) diff.possibleMatches.push({ candidate, id: addressHit, reason: 'address' });
    }
  }
  return diff;
}
