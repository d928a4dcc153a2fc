import { formatDay } from '#lib/format.ts';

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** "sinds 8 mei 2018", "tot 31 december 2019", "8 mei 2018 – 31 december 2019", or "" for an open period. */
export function period(start: string | undefined, end: string | undefined, t: Translate, locale: string | null | undefined): string {
  const from = start ? formatDay(start, locale) : undefined;
  const until = end ? formatDay(end, locale) : undefined;
  if (from && until) return t('people.period.between', { values: { from, until } });
  if (from) return t('people.period.since', { values: { from } });
  if (until) return t('people.period.until', { values: { until } });
  return '';
}

/** Whether a period (ISO dates, ends included) lies wholly before or after `today`. */
export function when(start: string | undefined, end: string | undefined, today: string): 'past' | 'current' | 'future' {
  if (end !== undefined && end < today) return 'past';
  if (start !== undefined && start > today) return 'future';
  return 'current';
}

/** `mailto:` and `tel:` targets that data cannot turn into anything else. */
export const mailto = (email: string) => `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}`;
export const tel = (phone: string) => `tel:${phone.replace(/[^+0-9]/g, '')}`;
