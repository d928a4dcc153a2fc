import { describe, expect, it } from 'vitest';
import { putBudgetSchema, type BudgetLine } from '../../shared/schemas/budgets';
import {
  budgetIssues,
  budgetKpis,
  budgetTotals,
  evaluateSubsidyKpis,
  memberCoverageKpi,
  parkManagerKpi,
  percentTenths,
  referenceDay,
} from '../../shared/subsidy-kpis';

const income = (source: string, amountCents: number, period?: { from: string; to: string }) =>
  ({ kind: 'income', source, label: source, amountCents, ...(period ? { period } : {}) }) as BudgetLine;
const cost = (category: string, amountCents: number, period?: { from: string; to: string }) =>
  ({ kind: 'cost', category, label: category, amountCents, ...(period ? { period } : {}) }) as BudgetLine;

describe('budget totals', () => {
  it('sums income by source and costs by category, every source and category present', () => {
    const totals = budgetTotals([income('member_fees', 1_000_00), income('member_fees', 500_00), income('local_government', 2_000_00), cost('park_manager', 4_000_00)]);
    expect(totals.incomeCents).toBe(3_500_00);
    expect(totals.costCents).toBe(4_000_00);
    expect(totals.incomeBySource).toEqual({ local_government: 2_000_00, member_fees: 1_500_00, umbrella_subsidy: 0, flemish_subsidy: 0, sponsorship: 0, other: 0 });
    expect(totals.costByCategory.park_manager).toBe(4_000_00);
    expect(totals.costByCategory.activities).toBe(0);
  });
});

