import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { peerStanding, type ComparisonRow } from '../../shared/index';
import { accessTokenOf, demoAssociationNames, demoTenantId } from './browser';
import { useSeededApp } from './seeded-app';

/**
 * The association's own view of the comparison (issue #6, "done when": an association user sees their quartile
 * position and no other association's name). Emma Claeys (editor of Kortrijk-Noord, one of POM West-Vlaanderen's
 * twelve associations) opens "Positie tussen verenigingen" from her association's page and reads in which quarter
 * her coverage lies — the quarter worked out here from the umbrella's own comparison, as Wout Vermeersch (its admin)
 * sees it — with a box plot per figure, and not one other association's name on the page. Lotte Lenaerts
 * (C-Valley Leuven, the only association of POM Vlaams-Brabant) gets her own figures and why there is no comparison.
 */

const UMBRELLA = 'POM West-Vlaanderen';
const OWN = 'Bedrijvenpark Kortrijk-Noord vzw';
const QUARTER_NL = { bottom: 'onderste', second: 'tweede', third: 'derde', top: 'bovenste' } as const;

const app = useSeededApp();
const personPage = (name: string) => app.personPage(name);

/** The umbrella's comparison once the demo seed's last step has reached it through the stream (rollups). */
async function settledComparison(page: Page): Promise<ComparisonRow[]> {
  const token = await accessTokenOf(page);
  let items: ComparisonRow[] = [];
  await expect
    .poll(
      async () => {
        const answer = await fetch(`${app.url}/api/tenants/${demoTenantId(UMBRELLA)}/comparison`, { headers: { Authorization: `Bearer ${token}` } });
        items = ((await answer.json()) as { items: ComparisonRow[] }).items;
        return items.filter((row) => row.stage === 'in_formation').map((row) => row.name).sort();
      },
      { timeout: 60_000, interval: 500 },
    )
    .toEqual(['Harelbeke-Zuid', 'Oostende Werkt']);
  return items;
}

describe('the association’s position among its umbrella’s associations', () => {
  it('an association editor sees the quarter of her coverage and no other association’s name', async () => {
    const rows = await settledComparison(await personPage('Wout Vermeersch'));
    expect(rows).toHaveLength(12);
    const own = rows.find((row) => row.name === OWN)!;
    const expected = peerStanding(rows.map((row) => row.coverage), own.coverage);
    if (expected.tooFewPeers || expected.quarter === null) throw new Error(`the demo umbrella should place ${OWN}: ${JSON.stringify(expected)}`);

    const emma = await personPage('Emma Claeys');
    await emma.goto(`${app.url}/associations/${demoTenantId(OWN)}`);
    await emma.getByRole('heading', { level: 1, name: OWN }).waitFor();
    await emma.getByRole('link', { name: 'Positie tussen verenigingen' }).click();
    await emma.getByRole('heading', { level: 1, name: `Uw positie tussen de verenigingen van ${UMBRELLA}` }).waitFor();

    // The sentence of the quarter the umbrella's own figures put her in, and the box plot named in words.
    await emma.getByText(`Uw dekkingsgraad ligt in het ${QUARTER_NL[expected.quarter]} kwart.`, { exact: true }).waitFor();
    await emma.getByText(/de 12 verenigingen van POM West-Vlaanderen, u meegerekend/).waitFor();
    const plot = emma.getByRole('img', { name: /^Dekkingsgraad: uw cijfer .*De middelste helft van de verenigingen ligt tussen .* en .*, de mediaan is/ });
    await plot.waitFor();
    expect(await emma.getByText(/^Uw .* ligt in het (onderste|tweede|derde|bovenste) kwart\.$/).count()).toBeGreaterThanOrEqual(2);

    // No other association's name anywhere on the page (text, labels of images, the title).
    const others = demoAssociationNames(UMBRELLA).filter((name) => name !== OWN);
    expect(others).toHaveLength(11);
    const shown = `${await emma.locator('body').innerText()}\n${(await emma.locator('[aria-label]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')))).join('\n')}\n${await emma.title()}`;
    expect(shown).toContain(OWN);
    for (const name of others) expect(shown, name).not.toContain(name);

    // English is one click away.
    await emma.getByRole('button', { name: /^EN/ }).click();
    await emma.getByRole('heading', { level: 1, name: `Your position among the associations of ${UMBRELLA}` }).waitFor();
    await emma.getByText(`Your coverage is in the ${expected.quarter} quarter.`, { exact: true }).waitFor();
  });

  it('an association alone under its umbrella gets its own figures and why there is no comparison', async () => {
    const lotte = await personPage('Lotte Lenaerts');
    await lotte.goto(`${app.url}/associations/${demoTenantId('C-Valley Leuven')}/peers`);
    await lotte.getByRole('heading', { level: 1, name: 'Uw positie tussen de verenigingen van POM Vlaams-Brabant' }).waitFor();
    await lotte.getByText(/Uw vereniging is de enige onder POM Vlaams-Brabant\. Vanaf 5 verenigingen tonen we waar u staat/).waitFor();
    await lotte.getByText(/^Uw cijfer: \d+(,\d)?\s?%$/).first().waitFor();
    expect(await lotte.getByText(/ligt in het .* kwart/).count()).toBe(0);
    expect(await lotte.getByRole('img', { name: /middelste helft/ }).count()).toBe(0);
  });

  it('breaks no content-security rule', () => {
    expect(app.cspViolations()).toEqual([]);
  });
});
