import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-accounts';
import { buildDemoData } from '../../scripts/local/demo-data';

const associations = buildDemoData().umbrellas.flatMap((umbrella) => umbrella.associations);

describe('the demo company contacts', () => {
  it('are each linked to a member company of their own association', () => {
    const links = DEMO_ACCOUNTS.flatMap((account) =>
      account.memberships.filter((membership) => membership.role === 'company_contact').map((membership) => ({ account, membership })),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const { account, membership } of links) {
      const association = associations.find((candidate) => candidate.tenant.name === membership.tenantName)!;
      const company = membership.company?.(association.companies);
      expect(company, account.email).toBeDefined();
      expect(association.companies).toContain(company);
      expect(company!.membershipStatus, account.email).toBe('member');
    }
  });

  it('link Koen Peeters to the same C-Valley company on every run', () => {
    const koen = DEMO_ACCOUNTS.find((account) => account.email === 'koen.peeters@bedrijf.test')!;
    const pick = () => koen.memberships[0]!.company!(associations.find((a) => a.tenant.name === 'C-Valley Leuven')!.companies)!.id;
    expect(pick()).toBe(pick());
    expect(buildDemoData().umbrellas.flatMap((u) => u.associations).flatMap((a) => a.companies).some((c) => c.id === pick())).toBe(true);
  });
});
