import { isUlid, type Contact } from '../../shared/index';
import { same, setOrDelete, shorten, type CompanyChange, type Issue, type PlanLine, type Row } from './import-types';
import type { Register } from './import-register';
import { COMPANY_PARSERS, CONTACT_PARSERS, parseCells } from './import-values';
import type { RegisterRow } from './register';

/**
 * A contacts file: each row is a contact of a register row (found by company id, else establishment number,
 * else enterprise number). A row updates the company's contact with its contact id, else its e-mail address, or
 * adds one. Contacts the file does not name are kept, and so are every contact's consents: those are given by the
 * person, never by a spreadsheet.
 */

export const MAX_CONTACTS = 25;

const CONTACT_FIELDS = ['name', 'function', 'email', 'phone'] as const;
type ContactDraft = Omit<Contact, 'id'> & { id?: string };

export function planContacts(rows: Row[], register: Register): { lines: PlanLine[]; changes: CompanyChange[] } {
  const lines: PlanLine[] = [];
  type Group = { row: RegisterRow; contacts: ContactDraft[]; lines: PlanLine[]; seen: Map<string, number> };
  const groups = new Map<string, Group>();

  for (const row of rows) {
    const issues: Issue[] = [];
    const line: PlanLine = { line: row.line, status: 'error', errors: issues };
    lines.push(line);
    const values = parseCells(row, CONTACT_PARSERS, issues);
    const name = values.get('name') as string | undefined;
    if (name) line.name = name;

    // The company: by id, else establishment number, else enterprise number.
    const numbers: Record<'enterpriseNumber' | 'establishmentNumber', string | undefined> = { enterpriseNumber: undefined, establishmentNumber: undefined };
    const companyIdCell = row.cells.get('companyId');
    const companyId = companyIdCell?.value || undefined;
    if (companyIdCell && companyId && !isUlid(companyId)) issues.push({ line: row.line, column: companyIdCell.column, field: 'companyId', code: 'invalid_id', value: shorten(companyId) });
    for (const field of ['enterpriseNumber', 'establishmentNumber'] as const) {
      const cell = row.cells.get(field);
      if (!cell || cell.value === '' || companyId) continue;
      const parsed = COMPANY_PARSERS[field]!(cell.value);
      if (parsed.ok) numbers[field] = parsed.value as string;
      else issues.push({ line: row.line, column: cell.column, field, code: parsed.code, value: shorten(cell.value) });
    }
    if (issues.length > 0) continue;
    if (!companyId && !numbers.enterpriseNumber && !numbers.establishmentNumber) {
      issues.push({ line: row.line, code: 'csv_company_key_required' });
      continue;
    }
    const match = register.match(companyId, numbers.establishmentNumber, numbers.enterpriseNumber);
    if (!match.row) {
      const field = companyId ? 'companyId' : numbers.establishmentNumber ? 'establishmentNumber' : 'enterpriseNumber';
      issues.push({ line: row.line, ...(row.cells.get(field) ? { column: row.cells.get(field)!.column } : {}), field, code: match.code === 'csv_ambiguous_match' ? match.code : 'csv_company_not_found' });
      continue;
    }
    const company = match.row.company;
    line.companyId = company.id;
    line.companyName = company.name;
    const group: Group = groups.get(company.id) ?? { row: match.row, contacts: (company.contacts ?? []).map((contact) => ({ ...contact })), lines: [], seen: new Map() };
    groups.set(company.id, group);

    // The contact: by contact id, else by e-mail address, else a new one.
    const idCell = row.cells.get('id');
    const contactId = idCell?.value || undefined;
    const email = values.get('email') as string | undefined;
    let contact: ContactDraft | undefined;
    if (contactId) {
      contact = group.contacts.find((candidate) => candidate.id === contactId);
      if (!contact) issues.push({ line: row.line, ...(idCell ? { column: idCell.column } : {}), field: 'id', code: 'csv_unknown_contact', value: shorten(contactId) });
    } else if (email) {
      contact = group.contacts.find((candidate) => candidate.email?.toLowerCase() === email.toLowerCase());
    }
    if (issues.length > 0) continue;
    const identity = contact?.id ? `id:${contact.id}` : email ? `mail:${email.toLowerCase()}` : null;
    const firstLine = identity ? group.seen.get(identity) : undefined;
    if (firstLine !== undefined) {
      issues.push({ line: row.line, code: 'csv_duplicate_contact', params: { line: firstLine } });
      continue;
    }
    if (identity) group.seen.set(identity, row.line);

    const next: ContactDraft = contact ? { ...contact } : { name: '', consents: [] };
    for (const field of CONTACT_FIELDS) if (values.has(field)) setOrDelete(next, field, values.get(field));
    // The address it was found by, in other letter case, is the same address: keep it as stored.
    if (contact?.email && next.email?.toLowerCase() === contact.email.toLowerCase()) next.email = contact.email;
    if (!next.name) {
      issues.push({ line: row.line, ...(row.cells.get('name') ? { column: row.cells.get('name')!.column } : {}), field: 'name', code: 'required' });
      continue;
    }
    line.name = next.name;
    if (contact) {
      const fields = CONTACT_FIELDS.filter((field) => !same(contact[field], next[field]));
      line.contactId = contact.id;
      line.status = fields.length ? 'update' : 'unchanged';
      if (fields.length) line.fields = fields;
      Object.assign(contact, next);
      for (const field of ['function', 'email', 'phone'] as const) if (next[field] === undefined) delete contact[field];
    } else {
      if (group.contacts.length >= MAX_CONTACTS) {
        issues.push({ line: row.line, code: 'csv_too_many_contacts', params: { max: MAX_CONTACTS } });
        continue;
      }
      group.contacts.push(next);
      line.status = 'new';
    }
    group.lines.push(line);
  }

  const changes: CompanyChange[] = [];
  for (const group of groups.values()) {
    const changed = group.lines.filter((line) => line.status === 'new' || line.status === 'update');
    if (changed.length === 0) continue;
    const after = { ...group.row.company, contacts: group.contacts as Contact[] };
    changes.push({ kind: 'update', lines: changed.map((line) => line.line), before: group.row, after, fields: ['contacts'] });
  }
  return { lines, changes };
}
