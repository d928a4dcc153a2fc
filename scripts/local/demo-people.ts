import { ulid } from 'ulidx';
import type { BoardFunction, Company, WorkingGroupTheme } from '../../shared/index';
import { keys } from '../../functions/lib/keys';
import {
  boardMemberItem,
  parkManagerItem,
  workingGroupItem,
  type StoredBoardMember,
  type StoredParkManager,
  type StoredWorkingGroup,
} from '../../functions/people/items';
import { parkManagerSummary } from '../../functions/people/rules';
import { seededRandom, type DemoAssociation, type DemoData } from './demo-data';

/**
 * Demo people of a few associations: boards, park managers and working groups, after the cases in the sources
 * (C-Valley's first board decided on two interim park managers from Interleuven and VOKA, one day a week each;
 * Veurne@Work started four working groups in 2015: mobility, safety, personnel, communication & PR; WVI employs the
 * park manager of several West-Flemish associations). Every person is invented (the demo accounts of
 * demo-accounts.ts appear under their own invented names); e-mail addresses use the reserved `.test` domain and
 * there are no phone numbers. Ids come from their own seeded generator, so the other demo ids stay the same.
 */

type BoardSpec = { name: string; function: BoardFunction; termStart?: string; termEnd?: string; company?: number };
type ManagerSpec = { name: string; organisation: string; daysPerWeek: number; interim?: boolean; from: string; until?: string; email?: string };
type GroupSpec = { name: string; theme: WorkingGroupTheme; description?: string; members: { name: string; company?: number; email?: string }[]; lead?: number };
type PeopleSpec = { board: BoardSpec[]; managers: ManagerSpec[]; groups: GroupSpec[] };

/** `company`: the n-th member company of the association's register (by id order), so names stay plausible. */
export const DEMO_PEOPLE: Record<string, PeopleSpec> = {
  'C-Valley Leuven': {
    board: [
      { name: 'Hilde Vranckx', function: 'chair', termStart: '2018-05-08', company: 0 },
      { name: 'Bart Oosterlynck', function: 'vice_chair', termStart: '2018-05-08', company: 1 },
      { name: 'Sofie Ceulemans', function: 'secretary', termStart: '2018-05-08', company: 2 },
      { name: 'Dirk Vanhaelen', function: 'treasurer', termStart: '2018-05-08', company: 3 },
      { name: 'Annelies Moons', function: 'member', termStart: '2018-05-08', company: 4 },
      { name: 'Tom Heremans', function: 'member', termStart: '2018-05-08', termEnd: '2022-05-07', company: 5 },
      { name: 'Karolien Baets', function: 'member', termStart: '2022-05-08', company: 6 },
    ],
    managers: [
      { name: 'Ine Roosens', organisation: 'Interleuven', daysPerWeek: 1, interim: true, from: '2018-05-08', until: '2019-12-31' },
      { name: 'Pieter Goossens', organisation: 'VOKA Vlaams-Brabant', daysPerWeek: 1, interim: true, from: '2018-05-08', until: '2019-12-31' },
      { name: 'Lotte Lenaerts', organisation: 'Interleuven', daysPerWeek: 3, from: '2020-01-01', email: 'lotte.lenaerts@c-valley.test' },
    ],
    groups: [
      {
        name: 'Mobiliteit', theme: 'mobility', description: 'Fietsroutes naar het station, carpooling en de tweede ontsluitingsweg.',
        members: [{ name: 'Bart Oosterlynck', company: 1 }, { name: 'Koen Peeters', company: 7, email: 'koen.peeters@bedrijf.test' }, { name: 'Nele Wauters', company: 8 }],
        lead: 0,
      },
      {
        name: 'Veiligheid', theme: 'safety', description: 'Cameranetwerk, brandinterventiefiches en de jaarlijkse opleiding brandbestrijding.',
        members: [{ name: 'Dirk Vanhaelen', company: 3 }, { name: 'Yannick Smets', company: 9 }],
        lead: 1,
      },
      {
        name: 'Energie & klimaat', theme: 'energy', description: 'Groepsaankoop energie en het klimaatexperiment van Haasrode.',
        members: [{ name: 'Annelies Moons', company: 4 }, { name: 'Ruben Claes', company: 10 }],
      },
    ],
  },
  'Veurne@Work vzw': {
    board: [
      { name: 'Geert Vandecasteele', function: 'chair', termStart: '2014-11-01', company: 0 },
      { name: 'Ellen Dehaene', function: 'secretary', termStart: '2014-11-01', company: 1 },
      { name: 'Frederik Blondeel', function: 'treasurer', termStart: '2014-11-01', company: 2 },
    ],
    managers: [{ name: 'Wendy Ryckewaert', organisation: 'WVI', daysPerWeek: 1, from: '2015-01-01', email: 'wendy.ryckewaert@wvi.test' }],
    groups: [
      { name: 'Mobiliteit', theme: 'mobility', members: [{ name: 'Ellen Dehaene', company: 1 }, { name: 'Stijn Vermote', company: 3 }], lead: 0 },
      { name: 'Veiligheid', theme: 'safety', members: [{ name: 'Kristof Dumon', company: 4 }], lead: 0 },
      { name: 'Personeel', theme: 'personnel', members: [{ name: 'Lien Debruyne', company: 5 }] },
      { name: 'Communicatie & pr', theme: 'communication', members: [{ name: 'Frederik Blondeel', company: 2 }, { name: 'Joke Verfaillie', company: 6 }], lead: 1 },
    ],
  },
  'Bedrijvig Brugge vzw': {
    board: [{ name: 'Luc Vanneste', function: 'chair', termStart: '2019-03-01', company: 0 }],
    managers: [{ name: 'Jonas Desmet', organisation: 'WVI', daysPerWeek: 2, from: '2021-09-01', email: 'jonas.desmet@wvi.test' }],
    groups: [],
  },
  'BLeie vzw': {
    board: [{ name: 'Marleen Depoorter', function: 'chair', termStart: '2017-06-01', company: 0 }],
    managers: [{ name: 'Jonas Desmet', organisation: 'WVI', daysPerWeek: 1.5, from: '2021-09-01', email: 'jonas.desmet@wvi.test' }],
    groups: [],
  },
  'Bedrijvenpark Kortrijk-Noord vzw': {
    board: [
      { name: 'Filip Deweer', function: 'chair', termStart: '2016-01-01', company: 0 },
      { name: 'Sarah Vandendriessche', function: 'treasurer', termStart: '2016-01-01', company: 1 },
    ],
    managers: [{ name: 'Thomas Lefevere', organisation: 'Leiedal', daysPerWeek: 2.5, from: '2019-02-01', email: 'thomas.lefevere@leiedal.test' }],
    groups: [
      {
        name: 'Mobiliteit', theme: 'mobility', description: 'Bereikbaarheid van het bedrijvenpark met fiets en bus.',
        members: [{ name: 'Emma Claeys', company: 2, email: 'emma.claeys@kortrijk-noord.test' }, { name: 'Ward Vanhoutte', company: 3 }],
        lead: 0,
      },
    ],
  },
  'Platform Grensland Menen-Wervik vzw': {
    board: [{ name: 'Patrick Delanghe', function: 'chair', termStart: '2015-09-01', company: 0 }],
    managers: [],
    groups: [
      {
        name: 'Ruimtelijke beeldvorming', theme: 'other', description: 'Het beeldkwaliteitsplan, samen met de steden Menen en Wervik en WVI.',
        members: [{ name: 'Katrien Vandewalle', company: 1 }, { name: 'Dries Lambrecht', company: 2 }],
        lead: 0,
      },
    ],
  },
};

