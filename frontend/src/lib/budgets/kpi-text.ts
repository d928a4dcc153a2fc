import type { KpiResult } from './api';
import type { Locale } from '../contract';
import { formatDay, formatEuro, formatPercent } from '../format';

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/**
 * A KPI's reason in words (budgets.kpi.<id>.<reason>), from its code and figures: percentages arrive in tenths
 * (rounded down by the API), amounts in cents, days as YYYY-MM-DD.
 */
export function kpiReason(kpi: KpiResult, t: Translate, locale: Locale): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(kpi.values)) {
    if (typeof value === 'boolean') continue;
    if (name === 'percentTenths') values.percent = formatPercent(Number(value) / 1000, locale, 1);
    else if (name === 'neededPercent') values.needed = formatPercent(Number(value) / 100, locale, 0);
    else if (name.endsWith('Cents')) values[name.replace(/Cents$/, '')] = formatEuro(Number(value), locale);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) values[name] = formatDay(value, locale);
    else values[name] = value;
  }
  let text = t(`budgets.kpi.${kpi.id}.${kpi.reason}`, { values });
  if (kpi.id === 'park_manager' && kpi.values.interim === true) text += ` ${t('budgets.kpi.park_manager.interim')}`;
  if (kpi.id === 'park_manager' && typeof kpi.values.startsOn === 'string') {
    text += ` ${t('budgets.kpi.park_manager.startsOn', { values: { startsOn: formatDay(kpi.values.startsOn, locale) } })}`;
  }
  if (kpi.id === 'budget_covered' && Number(kpi.values.notCountedCents ?? 0) > 0) {
    text += ` ${t('budgets.kpi.budget_covered.notCounted', { values: { notCounted: formatEuro(Number(kpi.values.notCountedCents), locale) } })}`;
  }
  return text;
}
