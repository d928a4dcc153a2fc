/**
 * Calendar days and months as people in Flanders see them: an instant at 00:30 on 1 January in Brussels belongs
 * to the new year even though it is still 31 December in UTC. Every "today", "this month" and "this year" of the
 * functions comes from here.
 */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day (YYYY-MM-DD) of an instant in Brussels. */
export function brusselsDay(instant: Date | number | string = new Date()): string {
  return dayFormat.format(new Date(instant));
}

/** The month (YYYY-MM) of an instant in Brussels. */
export function brusselsMonth(instant: Date | number | string = new Date()): string {
  return brusselsDay(instant).slice(0, 7);
}
