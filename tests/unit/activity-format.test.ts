import { describe, expect, it } from 'vitest';
import { brusselsDay, formatPeriod, fromLocalInput, toLocalInput } from '../../frontend/src/lib/activities/format';

describe('activity times in Europe/Brussels', () => {
  it('turns a datetime-local value into an instant with the offset of that day, and back', () => {
    expect(fromLocalInput('2027-06-03T12:00')).toBe('2027-06-03T12:00:00+02:00');
    expect(fromLocalInput('2027-01-14T09:30')).toBe('2027-01-14T09:30:00+01:00');
    expect(toLocalInput('2027-06-03T10:00:00Z')).toBe('2027-06-03T12:00');
    expect(toLocalInput('2027-01-14T08:30:00Z')).toBe('2027-01-14T09:30');
    expect(fromLocalInput('not a time')).toBeNull();
  });

  it('keeps the wall-clock time around the autumn switch', () => {
    expect(fromLocalInput('2027-10-31T01:30')).toBe('2027-10-31T01:30:00+02:00');
    expect(fromLocalInput('2027-10-31T04:00')).toBe('2027-10-31T04:00:00+01:00');
  });

  it('names the Brussels day, not the UTC one, and shows one day once', () => {
    expect(brusselsDay('2027-06-03T22:30:00Z')).toBe('2027-06-04');
    expect(formatPeriod('2027-06-03T12:00:00+02:00', '2027-06-03T13:30:00+02:00', 'nl')).toBe('donderdag 3 juni 2027, 12:00–13:30');
    expect(formatPeriod('2027-06-03T12:00:00+02:00', '2027-06-04T17:00:00+02:00', 'en')).toMatch(/Friday, June 4, 2027, 17:00$/);
  });
});
