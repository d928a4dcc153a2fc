import { createActivitySchema, type Company, type CreateActivity, type PersonInput, type Tenant } from '../../shared/index';
import type { Actor } from '../../functions/lib/audit';
import { recordOutcome } from '../../functions/activities/attendance';
import { registerOne, type Registrant } from '../../functions/activities/registrations';
import { inBrussels } from '../../functions/activities/schedule';
import { createActivity, loadActivity } from '../../functions/activities/store';
import type { DemoAssociation, DemoData } from './demo-data';

/**
 * Demo activities (issue #5), after the real cases of the sources (POM West-Vlaanderen's yearly report; the
 * Noonwalk of Bedrijvenpark Kortrijk-Noord): a fire-fighting training for two associations that fills up and
 * gets a waitlist, the Noonwalk series, and a hazardous-waste (KGA) collection that companies join as a whole,
 * with kilograms announced. People are invented. Dates are relative to the day of seeding, so they are upcoming.
 *
 * {@link demoActivityPlans} is pure (the unit test checks it); {@link seedDemoActivities} writes the plans through
 * the activities store — the same transactions as the API — so seats, waitlist, company counts and the home
 * associations' credits are exact. Activity ids are fixed: a seed interrupted halfway skips what exists, and a
 * registration written before is found again by its registrant row (nobody twice).
 */

export const DEMO_ACTIVITY_IDS = {
  fireTraining: '01JZDEM0AC7000000000000001',
  noonwalk: '01JZDEM0AC7000000000000002',
  hazardousWaste: '01JZDEM0AC7000000000000003',
} as const;

export type DemoRegistration = { association: string; companyId: string; companyName: string; registrant: Registrant; outcomeKg?: number };
export type DemoActivityPlan = {
  id: string;
  organiser: Tenant;
  input: CreateActivity;
  /** Registrations for the first occurrence, in arrival order (the waitlist follows it). */
  registrations: DemoRegistration[];
};

const FIRST = ['Lies', 'Pieter', 'Sofie', 'Bram', 'Eline', 'Wim', 'Hanne', 'Joris', 'Annelies', 'Stijn', 'Katrien', 'Tom', 'Femke', 'Ruben', 'Nele', 'Dries', 'Lotte', 'Arne'];
const LAST = ['Vanneste', 'Deconinck', 'Verbeke', 'Desmedt', 'Vandenbussche', 'Roose', 'Debaene', 'Verhelst', 'Soete', 'Vanlerberghe', 'Cools', 'Dejonghe'];
const FUNCTIONS = ['preventieadviseur', 'productieleider', 'magazijnier', 'onderhoudstechnieker', 'HR-verantwoordelijke', 'ploegbaas'];

