/**
 * Numbers, money, months and plain dates as people read them in the UI language: Belgian Dutch (`nl-BE`) or
 * English. The API speaks in fractions (coverage 0–1), cents and ISO dates; these helpers turn them into text and,
 * for the amount inputs, back.
 */
import type { Locale } from './contract';

/** The Intl locale of a UI language. */
export function intlLocale(locale: Locale | string | null | undefined): string {
  return locale === 'en' ? 'en' : 'nl-BE';
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** 0.4071 → "40,7%" (nl-BE) / "40.7%" (en); whole percentages without decimals. */
export function formatPercent(fraction: number, locale: Locale | string | null | undefined, maximumFractionDigits = 1): string {
  return numberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits }).format(fraction);
}

export function formatInteger(value: number, locale: Locale | string | null | undefined): string {
  return numberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** 15000 → "€ 150,00" (nl-BE) / "€150.00" (en). */
export function formatEuro(cents: number, locale: Locale | string | null | undefined): string {
  return numberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Cents as the text of an amount input: 15000 → "150,00" (nl) / "150.00" (en); no grouping, easy to edit. */
export function centsToInput(cents: number | undefined, locale: Locale | string | null | undefined): string {
  if (cents === undefined) return '';
  return numberFormat(intlLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);
}

/**
 * The text of an amount input in cents: "150", "150,5", "150.50", "€ 1.234,56", "1,234.56" and "-20" are all
 * understood (a negative amount is left for the API to refuse with its own message). `null` for an empty input,
 * `'invalid'` for text that is not an amount.
 */
export function parseEuro(text: string): number | null | 'invalid' {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '').replace(/^eur/i, '');
  if (!compact) return null;
  let normalised: string;
  if (/^-?\d+([.,]\d{1,2})?$/.test(compact)) normalised = compact.replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(compact)) normalised = compact.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(compact)) normalised = compact.replace(/,/g, '');
  else return 'invalid';
  const value = Number(normalised);
  if (!Number.isFinite(value)) return 'invalid';
  return Math.round(value * 100);
}

/** 'YYYY-MM' → a Date in the middle of that month (local time, so no time zone moves it to another month). */
function monthDate(month: string): Date {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(year, monthNumber - 1, 15);
}

/** 'YYYY-MM' → "maart 2018" / "March 2018" (`long`), or "mrt 2018" / "Mar 2018" (`short`). */
export function formatMonth(month: string, locale: Locale | string | null | undefined, style: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { month: style, year: 'numeric' }).format(monthDate(month));
}

/** 'YYYY-MM-DD' → "29 maart 2018" / "March 29, 2018", read as a calendar day (not a moment in UTC). */
export function formatDay(day: string, locale: Locale | string | null | undefined): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (!year || !month || !date) return day;
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(year, month - 1, date));
}

/** Today as 'YYYY-MM-DD' in the browser's time zone (the default of a date input). */
export function todayIso(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
