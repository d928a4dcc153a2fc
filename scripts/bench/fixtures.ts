import type { Agent } from 'node:http';
import type { AssociationSummary, Park, Tenant } from '../../shared/index';
import { getJson } from './http';

export type Fixtures = {
  umbrella: Tenant;
  /** The association with the most companies: the heaviest list pages. */
  association: AssociationSummary;
  /** Its park with the most companies, for the park-filtered list. */
  park: Park;
};

/** Finds the bench's subjects through the API itself, so the bench depends on nothing but the seed. */
export async function discoverFixtures(baseUrl: string, agent: Agent): Promise<Fixtures> {
  const { items: umbrellas } = await getJson<{ items: Tenant[] }>(`${baseUrl}/api/umbrellas`, agent);
  if (umbrellas.length === 0) throw new Error('no umbrellas: was the demo data seeded?');
  const associations = (
    await Promise.all(
      umbrellas.map(async (umbrella) => {
        const { items } = await getJson<{ items: AssociationSummary[] }>(`${baseUrl}/api/tenants/${umbrella.id}/associations`, agent);
        return items.map((association) => ({ umbrella, association }));
      }),
    )
  ).flat();
  const biggest = associations.reduce((best, next) => (next.association.companyCount > best.association.companyCount ? next : best));
  const { items: parks } = await getJson<{ items: Park[] }>(`${baseUrl}/api/tenants/${biggest.association.id}/parks`, agent);
  const park = parks.reduce((best, next) => (next.companyCount > best.companyCount ? next : best));
  return { umbrella: biggest.umbrella, association: biggest.association, park };
}
