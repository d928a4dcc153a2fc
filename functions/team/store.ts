import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import {
  INVITATION_TOKEN_PATTERN,
  associationRoles,
  umbrellaRoles,
  type AuditEntry,
  type Invitation,
  type Member,
  type Role,
  type Tenant,
  type TenantRole,
} from '../../shared/index';
import { auditPut, type Actor } from '../lib/audit';
import { cancellationCodes } from '../lib/transactions';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { tableName, tenantClient } from '../lib/dynamo';
import { HttpError, invalidField, notFound, versionConflict } from '../lib/errors';
import { keys, tenantPartition } from '../lib/keys';
import { queryTenantPrefix } from '../lib/query';
import { membershipItems } from '../identity/items';
import { companyNames, companyStillRegistered, registeredCompanyName } from './company-link';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const INVITATION_DAYS = 7;
/** Expired invitations stay readable for a month so their link can say "expired" rather than "unknown". */
const INVITATION_RETENTION_SECONDS = 30 * 24 * 3600;

const ADMIN_ROLES: readonly Role[] = ['association_admin', 'umbrella_admin'];

export function rolesFor(tenant: Tenant): readonly TenantRole[] {
  return tenant.kind === 'umbrella' ? umbrellaRoles : associationRoles;
}

export function assertRoleFits(tenant: Tenant, role: Role, field: string): asserts role is TenantRole {
  if (!(rolesFor(tenant) as readonly Role[]).includes(role)) {
    throw new HttpError(400, 'validation_failed', { fields: [{ path: field, code: 'role_not_for_tenant' }] });
  }
}


const toMember = (item: Record<string, unknown>): Member => {
  const { userId, email, name, role, companyId, version, createdAt } = item as Member;
  return { userId, ...(email ? { email } : {}), ...(name ? { name } : {}), role, ...(companyId ? { companyId } : {}), version, createdAt };
};

/** Adds the register's current company names to company contacts (a removed company keeps only its id). */
async function withCompanyNames(tenantId: string, members: Member[]): Promise<Member[]> {
  const linked = members.flatMap((member) => (member.companyId ? [member.companyId] : []));
  if (linked.length === 0) return members;
  const names = await companyNames(tenantId, linked);
  return members.map((member) => {
    const companyName = member.companyId ? names.get(member.companyId) : undefined;
    return companyName ? { ...member, companyName } : member;
  });
}

/**
 * The team version first, then the team: a change committed in between bumps the version, so the guard of any
 * write based on this read fails instead of passing on a stale admin count.
 */
async function readTeam(tenantId: string) {
  const client = tenantClient(tenantId);
  const tenantItem = await client.send(new GetCommand({ TableName: tableName(), Key: keys.tenant(tenantId), ConsistentRead: true }));
  const items = await queryTenantPrefix(tenantId, keys.tenantMemberPrefix, { ConsistentRead: true });
  return { members: items.map(toMember), teamVersion: Number(tenantItem.Item?.teamVersion ?? 0) };
}

export async function listMembers(tenantId: string): Promise<Member[]> {
  const { members } = await readTeam(tenantId);
  return (await withCompanyNames(tenantId, members)).sort((a, b) => (a.name ?? a.email ?? '').localeCompare(b.name ?? b.email ?? '', 'nl'));
}

/**
 * Optimistic lock over the whole team: a change commits only if nobody changed the team since it was read, so
 * two admins removing each other at once can never leave a tenant without an admin.
 */
function teamGuard(tenantId: string, teamVersion: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.tenant(tenantId),
      UpdateExpression: 'SET teamVersion = :next',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(teamVersion) OR teamVersion = :read)',
      ExpressionAttributeValues: { ':read': teamVersion, ':next': teamVersion + 1 },
    },
  };
}

function assertAdminRemains(members: Member[], userId: string, nextRole: Role | null) {
  const admins = members.filter((member) => ADMIN_ROLES.includes(member.role));
  const target = members.find((member) => member.userId === userId);
  const losesAdmin = target && ADMIN_ROLES.includes(target.role) && (nextRole === null || !ADMIN_ROLES.includes(nextRole));
  if (losesAdmin && admins.length <= 1) throw new HttpError(409, 'last_admin');
}

async function commitTeamChange(tenantId: string, items: TransactItem[], current: () => Promise<unknown>) {
  try {
    await tenantClient(tenantId).send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.some((code) => code === 'ConditionalCheckFailed')) throw versionConflict(await current());
    throw error;
  }
}

