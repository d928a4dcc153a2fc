import { addMessages, init, locale } from 'svelte-i18n';
import { get } from 'svelte/store';
import { setApiLocale } from '../api';
import { LOCALES, type Locale } from '../contract';
import en from './en.json';
import nl from './nl.json';
import registerEn from './register.en.json';
import registerNl from './register.nl.json';
import peopleEn from './people.en.json';
import peopleNl from './people.nl.json';
import transferEn from './transfer.en.json';
import transferNl from './transfer.nl.json';
import selfserviceEn from './selfservice.en.json';
import selfserviceNl from './selfservice.nl.json';
import activitiesEn from './activities.en.json';
import activitiesNl from './activities.nl.json';
import calendarEn from './calendar.en.json';
import calendarNl from './calendar.nl.json';
import organiseEn from './organise.en.json';
import organiseNl from './organise.nl.json';
import budgetsEn from './budgets.en.json';
import budgetsNl from './budgets.nl.json';
import consultationsEn from './consultations.en.json';
import consultationsNl from './consultations.nl.json';
import comparisonEn from './comparison.en.json';
import comparisonNl from './comparison.nl.json';
import peersEn from './peers.en.json';
import peersNl from './peers.nl.json';
import reportsEn from './reports.en.json';
import reportsNl from './reports.nl.json';

/**
 * Dictionaries come in pairs, one file per language for each feature (a feature adds its own pair below, so
 * parallel work never edits the same file). Both files of a pair must hold the same keys: a key missing in
 * either one fails the type check ("Expected 3 arguments").
 */
type Dictionary = Parameters<typeof addMessages>[1];
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function pair<N, E>(dutch: N, english: E, ..._sameKeys: SameKeys<N, E> extends true ? [] : ['nl and en dictionaries differ']) {
  return { nl: dutch as Dictionary, en: english as Dictionary };
}

const DICTIONARIES = [
  pair(nl, en),
  pair(registerNl, registerEn),
  pair(peopleNl, peopleEn),
  pair(selfserviceNl, selfserviceEn),
  pair(transferNl, transferEn),
  pair(activitiesNl, activitiesEn),
  pair(calendarNl, calendarEn),
  pair(organiseNl, organiseEn),
  pair(budgetsNl, budgetsEn),
  pair(consultationsNl, consultationsEn),
  pair(comparisonNl, comparisonEn),
  pair(peersNl, peersEn),
  pair(reportsNl, reportsEn),
  // feature dictionaries: pair(featureNl, featureEn),
];

export const DEFAULT_LOCALE: Locale = 'nl';
const STORAGE_KEY = 'parkpunt.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage blocked (privacy settings): fall back to the default
  }
}

let started = false;

/** Registers the dictionaries and starts in the stored language, Dutch by default. */
export function setupI18n(): void {
  if (started) return;
  started = true;
  for (const dictionary of DICTIONARIES) {
    addMessages('nl', dictionary.nl);
    addMessages('en', dictionary.en);
  }
  init({ fallbackLocale: DEFAULT_LOCALE, initialLocale: storedLocale() ?? DEFAULT_LOCALE });

  locale.subscribe((value) => {
    const current = isLocale(value) ? value : DEFAULT_LOCALE;
    document.documentElement.lang = current;
    setApiLocale(current);
  });
}

/** Switches the UI language and remembers the choice in this browser. */
export function setLocale(next: Locale): void {
  locale.set(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not persisted; the switch still applies to this visit
  }
}

export function currentLocale(): Locale {
  const value = get(locale);
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export { LOCALES };
export type { Locale };
