import { foldForSearch, type Company, type Park } from '../../shared/index';
import type { RegisterRow, RegisterSnapshot } from './register';

/** The register snapshot, indexed the ways a file's rows find their register row, park and zone. */

/** A register row's identity for duplicates: its establishment number, else its enterprise number. */
export const registerKey = (company: Pick<Company, 'enterpriseNumber' | 'establishmentNumber'>) =>
  company.establishmentNumber ? `E:${company.establishmentNumber}` : company.enterpriseNumber ? `O:${company.enterpriseNumber}` : null;

export class Register {
  readonly byId = new Map<string, RegisterRow>();
  readonly byEstablishment = new Map<string, RegisterRow[]>();
  readonly byEnterprise = new Map<string, RegisterRow[]>();
  readonly byKey = new Map<string, RegisterRow[]>();
  readonly parksByName = new Map<string, Park>();
  readonly parksById = new Map<string, Park>();

  constructor(readonly snapshot: RegisterSnapshot) {
    const add = (map: Map<string, RegisterRow[]>, key: string | undefined | null, row: RegisterRow) => {
      if (key) map.set(key, [...(map.get(key) ?? []), row]);
    };
    for (const row of snapshot.rows) {
      this.byId.set(row.company.id, row);
      add(this.byEstablishment, row.company.establishmentNumber, row);
      add(this.byEnterprise, row.company.enterpriseNumber, row);
      add(this.byKey, registerKey(row.company), row);
    }
    for (const park of snapshot.parks) {
      this.parksById.set(park.id, park);
      this.parksByName.set(foldForSearch(park.name), park);
    }
  }

  /** Matched by id, else establishment number, else enterprise number; an enterprise number of several rows is ambiguous. */
  match(id: string | undefined, establishmentNumber: string | undefined, enterpriseNumber: string | undefined): { row?: RegisterRow; code?: string } {
    if (id) return this.byId.has(id) ? { row: this.byId.get(id)! } : { code: 'csv_unknown_id' };
    if (establishmentNumber) return { row: this.byEstablishment.get(establishmentNumber)?.[0] };
    if (enterpriseNumber) {
      const all = this.byEnterprise.get(enterpriseNumber) ?? [];
      const plain = all.filter((row) => !row.company.establishmentNumber);
      if (plain.length === 1) return { row: plain[0] };
      if (plain.length === 0 && all.length === 1) return { row: all[0] };
      if (all.length > 1) return { code: 'csv_ambiguous_match' };
    }
    return {};
  }

  park(value: string): Park | undefined {
    return this.parksById.get(value) ?? this.parksByName.get(foldForSearch(value));
  }
}

/** A zone of the park by name (`1A`), by path (`Plassendale 1 / 1A`) or by id. */
export function findZone(park: Park, value: string): string | undefined {
  const wanted = foldForSearch(value);
  const byId = park.zones.find((zone) => zone.id === value);
  if (byId) return byId.id;
  const path = (zone: Park['zones'][number]) => {
    const parent = zone.parentId ? park.zones.find((candidate) => candidate.id === zone.parentId) : undefined;
    return parent ? `${foldForSearch(parent.name)} / ${foldForSearch(zone.name)}` : foldForSearch(zone.name);
  };
  const byPath = park.zones.find((zone) => path(zone) === wanted.replace(/\s*[/›>]\s*/g, ' / '));
  if (byPath) return byPath.id;
  const byName = park.zones.filter((zone) => foldForSearch(zone.name) === wanted);
  return byName.length === 1 ? byName[0]!.id : undefined;
}

/** How an export names a zone: its name, or `parent / name` when a subzone's name is not unique in the park. */
export function zoneLabel(park: Park, zoneId: string | undefined): string {
  const zone = zoneId ? park.zones.find((candidate) => candidate.id === zoneId) : undefined;
  if (!zone) return '';
  const unique = park.zones.filter((candidate) => foldForSearch(candidate.name) === foldForSearch(zone.name)).length === 1;
  const parent = zone.parentId ? park.zones.find((candidate) => candidate.id === zone.parentId) : undefined;
  return unique || !parent ? zone.name : `${parent.name} / ${zone.name}`;
}
