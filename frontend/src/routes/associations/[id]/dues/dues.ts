import { api } from '#lib/api.ts';
import { foldForSearch, type Company, type Dues } from '#lib/contract.ts';

export type DuesStatus = 'open' | 'invoiced' | 'paid';

/** Where a year's dues stand: paid once there is a payment date, invoiced once there is an invoice date. */
export function duesStatus(dues: Pick<Dues, 'invoicedOn' | 'paidOn'> | undefined): DuesStatus {
  if (dues?.paidOn) return 'paid';
  if (dues?.invoicedOn) return 'invoiced';
  return 'open';
}

export type DuesTotals = { due: number; invoiced: number; paid: number; open: number; rows: number; paidRows: number };

/** The sums of the saved rows, in cents: what is due, what was invoiced, what was paid, and what is still to come. */
export function duesTotals(companyIds: readonly string[], dues: ReadonlyMap<string, Dues>): DuesTotals {
  const totals: DuesTotals = { due: 0, invoiced: 0, paid: 0, open: 0, rows: companyIds.length, paidRows: 0 };
  for (const id of companyIds) {
    const row = dues.get(id);
    if (!row) continue;
    totals.due += row.amountCents;
    if (row.invoicedOn) totals.invoiced += row.amountCents;
    if (row.paidOn) {
      totals.paid += row.amountCents;
      totals.paidRows += 1;
    }
  }
  totals.open = totals.due - totals.paid;
  return totals;
}

const PAGE_LIMIT = 100;
/** A guard against a cursor that never ends: 100 pages of 100 is far beyond any business park. */
const MAX_PAGES = 100;

/** The whole register, a page of 100 at a time (a few hundred companies at most); `onprogress` gets the count so far. */
export async function allCompanies(associationId: string, signal: AbortSignal, onprogress?: (count: number) => void): Promise<Company[]> {
  const companies: Company[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await api.listCompanies(associationId, { limit: PAGE_LIMIT, cursor }, { signal });
    companies.push(...answer.items);
    onprogress?.(companies.length);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return companies;
}

/** Case and accents do not matter when looking for a company by name. */
export function matches(company: Pick<Company, 'name'>, query: string): boolean {
  const wanted = foldForSearch(query);
  return !wanted || foldForSearch(company.name).includes(wanted);
}