const CREATED_AT = '2025-01-06T08:00:00.000Z';
const stamps = { version: 1, createdAt: CREATED_AT, updatedAt: CREATED_AT };

export type DemoPeople = {
  associationId: string;
  board: StoredBoardMember[];
  managers: StoredParkManager[];
  groups: StoredWorkingGroup[];
};

function peopleOf(association: DemoAssociation, spec: PeopleSpec, random: () => number, clock: { now: number }): DemoPeople {
  const id = () => ulid((clock.now += 1000), random);
  const members = association.companies.filter((company) => company.membershipStatus === 'member');
  const company = (index: number | undefined): Company | undefined => (index === undefined ? undefined : members[index % members.length]);
  const companyOf = (index: number | undefined) => {
    const found = company(index);
    return found ? { companyId: found.id } : {};
  };
  return {
    associationId: association.tenant.id,
    board: spec.board.map(({ company: index, ...person }) => ({ ...person, ...companyOf(index), id: id(), contactVisibleToMembers: false, ...stamps })),
    managers: spec.managers.map((manager) => ({ ...manager, interim: manager.interim ?? false, id: id(), contactVisibleToMembers: true, ...stamps })),
    groups: spec.groups.map(({ members: people, lead, ...group }) => {
      const groupMembers = people.map(({ company: index, ...person }) => ({ ...person, ...companyOf(index), id: id(), contactVisibleToMembers: false }));
      return { ...group, members: groupMembers, ...(lead === undefined ? {} : { leadMemberId: groupMembers[lead]!.id }), id: id(), ...stamps };
    }),
  };
}

/** The demo people per association, the same on every run. */
export function buildDemoPeople(data: DemoData): DemoPeople[] {
  const random = seededRandom(20180508);
  const clock = { now: Date.parse(CREATED_AT) };
  const associations = new Map(data.umbrellas.flatMap((umbrella) => umbrella.associations.map((association) => [association.tenant.name, association] as const)));
  return Object.entries(DEMO_PEOPLE).map(([name, spec]) => {
    const association = associations.get(name);
    if (!association) throw new Error(`demo people: no association named ${name}`);
    return peopleOf(association, spec, random, clock);
  });
}

/**
 * The seed's writes: the people's items, and per association with park managers the summary on its tenant item
 * (an update, so the tenant's counters stay as they are; skipped where people were already edited in that store).
 */
export function demoPeopleWrites(data: DemoData, today: string) {
  const people = buildDemoPeople(data);
  const items = people.flatMap(({ associationId, board, managers, groups }) => [
    ...board.map((member) => boardMemberItem(associationId, member)),
    ...managers.map((manager) => parkManagerItem(associationId, manager)),
    ...groups.map((group) => workingGroupItem(associationId, group)),
  ]);
  const updates = people
    .filter(({ managers }) => managers.length > 0)
    .map(({ associationId, managers }) => ({
      Key: keys.tenant(associationId),
      UpdateExpression: 'SET parkManager = :summary, parkManagerRev = :one ADD statsVersion :one',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(parkManagerRev)',
      ExpressionAttributeValues: { ':summary': parkManagerSummary(managers, today), ':one': 1 },
    }));
  return { items, updates };
}
