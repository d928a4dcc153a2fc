import { isUlid } from '../../shared/ids';

/**
 * The only place that builds DynamoDB keys. Every tenant-owned key starts with `T#<tenantId>` (table and index
 * partitions alike) so that IAM `dynamodb:LeadingKeys` conditions can scope a request to one tenant.
 */
export type Key = { pk: string; sk: string };

function assertId(id: string, what: string): string {
  if (!isUlid(id)) throw new TypeError(`${what} is not a ULID: ${JSON.stringify(id)}`);
  return id;
}

/** Identity-provider subjects (Cognito: a UUID; locally: a ULID). Nothing else may enter a key. */
export const USER_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

function assertUserId(userId: string): string {
  if (!USER_ID_PATTERN.test(userId)) throw new TypeError(`userId has an unexpected shape: ${JSON.stringify(userId)}`);
  return userId;
}

/** Registrant keys: `E` + 43 base64url characters (a SHA-256 of the normalised e-mail) or `C` + a company ULID. */
function assertRegistrantKey(key: string): string {
  if (!/^(E[A-Za-z0-9_-]{43}|C[0-9A-HJKMNP-TV-Z]{26})$/.test(key)) throw new TypeError(`registrant key has an unexpected shape: ${JSON.stringify(key)}`);
  return key;
}

function assertYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw new TypeError(`year out of range: ${year}`);
  return year;
}

/** UTC instants as `toISOString()` writes them, so index sort keys order by time. */
function assertInstant(instant: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(instant)) throw new TypeError(`not a UTC instant: ${JSON.stringify(instant)}`);
  return instant;
}

/** Calendar days as `YYYY-MM-DD`, so index sort keys order by date. */
function assertDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new TypeError(`not a day: ${JSON.stringify(day)}`);
  return day;
}

export const userPartition = (userId: string) => `U#${assertUserId(userId)}`;

export const tenantPartition = (tenantId: string) => `T#${assertId(tenantId, 'tenantId')}`;

