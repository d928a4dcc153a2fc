import type { Zone } from './schemas/organisations';
import { foldForSearch } from './text';

/**
 * The zone an address on the park lies in, from the streets each zone lists (case, accents and spacing do not
 * matter). The most specific zone wins: a street listed by subzone 1A is in 1A, even if zone 1 lists it too; a
 * street shared by subzones 1A and 1B is in zone 1. A street listed by two different zones is ambiguous, and
 * ambiguity gives no zone: the association chooses, rather than an import guessing.
 */
export function zoneForStreet(zones: readonly Zone[], street: string | null | undefined): string | undefined {
  if (!street) return undefined;
  const wanted = foldForSearch(street);
  const matches = zones.filter((zone) => zone.streets.some((s) => foldForSearch(s) === wanted));
  if (matches.length === 0) return undefined;
  const topOf = (zone: Zone) => zone.parentId ?? zone.id;
  const tops = new Set(matches.map(topOf));
  if (tops.size !== 1) return undefined;
  const subzones = matches.filter((zone) => zone.parentId);
  if (subzones.length === 1) return subzones[0]!.id;
  return [...tops][0];
}
