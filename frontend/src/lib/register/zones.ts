/**
 * A park's zones and subzones (Plassendale 1 → 1A, 1B) as the register shows them: in a select, zones in the
 * park's order each followed by its subzones; as a name, "Plassendale 1 › 1A".
 */
import type { Park, Zone } from '../contract';

export type ZoneOption = { id: string; name: string; depth: 0 | 1; label: string };

/** Zones first-level in the park's order, each followed by its subzones; orphans (parent gone) as top level. */
export function zoneOptions(park: Pick<Park, 'zones'> | undefined): ZoneOption[] {
  if (!park) return [];
  const ids = new Set(park.zones.map((zone) => zone.id));
  const tops = park.zones.filter((zone) => !zone.parentId || !ids.has(zone.parentId));
  const options: ZoneOption[] = [];
  for (const top of tops) {
    options.push({ id: top.id, name: top.name, depth: 0, label: top.name });
    for (const sub of park.zones.filter((zone) => zone.parentId === top.id)) {
      options.push({ id: sub.id, name: sub.name, depth: 1, label: `${top.name} › ${sub.name}` });
    }
  }
  return options;
}

/** An option's text in a <select>, where no styling indents: two em spaces and a hook before a subzone. */
export function indentedZoneLabel(option: ZoneOption): string {
  return option.depth === 1 ? `\u2003\u2003↳ ${option.name}` : option.name;
}

export function findZone(parks: readonly Pick<Park, 'zones'>[], zoneId: string | undefined): Zone | undefined {
  if (!zoneId) return undefined;
  for (const park of parks) {
    const zone = park.zones.find((candidate) => candidate.id === zoneId);
    if (zone) return zone;
  }
  return undefined;
}

/** "Plassendale 1 › 1A" for a subzone, the zone's own name otherwise; undefined for an unknown id. */
export function zoneLabel(parks: readonly Pick<Park, 'zones'>[], zoneId: string | undefined): string | undefined {
  for (const park of parks) {
    const option = zoneOptions(park).find((candidate) => candidate.id === zoneId);
    if (option) return option.label;
  }
  return undefined;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The zone a street belongs to according to the park's zone streets: the subzone when one lists it, else the
 * zone; undefined when no zone or more than one at the same level names the street.
 */
export function zoneForStreet(park: Pick<Park, 'zones'> | undefined, street: string): ZoneOption | undefined {
  const wanted = fold(street);
  if (!park || !wanted) return undefined;
  const matches = zoneOptions(park).filter((option) => {
    const zone = park.zones.find((candidate) => candidate.id === option.id);
    return zone?.streets.some((name) => fold(name) === wanted);
  });
  for (const depth of [1, 0] as const) {
    const atDepth = matches.filter((option) => option.depth === depth);
    if (atDepth.length === 1) return atDepth[0];
    if (atDepth.length > 1) return undefined;
  }
  return undefined;
}
