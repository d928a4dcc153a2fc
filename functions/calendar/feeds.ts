import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import type { CalendarFeed, Membership, Role } from '../../shared/index';
import type { Caller } from '../identity/store';
import { auditPut, type Actor } from '../lib/audit';
import { documentClient, tableName, tenantClient } from '../lib/dynamo';
import { keys, userPartition } from '../lib/keys';
import { queryAll } from '../lib/query';
import { transact } from '../activities/transact';
import { HttpError, notFound } from '../lib/errors';
import { inBrussels } from '../activities/schedule';
import { calendarRowEvents, icsHeaders } from './files';
import { icsCalendar, UID_DOMAIN } from './ics';
import { companyScope, joinedRegistrations } from './my-registrations';
import { publicPlace } from './items';
import { calendarRowsFrom } from './store';

/**
 * Subscribable calendar feeds. Calendar apps cannot send a bearer token, so the URL carries a secret:
 * `<sub>.<tenantId>.<feedId>.<secret>` (optionally `.ics`). The first three locate the feed item in the owner's
 * person partition (see keys.calendarFeed: the public route reads it with the function's own credentials, which
 * reach `U#…` but no tenant partition); the item holds only a SHA-256 of the secret, compared in constant time.
 * Each fetch also checks that the owner still belongs to the tenant with a members' role: a person who leaves
 * the team takes their feeds' access with them. Revoking deletes the item: the URL answers 404 from then on.
 */

export type FeedScope = CalendarFeed['scope'];
type FeedItem = { tenantId: string; userId: string; feedId: string; scope: FeedScope; tokenHash: string; createdAt: string };

const FEED_ROLES: readonly Role[] = ['association_admin', 'association_editor', 'company_contact'];
const hashOf = (secret: string) => createHash('sha256').update(secret).digest();
const toFeed = (item: Record<string, unknown>): CalendarFeed => ({ id: String(item.feedId), scope: item.scope as FeedScope, createdAt: String(item.createdAt) });

export async function createFeed(tenantId: string, scope: FeedScope, actor: Actor, origin: string): Promise<CalendarFeed & { url: string }> {
  const feedId = ulid();
  const secret = randomBytes(32).toString('base64url');
  const item = { ...keys.calendarFeed(actor.userId, tenantId, feedId), type: 'calendarFeed', tenantId, userId: actor.userId, feedId, scope, tokenHash: hashOf(secret).toString('base64url'), createdAt: actor.now };
  const result = await transact(tenantClient(tenantId), [
    { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut(tenantId, actor, { action: 'calendarFeed.create', objectType: 'calendarFeed', objectId: feedId, fields: [scope] }),
  ]);
  if (!result.ok) throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
  return { ...toFeed(item), url: `${origin}/api/calendar-feeds/${actor.userId}.${tenantId}.${feedId}.${secret}.ics` };
}

export async function listFeeds(tenantId: string, userId: string): Promise<CalendarFeed[]> {
  const items = await queryAll(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPartition(userId), ':prefix': keys.calendarFeedsOfTenantPrefix(tenantId) },
      ConsistentRead: true,
    },
    tenantClient(tenantId),
  );
  return items.map(toFeed);
}

export async function revokeFeed(tenantId: string, userId: string, feedId: string, actor: Actor): Promise<void> {
  const result = await transact(tenantClient(tenantId), [
    { Delete: { TableName: tableName(), Key: keys.calendarFeed(userId, tenantId, feedId), ConditionExpression: 'attribute_exists(pk)' } },
    auditPut(tenantId, actor, { action: 'calendarFeed.revoke', objectType: 'calendarFeed', objectId: feedId }),
  ]);
  // Revoking what is not (or no longer) there is done already: the key sits in the caller's own partition, so
  // another person's feed can never be named here.
  if (result.ok || !result.transient) return;
  throw new HttpError(503, 'store_unavailable', { headers: { 'retry-after': '1' } });
}

/** The feed a token names, if the secret matches and its owner still has a members' role in the tenant. */
async function resolveToken(token: string): Promise<{ feed: FeedItem; membership: Membership } | undefined> {
  const [userId, tenantId, feedId, secret] = token.replace(/\.ics$/, '').split('.') as [string, string, string, string];
  const client = documentClient();
  const { Item } = await client.send(new GetCommand({ TableName: tableName(), Key: keys.calendarFeed(userId, tenantId, feedId), ConsistentRead: true }));
  if (!Item) return undefined;
  const stored = Buffer.from(String(Item.tokenHash), 'base64url');
  const given = hashOf(secret);
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return undefined;
  const { Item: membership } = await client.send(new GetCommand({ TableName: tableName(), Key: keys.userMembership(userId, tenantId), ConsistentRead: true }));
  if (!membership || !FEED_ROLES.includes(membership.role as Role)) return undefined;
  return { feed: Item as FeedItem, membership: membership as Membership };
}

const FEED_DAYS_BACK = 30;

/** The public feed: the association's calendar (30 days back, everything ahead) or the owner's registrations. */
export async function feedFile(token: string): Promise<{ statusCode: number; body: string; headers: Record<string, string> }> {
  const resolved = await resolveToken(token);
  if (!resolved) throw notFound();
  const { feed, membership } = resolved;
  const since = inBrussels(Date.now() - FEED_DAYS_BACK * 86_400_000).slice(0, 10);
  let text: string;
  if (feed.scope === 'association') {
    const rows = await calendarRowsFrom(feed.tenantId, since);
    text = icsCalendar(`Parkpunt — ${membership.tenantName}`, calendarRowEvents(rows));
  } else {
    const caller = { userId: feed.userId, memberships: [membership] } as unknown as Caller;
    const scope = companyScope(caller, membership.role as Role, feed.tenantId, undefined);
    const sinceUtc = Date.now() - FEED_DAYS_BACK * 86_400_000;
    const joined = (await joinedRegistrations(feed.tenantId, scope, 'all')).filter((j) => Date.parse(j.registration.endsAt) >= sinceUtc);
    text = icsCalendar(
      `Parkpunt — ${membership.tenantName}`,
      joined.map(({ registration: r, sequence, place, description }) => ({
        // One event per registration: two colleagues at one occurrence are two entries, each with their name.
        uid: `${r.id}@${UID_DOMAIN}`,
        sequence,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        title: `${r.activityTitle} — ${r.name}`,
        ...(description ? { description } : {}),
        place: publicPlace(place),
        status: r.status === 'cancelled' || r.occurrenceStatus === 'cancelled' ? 'cancelled' : r.status === 'waitlisted' ? 'tentative' : 'confirmed',
      })),
    );
  }
  return { statusCode: 200, body: text, headers: icsHeaders('parkpunt.ics', true) };
}