describe('budget lines: the checks that need the year', () => {
  it('reports two lines of the same source whose periods overlap on the later line', () => {
    const lines = [
      cost('park_manager', 100, { from: '2027-01-01', to: '2027-06-30' }),
      income('member_fees', 100),
      cost('activities', 100, { from: '2027-03-01', to: '2027-12-31' }),
      cost('park_manager', 100, { from: '2027-06-30', to: '2027-12-31' }),
    ];
    expect(budgetIssues(2027, lines)).toEqual([{ path: 'lines.3.period', code: 'period_overlap' }]);
  });

  it('accepts adjacent periods of the same category and lines without a period', () => {
    const lines = [
      cost('park_manager', 100, { from: '2027-01-01', to: '2027-06-30' }),
      cost('park_manager', 100, { from: '2027-07-01', to: '2027-12-31' }),
      cost('park_manager', 100),
      income('member_fees', 100),
      income('member_fees', 100),
    ];
    expect(budgetIssues(2027, lines)).toEqual([]);
  });

  it('does not compare income with costs, nor different sources', () => {
    const period = { from: '2027-01-01', to: '2027-12-31' };
    expect(budgetIssues(2027, [income('other', 1, period), cost('other', 1, period), income('sponsorship', 1, period)])).toEqual([]);
  });

  it('refuses periods outside the year and periods that end before they start', () => {
    const lines = [income('member_fees', 1, { from: '2026-12-31', to: '2027-02-01' }), income('sponsorship', 1, { from: '2027-05-01', to: '2027-04-01' })];
    expect(budgetIssues(2027, lines)).toEqual([
      { path: 'lines.0.period.from', code: 'period_outside_year' },
      { path: 'lines.1.period', code: 'period_reversed' },
    ]);
  });

  it('refuses negative amounts, unknown sources and unknown categories in the schema, at the line', () => {
    const result = putBudgetSchema.safeParse({
      version: 0,
      lines: [
        { kind: 'income', source: 'member_fees', label: 'Lidgelden', amountCents: -1 },
        { kind: 'income', source: 'lottery', label: 'Tombola', amountCents: 100 },
        { kind: 'cost', category: 'party', label: 'Feest', amountCents: 100 },
        { kind: 'cost', category: 'other', label: 'Rest', amountCents: 1.5 },
      ],
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual([
      ['lines.0.amountCents', 'not_negative'],
      ['lines.1.source', 'unknown_source'],
      ['lines.2.category', 'unknown_category'],
      ['lines.3.amountCents', 'invalid_amount'],
    ]);
  });
});

describe('KPI (a): a park manager appointed', () => {
  it('judges the current year on today, a past year on its last day and a future year on its first', () => {
    expect(referenceDay(2026, '2026-11-23')).toBe('2026-11-23');
    expect(referenceDay(2025, '2026-11-23')).toBe('2025-12-31');
    expect(referenceDay(2027, '2026-11-23')).toBe('2027-01-01');
  });

  it('is met when a manager’s period covers the day, with the earliest start among the active ones', () => {
    const managers = [
      { from: '2024-03-01', interim: true },
      { from: '2026-01-01', until: '2026-12-31', interim: false },
    ];
    expect(parkManagerKpi({ managers }, 2026, '2026-11-23')).toEqual({
      id: 'park_manager', status: 'met', reason: 'appointed', values: { day: '2026-11-23', since: '2024-03-01', interim: false },
    });
  });

  it('is not met when no period covers the day, naming the next start', () => {
    const managers = [{ from: '2024-01-01', until: '2025-06-30', interim: false }, { from: '2027-03-01', interim: false }];
    expect(parkManagerKpi({ managers }, 2026, '2026-11-23')).toEqual({
      id: 'park_manager', status: 'not_met', reason: 'no_park_manager', values: { day: '2026-11-23', startsOn: '2027-03-01' },
    });
  });

  it('uses the tenant item’s summary only for the days it describes, else it is unknown', () => {
    const summary = { appointed: true, since: '2025-01-01', interim: false, asOf: '2026-10-01', changesOn: '2027-01-01' };
    expect(parkManagerKpi({ summary }, 2026, '2026-11-23').status).toBe('met');
    expect(parkManagerKpi({ summary }, 2027, '2026-11-23')).toMatchObject({ status: 'unknown', reason: 'park_manager_summary_stale' });
    expect(parkManagerKpi({ summary: { appointed: false, asOf: '2026-01-01' } }, 2026, '2026-11-23')).toMatchObject({ status: 'not_met', reason: 'no_park_manager' });
    expect(parkManagerKpi({}, 2026, '2026-11-23')).toMatchObject({ status: 'unknown', reason: 'no_park_manager_summary' });
  });
});

describe('KPI (b): at least half of the companies are members', () => {
  it('is met at exactly 50 %', () => {
    expect(memberCoverageKpi({ companies: 80, members: 40 }, 2026, '2026-11-23')).toMatchObject({ status: 'met', values: { percentTenths: 500, neededPercent: 50 } });
  });

  it('is not met just below 50 %, shown rounded down', () => {
    expect(memberCoverageKpi({ companies: 201, members: 100 }, 2026, '2026-11-23')).toMatchObject({ status: 'not_met', reason: 'below_threshold', values: { percentTenths: 497 } });
    expect(memberCoverageKpi({ companies: 2001, members: 1000 }, 2026, '2026-11-23').values.percentTenths).toBe(499);
  });

  it('is unknown without companies and for a past year (the counters are today’s)', () => {
    expect(memberCoverageKpi({ companies: 0, members: 0 }, 2026, '2026-11-23')).toMatchObject({ status: 'unknown', reason: 'no_companies' });
    expect(memberCoverageKpi({ companies: 10, members: 9 }, 2025, '2026-11-23')).toMatchObject({ status: 'unknown', reason: 'past_year' });
  });
});

describe('KPI (c): next year’s budget', () => {
  const totalsOf = (lines: BudgetLine[]) => budgetTotals(lines);

  it('is unknown for all three without a budget, or with a budget without costs', () => {
    expect(budgetKpis(undefined, 2027).map((kpi) => [kpi.id, kpi.status, kpi.reason])).toEqual([
      ['budget_covered', 'unknown', 'no_budget'],
      ['local_government_share', 'unknown', 'no_budget'],
      ['member_fees_share', 'unknown', 'no_budget'],
    ]);
    expect(budgetKpis(totalsOf([income('member_fees', 100)]), 2027).every((kpi) => kpi.status === 'unknown' && kpi.reason === 'no_costs')).toBe(true);
  });

  it('meets all three at exactly 75 %, 25 % and 25 % of the costs', () => {
    const kpis = budgetKpis(totalsOf([cost('park_manager', 80_000_00), income('local_government', 20_000_00), income('member_fees', 20_000_00), income('sponsorship', 20_000_00)]), 2027);
    expect(kpis.map((kpi) => kpi.status)).toEqual(['met', 'met', 'met']);
    expect(kpis[0]!.values).toMatchObject({ budgetYear: 2027, partCents: 60_000_00, costCents: 80_000_00, percentTenths: 750, neededPercent: 75 });
  });

  it('reports the member fees’ share of the costs when it falls short (25 % of the costs, not of the income)', () => {
    // Income 20 000 of which member fees 12 000 (60 % of the income) but only 12 % of costs of 100 000.
    const kpis = budgetKpis(totalsOf([cost('park_manager', 100_000_00), income('member_fees', 12_000_00), income('local_government', 8_000_00)]), 2027);
    expect(kpis[2]).toEqual({
      id: 'member_fees_share', status: 'not_met', reason: 'below_threshold',
      values: { budgetYear: 2027, partCents: 12_000_00, costCents: 100_000_00, percentTenths: 120, neededPercent: 25 },
    });
    expect(kpis[0]).toMatchObject({ status: 'not_met', values: { percentTenths: 200 } });
  });

  it('does not count the Flemish subsidy towards the 75 %', () => {
    const kpis = budgetKpis(
      totalsOf([cost('park_manager', 100_000_00), income('local_government', 30_000_00), income('member_fees', 30_000_00), income('flemish_subsidy', 40_000_00)]),
      2027,
    );
    expect(kpis[0]).toMatchObject({ status: 'not_met', values: { partCents: 60_000_00, notCountedCents: 40_000_00, percentTenths: 600 } });
    expect(kpis.slice(1).map((kpi) => kpi.status)).toEqual(['met', 'met']);
  });

  it('compares exactly: one cent short is not met', () => {
    const kpis = budgetKpis(totalsOf([cost('other', 100_000_01), income('member_fees', 25_000_00), income('local_government', 50_000_00)]), 2027);
    expect(kpis[2]).toMatchObject({ status: 'not_met', values: { percentTenths: 249 } });
    expect(kpis[0]).toMatchObject({ status: 'not_met', values: { percentTenths: 749 } });
  });
});

describe('all KPIs of a year', () => {
  it('judges the park manager and coverage for the year and the budget of the next year', () => {
    const kpis = evaluateSubsidyKpis({ parkManager: { managers: [] }, counts: { companies: 10, members: 6 } }, 2026, '2026-11-23');
    expect(kpis.map((kpi) => [kpi.id, kpi.status])).toEqual([
      ['park_manager', 'not_met'],
      ['member_coverage', 'met'],
      ['budget_covered', 'unknown'],
      ['local_government_share', 'unknown'],
      ['member_fees_share', 'unknown'],
    ]);
    expect(kpis[2]!.values).toEqual({ budgetYear: 2027 });
  });

  it('rounds percentages down to a tenth', () => {
    expect(percentTenths(2, 3)).toBe(666);
    expect(percentTenths(1, 1)).toBe(1000);
  });
});

describe('the demo budgets', () => {
  it('are valid, and next year’s show every outcome of the budget KPIs', async () => {
    const { demoBudgetLines } = await import('../../scripts/local/demo-budgets');
    const all = demoBudgetLines(2026);
    for (const [name, years] of Object.entries(all)) {
      for (const [offset, lines] of Object.entries(years)) {
        expect(putBudgetSchema.safeParse({ lines, version: 0 }).success, name).toBe(true);
        expect(budgetIssues(2026 + Number(offset), lines), name).toEqual([]);
      }
    }
    const statuses = (name: string) => budgetKpis(all[name]![1] ? budgetTotals(all[name]![1]!) : undefined, 2027).map((kpi) => kpi.status);
    expect(statuses('Bedrijvenpark Kortrijk-Noord vzw')).toEqual(['met', 'met', 'met']);
    expect(statuses('Veurne@Work vzw')).toEqual(['met', 'met', 'not_met']);
    expect(statuses('Bedrijvig Brugge vzw')).toEqual(['not_met', 'not_met', 'met']);
    expect(statuses('BLeie vzw')).toEqual(['unknown', 'unknown', 'unknown']);
  });
});