export const keys = {
  tenant: (tenantId: string): Key => ({ pk: tenantPartition(tenantId), sk: 'TENANT' }),
  /** Listing of tenants by kind, for the platform's directory. */
  tenantDirectory: (kind: string, name: string, tenantId: string) => ({
    gsi1pk: `TENANTS#${kind}`,
    gsi1sk: `${name}#${assertId(tenantId, 'tenantId')}`,
  }),
  tenantDirectoryPartition: (kind: string) => `TENANTS#${kind}`,

  /** An umbrella keeps a summary row per association in its own partition (no cross-tenant reads). */
  umbrellaAssociation: (umbrellaId: string, associationId: string): Key => ({
    pk: tenantPartition(umbrellaId),
    sk: `ASSOC#${assertId(associationId, 'associationId')}`,
  }),
  umbrellaAssociationPrefix: 'ASSOC#',
  /**
   * Comparison table (issue #6): which year an association's occurrence is counted in, in the umbrella's partition
   * (the rollups consumer's replay guard for "activities organised"); outside `ASSOC#`, so the table's Query
   * never reads it.
   */
  umbrellaOccurrenceTally: (umbrellaId: string, occurrenceId: string): Key => ({
    pk: tenantPartition(umbrellaId),
    sk: `TALLY#OCC#${assertId(occurrenceId, 'occurrenceId')}`,
  }),

  park: (tenantId: string, parkId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `PARK#${assertId(parkId, 'parkId')}`,
  }),
  parkPrefix: 'PARK#',

  company: (tenantId: string, companyId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `COMPANY#${assertId(companyId, 'companyId')}`,
  }),
  /** gsi1: companies of one park by folded name; gsi2: all companies of the tenant by folded name. */
  companyIndexes: (tenantId: string, parkId: string, sortName: string, companyId: string) => ({
    gsi1pk: keys.companiesOfPark(tenantId, parkId),
    gsi1sk: `${sortName}#${companyId}`,
    gsi2pk: keys.companiesOfTenant(tenantId),
    gsi2sk: `${sortName}#${companyId}`,
  }),
  companiesOfPark: (tenantId: string, parkId: string) => `${tenantPartition(tenantId)}#PARK#${assertId(parkId, 'parkId')}#COMPANY`,
  companiesOfTenant: (tenantId: string) => `${tenantPartition(tenantId)}#COMPANY`,

  /** The register's history (companies added, removed, status changes): coverage over time is replayed from it. */
  registerEvent: (tenantId: string, eventId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `HISTORY#${assertId(eventId, 'eventId')}`,
  }),
  registerEventPrefix: 'HISTORY#',
  /** gsi1: one company's history, oldest first. */
  companyHistory: (tenantId: string, companyId: string) => `${tenantPartition(tenantId)}#COMPANY#${assertId(companyId, 'companyId')}#HISTORY`,
  dues: (tenantId: string, companyId: string, year: number): Key => ({
    pk: tenantPartition(tenantId),
    sk: `DUES#${year}#${assertId(companyId, 'companyId')}`,
  }),
  duesPrefix: (year: number) => `DUES#${year}#`,
  goals: (tenantId: string): Key => ({ pk: tenantPartition(tenantId), sk: 'GOALS' }),

  idempotency: (tenantId: string, scope: string, idempotencyKey: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `IDEMPOTENCY#${scope}#${idempotencyKey}`,
  }),

  /** A person's membership, twice: in the tenant (for its team list) and in the person's own partition (for /me). */
  tenantMember: (tenantId: string, userId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `MEMBER#${assertUserId(userId)}`,
  }),
  tenantMemberPrefix: 'MEMBER#',
  userMembership: (userId: string, tenantId: string): Key => ({
    pk: userPartition(userId),
    sk: `MEMBERSHIP#${assertId(tenantId, 'tenantId')}`,
  }),
  userMembershipPrefix: 'MEMBERSHIP#',
  userProfile: (userId: string): Key => ({ pk: userPartition(userId), sk: 'PROFILE' }),
  userPlatformRole: (userId: string): Key => ({ pk: userPartition(userId), sk: 'PLATFORM_ADMIN' }),

  invitation: (tenantId: string, invitationId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `INVITATION#${assertId(invitationId, 'invitationId')}`,
  }),
  invitationPrefix: 'INVITATION#',

  /** A grant lives in the association's partition; the umbrella's copy (for its own overview) in the umbrella's. */
  grant: (associationId: string, scope: string): Key => ({ pk: tenantPartition(associationId), sk: `GRANT#${scope}` }),
  grantPrefix: 'GRANT#',
  umbrellaGrant: (umbrellaId: string, associationId: string, scope: string): Key => ({
    pk: tenantPartition(umbrellaId),
    sk: `GRANT#${assertId(associationId, 'associationId')}#${scope}`,
  }),

  /** Audit rows sort by time within the tenant (ULIDs start with their timestamp). */
  auditEntry: (tenantId: string, entryId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `AUDIT#${assertId(entryId, 'entryId')}`,
  }),
  auditPrefix: 'AUDIT#',

  // — the register (functions/companies): companies by membership status, counters per zone —
  /** gsi3: the tenant's companies of one membership status by folded name (the list's status filter). */
  companyStatusIndex: (tenantId: string, status: string, sortName: string, companyId: string) => ({
    gsi3pk: keys.companiesByStatus(tenantId, status),
    gsi3sk: `${sortName}#${assertId(companyId, 'companyId')}`,
  }),
  companiesByStatus: (tenantId: string, status: string) => {
    if (!/^[a-z_]{1,20}$/.test(status)) throw new TypeError(`status has an unexpected shape: ${JSON.stringify(status)}`);
    return `${tenantPartition(tenantId)}#STATUS#${status}#COMPANY`;
  },
  /** Companies and members of one zone (or subzone) of a park; created by the first company write that counts there. */
  zoneStats: (tenantId: string, parkId: string, zoneId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `ZONESTATS#${assertId(parkId, 'parkId')}#${assertId(zoneId, 'zoneId')}`,
  }),
  zoneStatsPrefix: 'ZONESTATS#',
  zoneStatsOfParkPrefix: (parkId: string) => `ZONESTATS#${assertId(parkId, 'parkId')}#`,

  // — people of the association (functions/people): board members, park managers and working groups share the
  // `PEOPLE#` prefix, so the whole organisation chart is one Query; the board's lock row (outside that prefix)
  // serialises board changes so that the "one chair at a time" rule holds under concurrent edits.
  boardMember: (tenantId: string, boardMemberId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `PEOPLE#BOARD#${assertId(boardMemberId, 'boardMemberId')}`,
  }),
  parkManager: (tenantId: string, parkManagerId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `PEOPLE#MANAGER#${assertId(parkManagerId, 'parkManagerId')}`,
  }),
  workingGroup: (tenantId: string, workingGroupId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `PEOPLE#GROUP#${assertId(workingGroupId, 'workingGroupId')}`,
  }),
  peoplePrefix: 'PEOPLE#',
  boardLock: (tenantId: string): Key => ({ pk: tenantPartition(tenantId), sk: 'LOCK#PEOPLE#BOARD' }),

  // — activities (functions/activities): everything of an activity lives in its organiser's partition; what a
  //   participation is credited with lives in the participant's home association and that association's umbrella —
  activity: (organiserId: string, activityId: string): Key => ({
    pk: tenantPartition(organiserId),
    sk: `ACTIVITY#${assertId(activityId, 'activityId')}`,
  }),
  /** An activity's own row and its occurrences' rows (`ACTIVITY#<id>#OCC#<id>`): one Query reads them all. */
  activityWithOccurrencesPrefix: (activityId: string) => `ACTIVITY#${assertId(activityId, 'activityId')}`,
  /** gsi1: the organiser's activities by the first occurrence's start (UTC). */
  activityIndex: (organiserId: string, firstStartUtc: string, activityId: string) => ({
    gsi1pk: keys.activitiesOfOrganiser(organiserId),
    gsi1sk: `${assertInstant(firstStartUtc)}#${assertId(activityId, 'activityId')}`,
  }),
  activitiesOfOrganiser: (organiserId: string) => `${tenantPartition(organiserId)}#ACTIVITIES`,
  occurrence: (organiserId: string, activityId: string, occurrenceId: string): Key => ({
    pk: tenantPartition(organiserId),
    sk: `ACTIVITY#${assertId(activityId, 'activityId')}#OCC#${assertId(occurrenceId, 'occurrenceId')}`,
  }),
  /** Rows of one occurrence, by kind: registrations (by arrival), registrant guards, waitlist (by arrival), companies. */
  registration: (organiserId: string, occurrenceId: string, registrationId: string): Key => ({
    pk: tenantPartition(organiserId),
    sk: `OCC#${assertId(occurrenceId, 'occurrenceId')}#REG#${assertId(registrationId, 'registrationId')}`,
  }),
  registrationPrefix: (occurrenceId: string) => `OCC#${assertId(occurrenceId, 'occurrenceId')}#REG#`,
  /** One row per person (hashed, normalised e-mail: `E…`) or whole company (`C<companyId>`): nobody registers twice. */
  registrant: (organiserId: string, occurrenceId: string, registrantKey: string): Key => ({
    pk: tenantPartition(organiserId),
    sk: `OCC#${assertId(occurrenceId, 'occurrenceId')}#WHO#${assertRegistrantKey(registrantKey)}`,
  }),
  waitlistEntry: (organiserId: string, occurrenceId: string, registrationId: string): Key => ({
    pk: tenantPartition(organiserId),
    sk: `OCC#${assertId(occurrenceId, 'occurrenceId')}#WAIT#${assertId(registrationId, 'registrationId')}`,
  }),
  waitlistPrefix: (occurrenceId: string) => `OCC#${assertId(occurrenceId, 'occurrenceId')}#WAIT#`,
  occurrenceCompany: (organiserId: string, occurrenceId: string, companyId: string): Key => ({
    pk: tenantPartition(organiserId),
    sk: `OCC#${assertId(occurrenceId, 'occurrenceId')}#COMPANY#${assertId(companyId, 'companyId')}`,
  }),
  occurrenceCompanyPrefix: (occurrenceId: string) => `OCC#${assertId(occurrenceId, 'occurrenceId')}#COMPANY#`,
  /** Participation credited to a home association or an umbrella in one year, and per company (distinct companies). */
  participationYear: (tenantId: string, year: number): Key => ({ pk: tenantPartition(tenantId), sk: `CREDIT#${assertYear(year)}` }),
  participationCompany: (tenantId: string, year: number, companyId: string): Key => ({
    pk: tenantPartition(tenantId),
    sk: `CREDIT#${assertYear(year)}#COMPANY#${assertId(companyId, 'companyId')}`,
  }),
  /** The home association's copy of a registration of one of its companies (its “my registrations”). */
  participation: (homeId: string, registrationId: string): Key => ({
    pk: tenantPartition(homeId),
    sk: `PARTICIPATION#${assertId(registrationId, 'registrationId')}`,
  }),
  /** gsi1: one company's participations, by arrival. */
  participationsOfCompany: (homeId: string, companyId: string) => `${tenantPartition(homeId)}#COMPANY#${assertId(companyId, 'companyId')}#PARTICIPATION`,

  // — activities: members' calendar, my registrations, calendar feeds (functions/calendar) —
  /**
   * An association's copy of one occurrence it may attend (written by the calendar stream consumer): the
   * members' calendar reads the association's own partition only. gsi1: the association's calendar by start.
   */
  calendarEntry: (associationId: string, occurrenceId: string): Key => ({
    pk: tenantPartition(associationId),
    sk: `CALENDAR#${assertId(occurrenceId, 'occurrenceId')}`,
  }),
  calendarIndex: (associationId: string, startsAtUtc: string, occurrenceId: string) => ({
    gsi1pk: keys.calendarOfAssociation(associationId),
    gsi1sk: `${assertInstant(startsAtUtc)}#${assertId(occurrenceId, 'occurrenceId')}`,
  }),
  calendarOfAssociation: (associationId: string) => `${tenantPartition(associationId)}#CALENDAR`,
  /** Marks that an association's team was invited to an activity: put once, before the mails leave. */
  activityInvitation: (associationId: string, activityId: string): Key => ({
    pk: tenantPartition(associationId),
    sk: `INVITED#${assertId(activityId, 'activityId')}`,
  }),
  /** gsi2 of the home association's participation copies: all of its companies' registrations, by arrival. */
  participationsOfAssociation: (homeId: string) => `${tenantPartition(homeId)}#PARTICIPATIONS`,
  /**
   * A subscribable calendar feed lives in its owner's person partition (`U#<sub>`), not in a tenant's: calendar
   * apps fetch it without a bearer token, so the public route must find it from the URL alone, with the
   * function's own credentials (which reach `U#…` but no `T#…`). The token names the person, the tenant and the
   * feed; the item keeps only a SHA-256 of the token's secret part.
   */
  calendarFeed: (userId: string, tenantId: string, feedId: string): Key => ({
    pk: userPartition(userId),
    sk: `CALFEED#${assertId(tenantId, 'tenantId')}#${assertId(feedId, 'feedId')}`,
  }),
  calendarFeedsOfTenantPrefix: (tenantId: string) => `CALFEED#${assertId(tenantId, 'tenantId')}#`,
  // — activities: participants export and reminders — occurrences by their Brussels start day on gsi2, in a
  //   partition outside every tenant (`OCCURRENCES#<day>`: the daily reminder job finds tomorrow's occurrences of
  //   all organisers with one Query; tenant sessions cannot query it, their LeadingKeys are `T#<id>…`), and one
  //   marker per registration and start time in the organiser's partition, so each reminder goes out once —
  occurrenceDayIndex: (startDay: string, startsAtUtc: string, organiserId: string, occurrenceId: string) => ({
    gsi2pk: keys.occurrencesOnDay(startDay),
    gsi2sk: `${assertInstant(startsAtUtc)}#${assertId(organiserId, 'organiserId')}#${assertId(occurrenceId, 'occurrenceId')}`,
  }),
  occurrencesOnDay: (day: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new TypeError(`not a day: ${JSON.stringify(day)}`);
    return `OCCURRENCES#${day}`;
  },
  /** Keyed by the start too: an occurrence moved to another day reminds its people again for the new date. */
  reminder: (organiserId: string, occurrenceId: string, registrationId: string, startsAtUtc: string): Key => ({
    pk: tenantPartition(organiserId),
    sk: `OCC#${assertId(occurrenceId, 'occurrenceId')}#REMINDER#${assertId(registrationId, 'registrationId')}#${assertInstant(startsAtUtc)}`,
  }),

  // — CSV import and export of the register —
  /** Sort-key prefix of the register rows in a tenant's partition: the import reads them all, strongly consistent. */
  companyPrefix: 'COMPANY#',

  // — budgets and subsidy KPIs (functions/budgets) —
  /** An association's budget of one year (its lines and totals), one item per year. */
  budget: (associationId: string, year: number): Key => ({
    pk: tenantPartition(associationId),
    sk: `BUDGET#${assertYear(year)}`,
  }),
  budgetPrefix: 'BUDGET#',
  /**
   * The umbrella's copy of one association's budget totals for one year (written by the rollups stream consumer):
   * the umbrella's comparison table reads one Query per year (`umbrellaBudgetSummaryPrefix`), one row per
   * association, in its own partition.
   */
  umbrellaBudgetSummary: (umbrellaId: string, year: number, associationId: string): Key => ({
    pk: tenantPartition(umbrellaId),
    sk: `BUDGETSUM#${assertYear(year)}#${assertId(associationId, 'associationId')}`,
  }),
  umbrellaBudgetSummaryPrefix: (year: number) => `BUDGETSUM#${assertYear(year)}#`,
  // — consultation log (functions/consultations): everything lives in the umbrella's partition. A contact moment
  //   (`CONTACT#<id>`) is listed umbrella-wide by date on gsi1 and per association on gsi2; a date row per moment
  //   (`CONTACTDATE#<association>#<date>#<id>`) lets a strongly consistent Query find an association's latest contact
  //   (the summary row's `lastContactAt`); each follow-up has its own row, on gsi1 by status and due date —
  contactMoment: (umbrellaId: string, momentId: string): Key => ({
    pk: tenantPartition(umbrellaId),
    sk: `CONTACT#${assertId(momentId, 'momentId')}`,
  }),
  contactMomentIndexes: (umbrellaId: string, associationId: string, date: string, momentId: string) => ({
    gsi1pk: keys.contactMomentsOfUmbrella(umbrellaId),
    gsi1sk: `${assertDay(date)}#${assertId(momentId, 'momentId')}`,
    gsi2pk: keys.contactMomentsOfAssociation(umbrellaId, associationId),
    gsi2sk: `${assertDay(date)}#${assertId(momentId, 'momentId')}`,
  }),
  contactMomentsOfUmbrella: (umbrellaId: string) => `${tenantPartition(umbrellaId)}#CONTACTS`,
  contactMomentsOfAssociation: (umbrellaId: string, associationId: string) =>
    `${tenantPartition(umbrellaId)}#ASSOC#${assertId(associationId, 'associationId')}#CONTACTS`,
  contactDate: (umbrellaId: string, associationId: string, date: string, momentId: string): Key => ({
    pk: tenantPartition(umbrellaId),
    sk: `CONTACTDATE#${assertId(associationId, 'associationId')}#${assertDay(date)}#${assertId(momentId, 'momentId')}`,
  }),
  contactDatesOfAssociationPrefix: (associationId: string) => `CONTACTDATE#${assertId(associationId, 'associationId')}#`,
  followUp: (umbrellaId: string, followUpId: string): Key => ({
    pk: tenantPartition(umbrellaId),
    sk: `FOLLOWUP#${assertId(followUpId, 'followUpId')}`,
  }),
  followUpIndex: (umbrellaId: string, status: 'open' | 'done', dueOn: string, followUpId: string) => ({
    gsi1pk: keys.followUpsOfUmbrella(umbrellaId, status),
    gsi1sk: `${assertDay(dueOn)}#${assertId(followUpId, 'followUpId')}`,
  }),
  followUpsOfUmbrella: (umbrellaId: string, status: 'open' | 'done') => `${tenantPartition(umbrellaId)}#FOLLOWUPS#${status === 'done' ? 'DONE' : 'OPEN'}`,

  // — the umbrella's yearly report (functions/reports): range bounds on indexes defined above —
  /** gsi1 sort-key bounds of the umbrella's contact moments on the days `from` … `to` (inclusive; `~` sorts after any id). */
  contactMomentDayRange: (from: string, to: string) => ({ lower: `${assertDay(from)}#`, upper: `${assertDay(to)}#~` }),
  /** gsi1 sort-key bound of the organiser's activities whose first occurrence starts before `instantUtc`. */
  activitiesStartingBefore: (instantUtc: string) => `${assertInstant(instantUtc)}#~`,
  /** The first occurrence's start (UTC) read back from an activity's gsi1 sort key (`activityIndex`). */
  firstStartOfActivityIndex: (gsi1sk: string) => assertInstant(gsi1sk.split('#')[0] ?? ''),

  seedMarker: (): Key => ({ pk: 'PLATFORM', sk: 'SEED' }),
} as const;
