import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  coverageOf,
  MIN_PEERS_FOR_QUARTILES,
  peerStanding,
  type ComparisonRow,
  type PeerFigure,
  type PeerFigurePosition,
  type PeerPosition,
  type Tenant,
} from '../../shared/index';
import { tableName, tenantClient } from '../lib/dynamo';
import { keys } from '../lib/keys';
import { readComparison } from './comparison';
import { brusselsMonth } from './figures';

/** The figures compared, in the order the page shows them; null where a row does not know the figure. */
const FIGURES: readonly { figure: PeerFigure; of: (row: OwnFigures) => number | null }[] = [
  { figure: 'coverage', of: (row) => row.coverage },
  { figure: 'members', of: (row) => row.memberCount },
  { figure: 'membersChange12m', of: (row) => row.membersChange12m },
  { figure: 'activitiesOrganised', of: (row) => row.activitiesOrganised },
  { figure: 'participantsAttended', of: (row) => row.participantsAttended },
  { figure: 'companiesAttended', of: (row) => row.companiesAttended },
];

type OwnFigures = Pick<ComparisonRow, 'coverage' | 'memberCount'> & {
  [K in 'membersChange12m' | 'activitiesOrganised' | 'participantsAttended' | 'companiesAttended']: number | null;
};

/**
 * The association's position among the associations of its umbrella, for `year` (default: this year in Brussels).
 *
 * Reading the umbrella's partition on an association's request is safe here, and read-only: the rows are the
 * umbrella's comparison table (readComparison, one Query), but what leaves this function is the caller's own
 * figures and aggregates over all rows (quartiles and counts, no minimum or maximum) — never another association's
 * name, id or single value, and nothing at all below MIN_PEERS_FOR_QUARTILES associations. In AWS the Query runs
 * under the umbrella's tenant session (`tenantClient(umbrellaId)` inside readComparison), as the umbrella's own
 * reads of an association's grant run under the association's (team/grants.ts): the session is picked by the
 * partition read, the route's access policy decides who may ask.
 */
export async function readPeerPosition(association: Tenant, options: { year?: number; now?: Date } = {}): Promise<PeerPosition> {
  const year = options.year ?? Number(brusselsMonth(options.now ?? new Date()).slice(0, 4));
  if (!association.umbrellaId) {
    return { year, umbrellaName: null, associationCount: 0, minimumPeers: MIN_PEERS_FOR_QUARTILES, tooFewPeers: true, figures: positions(await ownFromTenant(association.id), [], true) };
  }
  const { comparison } = await readComparison(association.umbrellaId, { year, budgets: false, ...(options.now ? { now: options.now } : {}) });
  const ownRow = comparison.items.find((row) => row.associationId === association.id);
  const peers = comparison.items.filter((row) => row.associationId !== association.id);
  // Before the rollups' first copy the umbrella has no row of the association yet: its own tenant item counts.
  const own: OwnFigures = ownRow ?? (await ownFromTenant(association.id));
  const associationCount = peers.length + 1;
  const tooFewPeers = associationCount < MIN_PEERS_FOR_QUARTILES;
  return {
    year: comparison.year,
    umbrellaName: association.umbrellaName ?? null,
    associationCount,
    minimumPeers: MIN_PEERS_FOR_QUARTILES,
    tooFewPeers,
    figures: positions(own, peers, tooFewPeers),
  };
}

/** One position per figure the caller knows; the values compared are the peers' known ones plus the caller's. */
function positions(own: OwnFigures, peers: readonly OwnFigures[], tooFewPeers: boolean): PeerFigurePosition[] {
  const result: PeerFigurePosition[] = [];
  for (const { figure, of } of FIGURES) {
    const value = of(own);
    if (value === null) continue;
    const values = [value, ...peers.map(of).filter((peer): peer is number => peer !== null)];
    const standing = peerStanding(values, value, tooFewPeers ? Number.POSITIVE_INFINITY : MIN_PEERS_FOR_QUARTILES);
    result.push(
      standing.tooFewPeers
        ? { figure, value, count: standing.count, tooFewPeers: true, quartiles: null, quarter: null, allEqual: false }
        : { figure, value, count: standing.count, tooFewPeers: false, quartiles: standing.quartiles, quarter: standing.quarter, allEqual: standing.allEqual },
    );
  }
  return result;
}

/**
 * The caller's own counts from its tenant item (its own partition), for an association without an umbrella row:
 * members and coverage only, as the per-year figures are kept on the umbrella's row alone.
 */
async function ownFromTenant(associationId: string): Promise<OwnFigures> {
  const { Item } = await tenantClient(associationId).send(new GetCommand({ TableName: tableName(), Key: keys.tenant(associationId) }));
  const memberCount = Number(Item?.memberCount ?? 0) || 0;
  const companyCount = Number(Item?.companyCount ?? 0) || 0;
  return { coverage: coverageOf(memberCount, companyCount), memberCount, membersChange12m: null, activitiesOrganised: null, participantsAttended: null, companiesAttended: null };
}
