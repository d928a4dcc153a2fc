import { contactMomentInputSchema, type ContactMomentInput } from '../../shared/index';
import type { Actor } from '../../functions/lib/audit';
import { createContactMoment, todayInBrussels } from '../../functions/consultations/store';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/lib/dynamo';
import { keys } from '../../functions/lib/keys';
import type { DemoData } from './demo-data';

/**
 * Demo contact moments of POM West-Vlaanderen's consultation log (issue #6): a board meeting, a visit and a call
 * with three of its associations, with follow-ups (one overdue, others due later). People are invented; dates are
 * relative to the day of seeding. Written through the consultations store, so `lastContactAt` on the umbrella's
 * summary rows and the follow-up rows are what the API would have written. Ids are fixed: a second run skips them.
 */
export const DEMO_CONTACT_MOMENT_IDS = ['01JZDEM0C0NTACT00000000001', '01JZDEM0C0NTACT00000000002', '01JZDEM0C0NTACT00000000003'] as const;

function plusDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function demoContactMoments(today: string): { id: string; association: string; input: ContactMomentInput }[] {
  return [
    {
      id: DEMO_CONTACT_MOMENT_IDS[0], association: 'Bedrijvenpark Kortrijk-Noord vzw',
      input: contactMomentInputSchema.parse({
        date: plusDays(today, -40), type: 'board_meeting', participants: ['Wout Vermeersch', 'Annelies Verhaeghe', 'Pieter Declercq'],
        notes: 'Raad van bestuur: camerabewaking op de invalswegen en de Noonwalk van volgend jaar besproken.',
        followUps: [
          { text: 'Offerte cameranetwerk doorsturen naar het bestuur', dueOn: plusDays(today, -5) },
          { text: 'Brandweer uitnodigen voor de werkgroep veiligheid', dueOn: plusDays(today, 21) },
        ],
      }),
    },
    {
      id: DEMO_CONTACT_MOMENT_IDS[1], association: 'Bedrijvenpark Waregem-Zuid vzw',
      input: contactMomentInputSchema.parse({
        date: plusDays(today, -12), type: 'visit', participants: ['Wout Vermeersch', 'Lien Vanparys'],
        notes: 'Bezoek aan de parkmanager: ledenwerving loopt, doel 50 % in zicht.',
        followUps: [{ text: 'Cijfers ledenwerving opvragen', dueOn: plusDays(today, 14) }],
      }),
    },
    {
      id: DEMO_CONTACT_MOMENT_IDS[2], association: 'Bedrijven Terreinen Management Roeselare vzw',
      input: contactMomentInputSchema.parse({
        date: plusDays(today, -3), type: 'call', participants: ['Wout Vermeersch'],
        notes: 'Telefoon over de KGA-inzameling in het voorjaar.',
        followUps: [{ text: 'Datum KGA-inzameling bevestigen', dueOn: plusDays(today, 7) }],
      }),
    },
  ];
}

/** Writes the demo moments through the store; returns how many it wrote (a second run: none). */
export async function seedDemoConsultations(data: DemoData, now = new Date()): Promise<number> {
  const umbrella = data.umbrellas.find((u) => u.tenant.name === 'POM West-Vlaanderen');
  if (!umbrella) return 0;
  const actor: Actor = { userId: 'demo-seed', requestId: 'demo-seed', now: now.toISOString(), name: 'Wout Vermeersch' };
  const byName = new Map(umbrella.associations.map((a) => [a.tenant.name, a.tenant]));
  let written = 0;
  for (const plan of demoContactMoments(todayInBrussels(now))) {
    const association = byName.get(plan.association);
    if (!association) continue;
    const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.contactMoment(umbrella.tenant.id, plan.id) }));
    if (Item) continue;
    await createContactMoment(umbrella.tenant.id, association.id, plan.input, actor, { id: plan.id });
    written += 1;
  }
  return written;
}
