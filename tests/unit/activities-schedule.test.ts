import { describe, expect, it } from 'vitest';
import { brusselsYear, inBrussels, occurrenceSlots } from '../../functions/activities/schedule';

describe('activity schedules in Europe/Brussels', () => {
  it('writes an instant as Brussels wall-clock time with its offset, summer and winter', () => {
    expect(inBrussels('2027-06-03T10:00:00Z')).toBe('2027-06-03T12:00:00+02:00');
    expect(inBrussels('2027-12-02T11:00:00Z')).toBe('2027-12-02T12:00:00+01:00');
  });

  it('credits the Brussels year: New Year’s Eve at 23:30 UTC is already next year in Brussels', () => {
    expect(brusselsYear('2027-12-31T23:30:00Z')).toBe(2028);
  });

  it('generates the Noonwalk: the first Thursday of June to September, noon to half past one', () => {
    const slots = occurrenceSlots('2027-06-03T12:00:00+02:00', '2027-06-03T13:30:00+02:00', { frequency: 'monthly', interval: 1, until: '2027-09-30' });
    expect(slots).toEqual([
      { startsAt: '2027-06-03T12:00:00+02:00', endsAt: '2027-06-03T13:30:00+02:00' },
      { startsAt: '2027-07-01T12:00:00+02:00', endsAt: '2027-07-01T13:30:00+02:00' },
      { startsAt: '2027-08-05T12:00:00+02:00', endsAt: '2027-08-05T13:30:00+02:00' },
      { startsAt: '2027-09-02T12:00:00+02:00', endsAt: '2027-09-02T13:30:00+02:00' },
    ]);
  });

  it('keeps the local time across the switch to winter time on 31 October 2027 (weekly)', () => {
    const slots = occurrenceSlots('2027-10-21T12:00:00+02:00', '2027-10-21T13:00:00+02:00', { frequency: 'weekly', interval: 1, until: '2027-11-04' });
    expect(slots.map((s) => s.startsAt)).toEqual(['2027-10-21T12:00:00+02:00', '2027-10-28T12:00:00+02:00', '2027-11-04T12:00:00+01:00']);
  });

  it('takes the last weekday of the month when the first occurrence is a fifth one', () => {
    const slots = occurrenceSlots('2027-09-30T10:00:00+02:00', '2027-09-30T11:00:00+02:00', { frequency: 'monthly', interval: 1, until: '2027-11-30' });
    expect(slots.map((s) => s.startsAt.slice(0, 10))).toEqual(['2027-09-30', '2027-10-28', '2027-11-25']);
  });

  it('a single activity has one occurrence', () => {
    expect(occurrenceSlots('2027-03-01T09:00:00+01:00', '2027-03-01T17:00:00+01:00')).toHaveLength(1);
  });
});
