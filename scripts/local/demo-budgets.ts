import { budgetItem, umbrellaBudgetSummaryItem } from '../../functions/budgets/items';
import { budgetTotals, type BudgetLine } from '../../shared/index';
import type { DemoData } from './demo-data';

/**
 * Demo budgets of a few West-Flemish associations, for this year and next, so the subsidy KPIs show every case:
 * - Kortrijk-Noord: next year meets all three budget conditions (80 % covered, 30 % city, 35 % member fees);
 * - Veurne@Work: next year's member fees cover only 15 % of the costs;
 * - Bedrijvig Brugge: next year leans on the Flemish subsidy (not counted) and the city gives 20 %;
 * - BLeie: only this year's budget, so next year's conditions are unknown;
 * - Waregem-Zuid (and the others): no budget at all.
 * Each budget item comes with the umbrella's copy of its totals, as the rollups consumer would write it.
 */

const euro = (amount: number) => Math.round(amount * 100);
const income = (source: Extract<BudgetLine, { kind: 'income' }>['source'], label: string, amount: number, period?: { from: string; to: string }): BudgetLine => ({
  kind: 'income', source, label, amountCents: euro(amount), ...(period ? { period } : {}),
});
const cost = (category: Extract<BudgetLine, { kind: 'cost' }>['category'], label: string, amount: number, period?: { from: string; to: string }): BudgetLine => ({
  kind: 'cost', category, label, amountCents: euro(amount), ...(period ? { period } : {}),
});

/** Lines per association name and year offset (0: this year, 1: next year). */
export function demoBudgetLines(year: number): Record<string, Record<number, BudgetLine[]>> {
  const next = year + 1;
  return {
    'Bedrijvenpark Kortrijk-Noord vzw': {
      0: [
        cost('park_manager', 'Parkmanager Leiedal (2,5 dag/week)', 52_000),
        cost('activities', 'Noonwalk en nieuwjaarsreceptie', 9_500),
        cost('communication', 'Nieuwsbrief en website', 3_200),
        cost('operations', 'Verzekering en boekhouding', 2_300),
        income('local_government', 'Stad Kortrijk', 20_000),
        income('member_fees', 'Lidgelden', 23_500),
        income('umbrella_subsidy', 'POM West-Vlaanderen', 6_000),
        income('flemish_subsidy', 'Vlaamse subsidie bedrijventerreinmanagement', 15_000),
      ],
      1: [
        cost('park_manager', 'Parkmanager Leiedal, januari–juni', 26_000, { from: `${next}-01-01`, to: `${next}-06-30` }),
        cost('park_manager', 'Parkmanager Leiedal, juli–december', 27_000, { from: `${next}-07-01`, to: `${next}-12-31` }),
        cost('activities', 'Noonwalk, bloedinzameling en infosessies', 10_000),
        cost('communication', 'Nieuwsbrief en bedrijvengids', 4_000),
        cost('operations', 'Verzekering en boekhouding', 3_000),
        income('local_government', 'Stad Kortrijk', 21_000),
        income('member_fees', 'Lidgelden grote bedrijven', 14_000),
        income('member_fees', 'Lidgelden kleine bedrijven', 10_500),
        income('sponsorship', 'Sponsors Noonwalk', 4_500),
        income('umbrella_subsidy', 'POM West-Vlaanderen', 6_000),
        income('flemish_subsidy', 'Vlaamse subsidie bedrijventerreinmanagement', 12_000),
      ],
    },
    'Veurne@Work vzw': {
      0: [
        cost('park_manager', 'Parkmanager WVI (1 dag/week)', 18_000),
        cost('activities', 'Zwerfvuilactie en netwerkmomenten', 4_000),
        income('local_government', 'Stad Veurne', 9_000),
        income('member_fees', 'Lidgelden', 5_000),
        income('flemish_subsidy', 'Vlaamse subsidie bedrijventerreinmanagement', 8_000),
      ],
      1: [
        cost('park_manager', 'Parkmanager WVI (1 dag/week)', 19_000),
        cost('activities', 'Zwerfvuilactie en netwerkmomenten', 5_000),
        cost('communication', 'Website', 1_000),
        income('local_government', 'Stad Veurne', 10_000),
        income('member_fees', 'Lidgelden', 3_750),
        income('sponsorship', 'Sponsors', 5_000),
        income('umbrella_subsidy', 'POM West-Vlaanderen', 2_000),
      ],
    },
    'Bedrijvig Brugge vzw': {
      1: [
        cost('park_manager', 'Parkmanager WVI (2 dagen/week)', 40_000),
        cost('activities', 'Groepsaankoop energie, opleidingen', 8_000),
        cost('other', 'Signalisatie zones Blauwe Toren', 2_000),
        income('local_government', 'Stad Brugge', 10_000),
        income('member_fees', 'Lidgelden', 14_000),
        income('flemish_subsidy', 'Vlaamse subsidie bedrijventerreinmanagement', 24_000),
      ],
    },
    'BLeie vzw': {
      0: [
        cost('park_manager', 'Parkmanager WVI (1,5 dag/week)', 28_000),
        cost('activities', 'Fietscheck en bandenspanningsactie', 3_000),
        income('local_government', 'Gemeente Wevelgem', 9_000),
        income('member_fees', 'Lidgelden', 11_000),
        income('umbrella_subsidy', 'POM West-Vlaanderen', 4_000),
      ],
    },
  };
}

export function demoBudgetItems(data: DemoData, today: string): Record<string, unknown>[] {
  const year = Number(today.slice(0, 4));
  const lines = demoBudgetLines(year);
  const updatedAt = `${today}T08:00:00.000Z`;
  return data.umbrellas.flatMap(({ associations }) =>
    associations.flatMap(({ tenant }) =>
      Object.entries(lines[tenant.name] ?? {}).flatMap(([offset, budgetLines]) => {
        const budget = budgetItem(tenant, { year: year + Number(offset), lines: budgetLines, totals: budgetTotals(budgetLines), version: 1, updatedAt, updatedBy: 'seed' });
        return tenant.umbrellaId ? [budget, umbrellaBudgetSummaryItem({ ...budget, umbrellaId: tenant.umbrellaId })] : [budget];
      }),
    ),
  );
}
