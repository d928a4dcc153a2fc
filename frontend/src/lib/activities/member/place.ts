import type { OfferedActivity } from '../api';

/** The lines of a place as people read it: "Host NV", "Straat 1", "3001 Leuven" (empty parts left out). */
export function placeLines(place: OfferedActivity['place']): string[] {
  const street = [place.street, place.houseNumber].filter(Boolean).join(' ');
  const town = [place.postalCode, place.municipality].filter(Boolean).join(' ');
  const lines = place.kind === 'company' ? [place.companyName, street, town] : place.kind === 'address' ? [place.name, street, town] : [];
  return [...lines, place.note].filter((line): line is string => Boolean(line));
}