/**
 * Changes a member's role and, for a company contact, the company they speak for: `companyId` links (a company of
 * this register, checked in the same transaction), `null` unlinks, omitted keeps the link. Any other role drops it.
 */
export async function changeRole(
  tenant: Tenant,
  userId: string,
  change: { role: TenantRole; version: number; companyId?: string | null },
  actor: Actor,
): Promise<Member> {
  const { role, version } = change;
  const { members, teamVersion } = await readTeam(tenant.id);
  const member = members.find((candidate) => candidate.userId === userId);
  if (!member) throw notFound();
  if (member.version !== version) throw versionConflict((await withCompanyNames(tenant.id, [member]))[0]);
  assertAdminRemains(members, userId, role);
  const companyId = role !== 'company_contact' ? undefined : change.companyId === undefined ? member.companyId : (change.companyId ?? undefined);
  const companyName = companyId && companyId !== member.companyId ? await registeredCompanyName(tenant.id, companyId) : undefined;
  const link = companyId
    ? { UpdateExpression: 'SET #role = :role, companyId = :companyId', ExpressionAttributeValues: { ':role': role, ':companyId': companyId } }
    : { UpdateExpression: 'SET #role = :role REMOVE companyId', ExpressionAttributeValues: { ':role': role } };
  const fields = ['role', ...(companyId !== member.companyId ? ['companyId'] : [])];
  const checksCompany = Boolean(companyId && companyId !== member.companyId);
  const items: TransactItem[] = [
    teamGuard(tenant.id, teamVersion),
    {
      Update: {
        TableName: tableName(),
        Key: keys.tenantMember(tenant.id, userId),
        UpdateExpression: link.UpdateExpression.replace('SET ', 'SET #version = #version + :one, '),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#role': 'role', '#version': 'version' },
        ExpressionAttributeValues: { ...link.ExpressionAttributeValues, ':version': version, ':one': 1 },
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.userMembership(userId, tenant.id),
        UpdateExpression: link.UpdateExpression,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: link.ExpressionAttributeValues,
      },
    },
    auditPut(tenant.id, actor, { action: 'member.role', objectType: 'member', objectId: userId, fields }),
    ...(checksCompany ? [companyStillRegistered(tenant.id, companyId!)] : []),
  ];
  try {
    await tenantClient(tenant.id).send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const codes = cancellationCodes(error);
    // The company was removed from the register between the read above and this write.
    if (checksCompany && codes?.[items.length - 1] === 'ConditionalCheckFailed') throw invalidField('body.companyId', 'unknown_company');
    if (codes?.some((code) => code === 'ConditionalCheckFailed')) {
      const current = (await readTeam(tenant.id)).members.find((candidate) => candidate.userId === userId);
      throw versionConflict(current ? (await withCompanyNames(tenant.id, [current]))[0] : current);
    }
    throw error;
  }
  const { companyId: _previous, companyName: _previousName, ...rest } = member;
  const changed: Member = { ...rest, role, version: member.version + 1, ...(companyId ? { companyId } : {}) };
  if (!companyId) return changed;
  return companyName ? { ...changed, companyName } : (await withCompanyNames(tenant.id, [changed]))[0]!;
}

export async function removeMember(tenant: Tenant, userId: string, version: number, actor: Actor): Promise<void> {
  const { members, teamVersion } = await readTeam(tenant.id);
  const member = members.find((candidate) => candidate.userId === userId);
  if (!member) throw notFound();
  if (member.version !== version) throw versionConflict(member);
  assertAdminRemains(members, userId, null);
  await commitTeamChange(
    tenant.id,
    [
      teamGuard(tenant.id, teamVersion),
      {
        Delete: {
          TableName: tableName(),
          Key: keys.tenantMember(tenant.id, userId),
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': version },
        },
      },
      { Delete: { TableName: tableName(), Key: keys.userMembership(userId, tenant.id) } },
      auditPut(tenant.id, actor, { action: 'member.remove', objectType: 'member', objectId: userId }),
    ],
    async () => (await readTeam(tenant.id)).members.find((candidate) => candidate.userId === userId),
  );
}

// ---- invitations ----

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

type InvitationItem = Invitation & { secretHash: string; tenantName: string; tenantKind: Tenant['kind']; umbrellaId?: string };