const slug = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The n-th invented person, working at `company`: deterministic, so the same seed names the same people. */
function demoPerson(n: number, company: Pick<Company, 'name'>, extra: Partial<PersonInput> = {}): PersonInput {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[(n * 7) % LAST.length]!;
  return { name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}@${slug(company.name).slice(0, 40)}.test`, function: FUNCTIONS[n % FUNCTIONS.length], language: 'nl', ...extra };
}

/** Brussels wall-clock `HH:MM` on the day `days` after `today` (YYYY-MM-DD), as ISO with its offset. */
function at(today: string, days: number, time: string): string {
  const noonUtc = Date.parse(`${today}T12:00:00Z`) + days * 86_400_000;
  const day = new Date(noonUtc).toISOString().slice(0, 10);
  // The offset of that day at noon (no DST switch happens around midday), applied to the wall-clock time.
  const offset = inBrussels(noonUtc).slice(19);
  return inBrussels(`${day}T${time}:00${offset}`);
}

/** The first Thursday of June in the first year whose June is still ahead of `today`. */
export function nextNoonwalkStart(today: string): string {
  let year = Number(today.slice(0, 4));
  if (today >= `${year}-06-01`) year += 1;
  const weekday = new Date(`${year}-06-01T12:00:00Z`).getUTCDay();
  const day = 1 + ((4 - weekday + 7) % 7);
  return `${year}-06-${String(day).padStart(2, '0')}`;
}

function association(data: DemoData, name: string): DemoAssociation {
  const found = data.umbrellas.flatMap((u) => u.associations).find((a) => a.tenant.name === name);
  if (!found) throw new Error(`demo activities: no association named ${name}`);
  return found;
}
const members = (a: DemoAssociation) => a.companies.filter((company) => company.membershipStatus === 'member');

export function demoActivityPlans(data: DemoData, today: string): DemoActivityPlan[] {
  const pom = data.umbrellas.find((u) => u.tenant.name === 'POM West-Vlaanderen')!.tenant;
  const kortrijk = association(data, 'Bedrijvenpark Kortrijk-Noord vzw');
  const waregem = association(data, 'Bedrijvenpark Waregem-Zuid vzw');
  const roeselare = association(data, 'Bedrijven Terreinen Management Roeselare vzw');
  let n = 0;
  const people = (home: DemoAssociation, company: Company, count: number, extra: (i: number) => Partial<PersonInput> = () => ({})): DemoRegistration[] =>
    Array.from({ length: count }, (_, i) => ({
      association: home.tenant.name, companyId: company.id, companyName: company.name,
      registrant: { kind: 'person' as const, person: demoPerson(n++, company, extra(i)) },
    }));

  // Basisopleiding brandbestrijding with WOBRA: 12 seats for two associations; 15 people ask, 3 wait.
  const [k1, k2, k3] = members(kortrijk);
  const [w1, w2] = members(waregem);
  const fireTraining: DemoActivityPlan = {
    id: DEMO_ACTIVITY_IDS.fireTraining,
    organiser: pom,
    input: createActivitySchema.parse({
      type: 'training',
      title: 'Basisopleiding brandbestrijding',
      description: 'Theorie en praktijk met WOBRA: brandklassen, blusmiddelen en zelf een beginnende brand blussen. Wie slaagt, krijgt een attest.',
      themes: ['veiligheid', 'brandpreventie'],
      place: { kind: 'address', name: 'WOBRA oefenterrein', street: 'Oude Ieperseweg', houseNumber: '1', postalCode: '8500', municipality: 'Kortrijk' },
      audience: { kind: 'associations', associationIds: [kortrijk.tenant.id, waregem.tenant.id] },
      startsAt: at(today, 24, '08:30'),
      endsAt: at(today, 24, '16:30'),
      capacity: 12,
      perCompanyLimit: 4,
      registrationClosesHoursBefore: 48,
    }),
    registrations: [
      ...people(kortrijk, k1!, 4, (i) => (i === 1 ? { notes: 'vegetarisch' } : {})),
      ...people(waregem, w1!, 3, (i) => (i === 2 ? { language: 'en' } : {})),
      ...people(kortrijk, k2!, 2),
      ...people(waregem, w2!, 3, (i) => (i === 0 ? { notes: 'rolstoelgebruiker: graag toegang zonder trappen' } : {})),
      ...people(kortrijk, k3!, 3), // the last three go to the waitlist, in this order
    ],
  };

  // The Noonwalk: the first Thursday of June to September, at a host company on the park, for the park's own members.
  const host = members(kortrijk)[5]!;
  const walkStart = nextNoonwalkStart(today);
  const noonwalk: DemoActivityPlan = {
    id: DEMO_ACTIVITY_IDS.noonwalk,
    organiser: kortrijk.tenant,
    input: createActivitySchema.parse({
      type: 'social_action',
      title: 'Noonwalk Kortrijk-Noord',
      description: 'Te voet of met de fiets over het bedrijvenpark naar een gastbedrijf, met een gezonde lunch en een rondleiding.',
      themes: ['gezondheid', 'mobiliteit'],
      place: { kind: 'company', associationId: kortrijk.tenant.id, companyId: host.id, note: 'Verzamelen aan het onthaal' },
      audience: { kind: 'own_members' },
      startsAt: inBrussels(`${walkStart}T12:00:00+02:00`),
      endsAt: inBrussels(`${walkStart}T13:30:00+02:00`),
      capacity: 80,
      repeat: { frequency: 'monthly', until: `${walkStart.slice(0, 4)}-09-30` },
    }),
    registrations: [...people(kortrijk, members(kortrijk)[6]!, 3), ...people(kortrijk, members(kortrijk)[7]!, 2), ...people(kortrijk, k1!, 1)],
  };

  // Klein Gevaarlijk Afval (KGA), collected twice a year for the umbrella's companies: companies join as a whole.
  const wholeCompany = (home: DemoAssociation, company: Company, kg: number): DemoRegistration => ({
    association: home.tenant.name, companyId: company.id, companyName: company.name, outcomeKg: kg,
    registrant: { kind: 'company', person: demoPerson(n++, company, { function: 'milieucoördinator' }) },
  });
  const hazardousWaste: DemoActivityPlan = {
    id: DEMO_ACTIVITY_IDS.hazardousWaste,
    organiser: pom,
    input: createActivitySchema.parse({
      type: 'collective_action',
      title: 'Collectieve inzameling klein gevaarlijk afval (KGA)',
      description: 'Olieresten, chemicaliën, lege verfpotten, spuitbussen … aan een voordelig groepstarief. Meld vooraf de verwachte hoeveelheid.',
      themes: ['afval', 'milieu'],
      place: { kind: 'address', name: 'Verzamelpunt KGA', street: 'Noordlaan', postalCode: '8500', municipality: 'Kortrijk' },
      audience: { kind: 'umbrella' },
      startsAt: at(today, 17, '08:00'),
      endsAt: at(today, 17, '12:00'),
      capacity: null,
      registrationClosesHoursBefore: 72,
    }),
    registrations: [
      wholeCompany(kortrijk, members(kortrijk)[8]!, 120),
      wholeCompany(kortrijk, members(kortrijk)[9]!, 45),
      wholeCompany(waregem, members(waregem)[3]!, 80),
      wholeCompany(roeselare, members(roeselare)[0]!, 230),
      wholeCompany(roeselare, members(roeselare)[1]!, 15),
    ],
  };
  return [fireTraining, noonwalk, hazardousWaste];
}

/** Writes the plans through the activities store; returns how many registrations it wrote (or found). */
export async function seedDemoActivities(data: DemoData, now = new Date()): Promise<number> {
  const actor: Actor = { userId: 'demo-seed', requestId: 'demo-seed', now: now.toISOString(), name: 'Demo' };
  const homes = new Map(data.umbrellas.flatMap((u) => u.associations).map((a) => [a.tenant.name, a.tenant]));
  let written = 0;
  for (const plan of demoActivityPlans(data, inBrussels(now).slice(0, 10))) {
    if (!(await loadActivity(plan.organiser.id, plan.id))) await createActivity(plan.organiser, plan.input, actor, { id: plan.id });
    const { activity, occurrences } = (await loadActivity(plan.organiser.id, plan.id))!;
    const first = occurrences.sort((a, b) => a.startsAtUtc.localeCompare(b.startsAtUtc))[0]!;
    for (const registration of plan.registrations) {
      await registerOne({
        activity, occurrenceId: first.id, home: homes.get(registration.association)!,
        company: { id: registration.companyId, name: registration.companyName }, registrant: registration.registrant, actor,
      });
      written += 1;
      if (registration.outcomeKg !== undefined) {
        await recordOutcome(plan.organiser.id, plan.id, first.id, registration.companyId, { quantities: [{ quantity: registration.outcomeKg, unit: 'kg' }], version: 0 }, actor).catch((error: unknown) => {
          // A second seed run finds the outcome recorded already (version 1): keep it.
          if ((error as { statusCode?: number }).statusCode !== 409) throw error;
        });
      }
    }
  }
  return written;
}
