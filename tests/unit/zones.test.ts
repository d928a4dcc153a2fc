import { describe, expect, it } from 'vitest';
import { zoneForStreet } from '../../shared/zones';

const zones = [
  { id: 'Z1', name: 'Plassendale 1', streets: ['Vaartblekersstraat', 'Stokerijstraat'] },
  { id: 'Z1A', name: '1A', parentId: 'Z1', streets: ['Stokerijstraat', 'Kalkaartweg'] },
  { id: 'Z1B', name: '1B', parentId: 'Z1', streets: ['Kalkaartweg', 'Zandvoordeschorredijkstraat'] },
  { id: 'Z2', name: 'Plassendale 2', streets: ['Plassendaalsesteenweg', 'Grensstraat'] },
  { id: 'Z3', name: 'Plassendale 3', streets: ['Grensstraat'] },
];

describe('zoneForStreet', () => {
  it('finds the zone whose streets hold the street, ignoring case, accents and spacing', () => {
    expect(zoneForStreet(zones, 'Vaartblekersstraat')).toBe('Z1');
    expect(zoneForStreet(zones, '  PLASSENDAALSESTEENWEG ')).toBe('Z2');
    expect(zoneForStreet(zones, 'Zandvoordeschorredijkstraat')).toBe('Z1B');
  });

  it('prefers the subzone, and the zone for a street its subzones share', () => {
    expect(zoneForStreet(zones, 'Stokerijstraat')).toBe('Z1A');
    expect(zoneForStreet(zones, 'Kalkaartweg')).toBe('Z1');
  });

  it('gives no zone for a street of two zones, an unknown street or none', () => {
    expect(zoneForStreet(zones, 'Grensstraat')).toBeUndefined();
    expect(zoneForStreet(zones, 'Elders')).toBeUndefined();
    expect(zoneForStreet(zones, null)).toBeUndefined();
    expect(zoneForStreet([], 'Vaartblekersstraat')).toBeUndefined();
  });
});