const toInvitation = (item: Record<string, unknown>): Invitation => {
  const { id, tenantId, email, name, role, companyId, companyName, status, invitedBy, createdAt, expiresAt } = item as InvitationItem & { expiresAt: string };
  return {
    id, tenantId, email, ...(name ? { name } : {}), role, ...(companyId ? { companyId } : {}), ...(companyName ? { companyName } : {}),
    status, invitedBy, createdAt, expiresAt: (item as { validUntil: string }).validUntil ?? expiresAt,
  };
};

export async function listInvitations(tenantId: string): Promise<Invitation[]> {
  const items = await queryTenantPrefix(tenantId, keys.invitationPrefix);
  return items.map(toInvitation).filter((invitation) => invitation.status === 'pending').reverse();
}

/**
 * `company`: for a company contact, the company of this register they will speak for (its name is kept on the
 * invitation for the list and the link's preview). The invitation is stored only while the company exists.
 */
export async function createInvitation(
  tenant: Tenant,
  input: { email: string; name?: string; role: TenantRole; company?: { id: string; name: string } },
  actor: Actor & { name: string },
): Promise<{ invitation: Invitation; token: string }> {
  const id = ulid(Date.parse(actor.now));
  const secret = randomBytes(32).toString('base64url');
  const validUntil = new Date(Date.parse(actor.now) + INVITATION_DAYS * 24 * 3600 * 1000).toISOString();
  const invitation: Invitation = {
    id, tenantId: tenant.id, email: input.email, ...(input.name ? { name: input.name } : {}), role: input.role,
    ...(input.company ? { companyId: input.company.id, companyName: input.company.name } : {}),
    status: 'pending', invitedBy: actor.name, createdAt: actor.now, expiresAt: validUntil,
  };
  const item = {
    ...keys.invitation(tenant.id, id),
    type: 'invitation',
    ...invitation,
    validUntil,
    tenantName: tenant.name,
    tenantKind: tenant.kind,
    ...(tenant.umbrellaId ? { umbrellaId: tenant.umbrellaId } : {}),
    secretHash: hashSecret(secret),
    // The table's TTL attribute (epoch seconds): DynamoDB removes the row a month after the link expired.
    expiresAt: Math.floor(Date.parse(validUntil) / 1000) + INVITATION_RETENTION_SECONDS,
  };
  await tenantClient(tenant.id).send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        auditPut(tenant.id, actor, {
          action: 'invitation.create', objectType: 'invitation', objectId: id, fields: ['email', 'role', ...(input.company ? ['companyId'] : [])],
        }),
        ...(input.company ? [companyStillRegistered(tenant.id, input.company.id)] : []),
      ],
    }),
  ).catch((error: unknown) => {
    if (input.company && cancellationCodes(error)?.[2] === 'ConditionalCheckFailed') throw invalidField('body.companyId', 'unknown_company');
    throw error;
  });
  return { invitation, token: `${tenant.id}.${id}.${secret}` };
}

/** Used when the mail could not be sent: the invitation never reached anyone, so it must not linger. */
export async function discardInvitation(tenantId: string, invitationId: string): Promise<void> {
  await tenantClient(tenantId).send(new DeleteCommand({ TableName: tableName(), Key: keys.invitation(tenantId, invitationId) }));
}

export async function revokeInvitation(tenantId: string, invitationId: string, actor: Actor): Promise<void> {
  try {
    await tenantClient(tenantId).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.invitation(tenantId, invitationId),
              UpdateExpression: 'SET #status = :revoked',
              ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':revoked': 'revoked', ':pending': 'pending' },
            },
          },
          auditPut(tenantId, actor, { action: 'invitation.revoke', objectType: 'invitation', objectId: invitationId }),
        ],
      }),
    );
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') throw notFound();
    throw error;
  }
}

/** Finds the invitation a link names and checks its secret; explains what is wrong with it otherwise. */
async function openInvitation(token: string, now: string): Promise<InvitationItem & { validUntil: string }> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) throw new HttpError(404, 'invitation_invalid');
  const [tenantId, invitationId, secret] = token.split('.') as [string, string, string];
  const { Item } = await tenantClient(tenantId).send(
    new GetCommand({ TableName: tableName(), Key: keys.invitation(tenantId, invitationId), ConsistentRead: true }),
  );
  const expected = Item ? Buffer.from(String(Item.secretHash)) : undefined;
  const given = Buffer.from(hashSecret(secret));
  if (!Item || !expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new HttpError(404, 'invitation_invalid');
  }
  const invitation = Item as InvitationItem & { validUntil: string };
  if (invitation.status !== 'pending') throw new HttpError(409, 'invitation_used');
  if (invitation.validUntil <= now) throw new HttpError(410, 'invitation_expired');
  return invitation;
}

