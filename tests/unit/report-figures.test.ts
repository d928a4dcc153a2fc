import { describe, expect, it } from 'vitest';
import { computeReport } from '../../functions/reports/figures';
import { reportCsv, reportRows } from '../../functions/reports/files';
import type { ActivityItem, OccurrenceItem, RegistrationItem } from '../../functions/activities/items';
import type { CountedOccurrence, ReportRecords } from '../../functions/reports/store';
import { reportQuerySchema, type ContactMoment } from '../../shared/index';
import { periodTooLong } from '../../shared/report-period';

/** The report's figures from hand-made records: what counts, what does not, and that the files lay out the same numbers. */

const id = (n: number) => `01J${String(n).padStart(23, '0')}`;
const period = { from: '2027-01-01', to: '2027-12-31' };

function moment(n: number, associationId: string, type: ContactMoment['type']): ContactMoment {
  return {
    id: id(n), umbrellaId: id(900), associationId, associationName: `Vereniging ${associationId.slice(-2)}`, date: '2027-03-01', type,
    participants: [], notes: '', followUps: [], version: 1, createdAt: '', updatedAt: '',
  };
}

function occurrence(n: number, type: ActivityItem['activityType'], themes: string[], registrations: Partial<RegistrationItem>[], companies: CountedOccurrence['companies'] = []): CountedOccurrence {
  return {
    activity: { id: id(100 + n), title: `Activiteit ${n}`, activityType: type, themes } as ActivityItem,
    occurrence: { id: id(200 + n), startsAt: `2027-05-0${n}T10:00:00+02:00` } as OccurrenceItem,
    registrations: registrations.map((r, i) => ({ id: id(300 + n * 10 + i), kind: 'person', status: 'confirmed', attendance: 'unknown', companyId: id(1), ...r }) as RegistrationItem),
    companies,
  };
}

const A = id(501);
const B = id(502);
const records: ReportRecords = {
  moments: [moment(1, A, 'call'), moment(2, B, 'visit'), moment(3, B, 'visit')],
  associations: [{ id: A, name: 'A', stage: 'founded' }, { id: B, name: 'B', stage: 'in_formation' }, { id: id(503), name: 'C', stage: 'in_formation' }],
  occurrences: [
    occurrence(1, 'workshop', ['energie', 'energie'], [
      { companyId: id(1), attendance: 'present' }, { companyId: id(1) }, { companyId: id(2), status: 'waitlisted' }, { companyId: id(3), status: 'cancelled', attendance: 'present' },
    ]),
    occurrence(2, 'collective_action', [], [{ kind: 'company', companyId: id(2), attendance: 'present' }], [
      { companyId: id(2), quantities: [{ quantity: 0.1, unit: 'kg' }, { quantity: 0, unit: 'audits' }] },
      { companyId: id(1), quantities: [{ quantity: 0.2, unit: 'kg' }] },
    ]),
  ],
};

describe('the report’s figures', () => {
  const report = computeReport(id(900), period, records, new Date('2027-06-01T00:00:00Z'));

  it('counts contact moments per type and association, and founding support only for associations in formation with a moment', () => {
    expect(report.contactMoments.total).toBe(3);
    expect(report.contactMoments.byType.find((t) => t.type === 'visit')?.count).toBe(2);
    expect(report.foundingSupport).toEqual({ total: 1, associations: [{ associationId: B, associationName: 'B', momentIds: [id(2), id(3)] }] });
  });

  it('counts confirmed people as participants, whole companies only as companies, each company once', () => {
    expect(report.participationTotal).toEqual({ occurrences: 2, participants: 2, participantsAttended: 1, companies: 2, companiesAttended: 2 });
    expect(report.exchangesAndWorkshops).toMatchObject({ total: 1, workshops: 1, experienceExchanges: 0 });
  });

  it('counts a theme named twice once, lists activities without a theme last, and sums quantities per unit without float noise', () => {
    expect(report.participationByTheme.map((t) => [t.theme, t.participants])).toEqual([['energie', 2], ['', 0]]);
    expect(report.quantities).toEqual([{ unit: 'kg', quantity: 0.3, companies: 2, occurrenceIds: [id(202)] }]);
  });

  it('is empty, with zeros, without records', () => {
    const empty = computeReport(id(900), period, { moments: [], associations: records.associations, occurrences: [] });
    expect(empty.empty).toBe(true);
    expect(empty.participationByType.every((t) => t.participants === 0 && t.occurrences === 0)).toBe(true);
  });

  it('lays the same numbers out in the file rows, decimals with a comma for `;`', () => {
    const rows = reportRows(report, 'nl');
    expect(rows.find((r) => r.section === 'contactmomenten met verenigingen' && r.figure === 'totaal')?.value).toBe(3);
    expect(reportCsv(report, 'nl', 'semicolon').body).toContain('ingezamelde hoeveelheden;hoeveelheid (kg);0,3;kg');
    expect(reportCsv(report, 'en', 'comma').body).toContain('quantities collected,quantity (kg),0.3,kg');
  });
});

describe('the report’s period', () => {
  it('allows up to five years', () => {
    expect(periodTooLong('2021-01-01', '2025-12-31')).toBe(false);
    expect(periodTooLong('2021-01-01', '2026-01-01')).toBe(true);
    expect(periodTooLong('2024-02-29', '2029-02-28')).toBe(false);
  });

  it('answers field errors for a reversed or overlong period', () => {
    const issues = (query: Record<string, string>) => reportQuerySchema.safeParse(query).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ from: '2027-02-01', to: '2027-01-01' })).toEqual([['to', 'end_before_start']]);
    expect(issues({ from: '2020-01-01', to: '2027-01-01' })).toEqual([['to', 'period_too_long']]);
    expect(issues({ from: '2027-01-01', to: '2027-12-31' })).toBeUndefined();
  });
});
