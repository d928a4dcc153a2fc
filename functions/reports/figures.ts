import type { ActivityType, ContactMomentType, ReportOccurrence, UmbrellaReport } from '../../shared/index';
import { activityTypeSchema, contactMomentTypeSchema } from '../../shared/index';
import type { CountedOccurrence, ReportRecords } from './store';

/**
 * The yearly report's figures from its records: pure, so the JSON page, the CSV and the XLSX file are the same
 * numbers (files.ts only lays this object out), and each figure keeps the ids of what it was counted from.
 *
 * Definitions (also stated on the page):
 * - contact moments: the umbrella's contact moments dated in the period;
 * - experience exchanges and workshops held: occurrences of the umbrella's own activities of those types that
 *   start in the period (Brussels days) and are not cancelled;
 * - associations supported in their founding: associations that are in formation (their current stage) and had
 *   at least one contact moment with the umbrella in the period — Parkpunt keeps no founding date, so "in
 *   formation now" is the one recorded fact of founding support;
 * - participants: people with a confirmed seat (a whole-company registration is a company, not a person);
 *   attended: checked in as present; companies: distinct companies with a confirmed registration (attended: with
 *   someone present); per activity type, per theme (an activity with two themes counts in both), and in total;
 * - quantities: the outcomes recorded per company on those occurrences, summed per unit.
 */

const EXCHANGE_TYPES: readonly ActivityType[] = ['experience_exchange', 'workshop'];

const confirmed = (occurrence: CountedOccurrence) => occurrence.registrations.filter((registration) => registration.status === 'confirmed');

function participation(occurrences: readonly CountedOccurrence[]) {
  const companies = new Set<string>();
  const companiesAttended = new Set<string>();
  let participants = 0;
  let participantsAttended = 0;
  for (const occurrence of occurrences) {
    for (const registration of confirmed(occurrence)) {
      companies.add(registration.companyId);
      const present = registration.attendance === 'present';
      if (present) companiesAttended.add(registration.companyId);
      if (registration.kind !== 'person') continue;
      participants += 1;
      if (present) participantsAttended += 1;
    }
  }
  return { participants, participantsAttended, companies: companies.size, companiesAttended: companiesAttended.size };
}

function toReportOccurrence(counted: CountedOccurrence): ReportOccurrence {
  return {
    activityId: counted.activity.id,
    occurrenceId: counted.occurrence.id,
    title: counted.activity.title,
    type: counted.activity.activityType,
    startsAt: counted.occurrence.startsAt,
    themes: counted.activity.themes ?? [],
  };
}

const byName = (a: { associationName: string }, b: { associationName: string }) => a.associationName.localeCompare(b.associationName, 'nl');

export function computeReport(umbrellaId: string, period: { from: string; to: string }, records: ReportRecords, now: Date = new Date()): UmbrellaReport {
  const { moments, associations } = records;
  const occurrences = [...records.occurrences].sort(
    (a, b) => Date.parse(a.occurrence.startsAt) - Date.parse(b.occurrence.startsAt) || a.occurrence.id.localeCompare(b.occurrence.id),
  );
  const ids = (list: readonly CountedOccurrence[]) => list.map((counted) => counted.occurrence.id);

  // — contact moments —
  const sortedMoments = [...moments].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const perAssociation = new Map<string, { associationId: string; associationName: string; count: number; momentIds: string[] }>();
  for (const moment of sortedMoments) {
    const entry = perAssociation.get(moment.associationId) ?? { associationId: moment.associationId, associationName: moment.associationName, count: 0, momentIds: [] };
    entry.count += 1;
    entry.momentIds.push(moment.id);
    perAssociation.set(moment.associationId, entry);
  }
  const byType = contactMomentTypeSchema.options.map((type: ContactMomentType) => {
    const momentIds = sortedMoments.filter((moment) => moment.type === type).map((moment) => moment.id);
    return { type, count: momentIds.length, momentIds };
  });

  // — founding support —
  const inFormation = associations.filter((association) => association.stage === 'in_formation');
  const supported = inFormation
    .filter((association) => perAssociation.has(association.id))
    .map((association) => ({ associationId: association.id, associationName: association.name, momentIds: perAssociation.get(association.id)!.momentIds }))
    .sort(byName);

  // — exchanges and workshops —
  const exchanges = occurrences.filter((counted) => EXCHANGE_TYPES.includes(counted.activity.activityType));

  // — participation per type, per theme and in total —
  const participationByType = activityTypeSchema.options.map((type: ActivityType) => {
    const ofType = occurrences.filter((counted) => counted.activity.activityType === type);
    return { type, occurrences: ofType.length, ...participation(ofType), occurrenceIds: ids(ofType) };
  });
  const themes = new Map<string, CountedOccurrence[]>();
  for (const counted of occurrences) {
    const named = counted.activity.themes?.length ? counted.activity.themes : [''];
    for (const theme of new Set(named)) themes.set(theme, [...(themes.get(theme) ?? []), counted]);
  }
  const participationByTheme = [...themes.entries()]
    .map(([theme, list]) => {
      const { participants, participantsAttended } = participation(list);
      return { theme, participants, participantsAttended, occurrenceIds: ids(list) };
    })
    // Themes by name; activities without a theme last.
    .sort((a, b) => (a.theme === '' ? 1 : 0) - (b.theme === '' ? 1 : 0) || a.theme.localeCompare(b.theme, 'nl'));

  // — quantities per unit —
  const units = new Map<string, { quantity: number; companies: Set<string>; occurrenceIds: Set<string> }>();
  for (const counted of occurrences) {
    for (const company of counted.companies) {
      for (const { quantity, unit } of company.quantities) {
        if (quantity === 0) continue;
        const entry = units.get(unit) ?? { quantity: 0, companies: new Set(), occurrenceIds: new Set() };
        entry.quantity += quantity;
        entry.companies.add(company.companyId);
        entry.occurrenceIds.add(counted.occurrence.id);
        units.set(unit, entry);
      }
    }
  }
  const quantities = [...units.entries()]
    // Sums of decimals (320.5 + 0.1 …) rounded to what a person enters, so the page and the files agree.
    .map(([unit, entry]) => ({ unit, quantity: Math.round(entry.quantity * 1000) / 1000, companies: entry.companies.size, occurrenceIds: [...entry.occurrenceIds] }))
    .sort((a, b) => a.unit.localeCompare(b.unit, 'nl'));

  return {
    umbrellaId,
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    empty: sortedMoments.length === 0 && occurrences.length === 0,
    contactMoments: { total: sortedMoments.length, byType, byAssociation: [...perAssociation.values()].sort(byName), momentIds: sortedMoments.map((moment) => moment.id) },
    newsletters: { total: 0, reason: 'not_supported' },
    exchangesAndWorkshops: {
      total: exchanges.length,
      experienceExchanges: exchanges.filter((counted) => counted.activity.activityType === 'experience_exchange').length,
      workshops: exchanges.filter((counted) => counted.activity.activityType === 'workshop').length,
      occurrences: exchanges.map(toReportOccurrence),
    },
    foundingSupport: { total: supported.length, associations: supported },
    participationByType,
    participationTotal: { occurrences: occurrences.length, ...participation(occurrences) },
    participationByTheme,
    quantities,
    occurrences: occurrences.map(toReportOccurrence),
  };
}