export async function previewInvitation(token: string, now: string) {
  const invitation = await openInvitation(token, now);
  return {
    tenantId: invitation.tenantId,
    tenantName: invitation.tenantName,
    tenantKind: invitation.tenantKind,
    role: invitation.role,
    ...(invitation.companyName ? { companyName: invitation.companyName } : {}),
    email: invitation.email,
    expiresAt: invitation.validUntil,
  };
}

/** Binds the signed-in identity to the invitation's tenant and role, once: the link cannot be used again. */
export async function acceptInvitation(
  token: string,
  actor: Actor & { email?: string },
): Promise<{ tenantId: string; role: Role }> {
  const invitation = await openInvitation(token, actor.now);
  const tenant: Tenant = {
    id: invitation.tenantId, kind: invitation.tenantKind, name: invitation.tenantName,
    ...(invitation.umbrellaId ? { umbrellaId: invitation.umbrellaId } : {}),
  };
  // The team shows the person as they are known (their profile), falling back to what the inviter typed.
  const name = actor.name ?? invitation.name;
  const profile = { userId: actor.userId, email: actor.email ?? invitation.email, ...(name ? { name } : {}) };
  // A company contact's link travels with the invitation into both rows of the membership. Should the company
  // have left the register since, the person still joins; their company page then says so.
  const [userRow, memberRow] = membershipItems(profile, tenant, invitation.role as TenantRole, actor.now, invitation.companyId);
  try {
    await tenantClient(tenant.id).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.invitation(tenant.id, invitation.id),
              UpdateExpression: 'SET #status = :accepted, acceptedBy = :user, acceptedAt = :now',
              ConditionExpression: '#status = :pending AND validUntil > :now',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':accepted': 'accepted', ':pending': 'pending', ':user': actor.userId, ':now': actor.now },
            },
          },
          { Put: { TableName: tableName(), Item: memberRow!, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName(), Item: userRow! } },
          // The person's own profile is never filled from the invitation: a forwarded link must not give its
          // holder the invitee's name or e-mail address.
          {
            Update: {
              TableName: tableName(),
              Key: keys.userProfile(actor.userId),
              UpdateExpression: 'SET #type = :type, userId = :user, createdAt = if_not_exists(createdAt, :now)',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': 'userProfile', ':user': actor.userId, ':now': actor.now },
            },
          },
          teamGuardless(tenant.id),
          auditPut(tenant.id, actor, { action: 'invitation.accept', objectType: 'invitation', objectId: invitation.id }),
        ],
      }),
    );
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') throw new HttpError(409, 'invitation_used');
    if (codes?.[1] === 'ConditionalCheckFailed') throw new HttpError(409, 'already_member');
    throw error;
  }
  return { tenantId: tenant.id, role: invitation.role };
}

/** A new member changes the team too: bump the version so concurrent removals re-check the admin count. */
function teamGuardless(tenantId: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.tenant(tenantId),
      UpdateExpression: 'ADD teamVersion :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

// ---- audit log ----

export async function listAudit(tenantId: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const partition = tenantPartition(tenantId);
  const startKey = decodeCursor(cursor, { attribute: 'pk', value: partition, keys: ['pk', 'sk'], prefixes: { sk: keys.auditPrefix } });
  const page = await tenantClient(tenantId).send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': keys.auditPrefix },
      ScanIndexForward: false,
      Limit: limit + 1,
      ExclusiveStartKey: startKey,
    }),
  );
  const items = page.Items ?? [];
  const more = items.length > limit || Boolean(page.LastEvaluatedKey && items.length === limit + 1);
  const kept = items.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map((item) => {
      const { id, at, actorId, actorName, actorRole, action, objectType, objectId, fields, requestId } = item as AuditEntry;
      return {
        id, at, actorId, ...(actorName ? { actorName } : {}), ...(actorRole ? { actorRole } : {}), action, objectType, objectId,
        ...(fields ? { fields } : {}), requestId,
      };
    }),
    nextCursor: more && last ? encodeCursor({ pk: String(last.pk), sk: String(last.sk) }) : null,
  };
}

