import type { Park, UpdateParkInput } from '#lib/contract.ts';

/**
 * The park form's values. Streets are edited as text, one street per line. Zones are one flat list in the order
 * they are sent (so that the API's `zones.N.…` field paths point at `zones[N]`); a subzone names its zone through
 * `parentId`, which is always a saved zone's id (the API knows no other). `key` identifies a row in the form:
 * the zone's id once saved, a local key before.
 */
export type ZoneDraft = { key: string; id?: string; parentId?: string; name: string; streets: string };
export type ParkFormValues = { name: string; municipality: string; postalCode: string; streets: string; zones: ZoneDraft[] };

/** Field messages of the form: the park's own fields, and per zone row (by key) its name and streets. */
export type ParkField = 'name' | 'municipality' | 'postalCode' | 'streets' | 'zones';
export type ZoneField = 'name' | 'streets';
export type ParkFormErrors = {
  park: Partial<Record<ParkField, string>>;
  zones: Record<string, Partial<Record<ZoneField, string>>>;
  /** Messages that point at nothing in the form. */
  other: string[];
};

export const PARK_FIELDS: readonly ParkField[] = ['name', 'municipality', 'postalCode', 'streets', 'zones'];

let newKeys = 0;
export function newZoneKey(): string {
  newKeys += 1;
  return `new-${newKeys}`;
}

export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function valuesFrom(park: Park): ParkFormValues {
  return {
    name: park.name,
    municipality: park.municipality,
    postalCode: park.postalCode,
    streets: park.streets.join('\n'),
    zones: park.zones.map((zone) => ({
      key: zone.id,
      id: zone.id,
      ...(zone.parentId ? { parentId: zone.parentId } : {}),
      name: zone.name,
      streets: zone.streets.join('\n'),
    })),
  };
}

export function toInput(values: ParkFormValues, version: number): UpdateParkInput {
  return {
    name: values.name.trim(),
    municipality: values.municipality.trim(),
    postalCode: values.postalCode.trim(),
    streets: linesOf(values.streets),
    zones: values.zones.map((zone) => ({
      ...(zone.id ? { id: zone.id } : {}),
      ...(zone.parentId ? { parentId: zone.parentId } : {}),
      name: zone.name.trim(),
      streets: linesOf(zone.streets),
    })),
    version,
  };
}

/**
 * Sorts the API's field messages (paths without `body.`) into the form: `zones.N.name` and `zones.N.parentId`
 * at the name of the Nth zone row, `zones.N.streets.M` at its streets, `streets.M` at the park's streets.
 */
export function errorsFrom(fieldPaths: Readonly<Record<string, string>>, zones: readonly ZoneDraft[]): ParkFormErrors {
  const errors: ParkFormErrors = { park: {}, zones: {}, other: [] };
  for (const [path, message] of Object.entries(fieldPaths)) {
    const [head, index, field] = path.split('.');
    if (head === 'zones' && index !== undefined && /^\d+$/.test(index)) {
      const zone = zones[Number(index)];
      if (!zone) {
        errors.other.push(message);
        continue;
      }
      const target: ZoneField = field === 'streets' ? 'streets' : 'name';
      const row = (errors.zones[zone.key] ??= {});
      row[target] ??= message;
    } else if (head && (PARK_FIELDS as readonly string[]).includes(head)) {
      errors.park[head as ParkField] ??= message;
    } else {
      errors.other.push(message);
    }
  }
  return errors;
}

export const parkFieldId = (field: ParkField) => `park-${field}`;
export const zoneFieldId = (key: string, field: ZoneField) => `zone-${key}-${field}`;
