import { createHandler } from '../lib/create-handler';
import { actorOf, type Operations } from '../lib/http';
import { createFeed, feedFile, listFeeds, revokeFeed } from './feeds';
import { icsHeaders, offeredActivityFile, organiserActivityFile } from './files';
import { companyScope, myRegistrations } from './my-registrations';
import { listCalendar } from './store';

/** Where feed URLs point: the site's own origin (CloudFront in AWS, the local gateway locally). */
function appUrl(headers: Record<string, string | undefined>): string {
  if (process.env.APP_URL) return process.env.APP_URL.replace(/\/$/, '');
  return `http://${headers.host ?? '127.0.0.1:3000'}`;
}

const operations: Operations<'calendar'> = {
  getCalendar: async ({ tenant, query }) => ({ statusCode: 200, body: await listCalendar(tenant.id, query) }),

  listMyRegistrations: async ({ tenant, caller, role, query }) => ({
    statusCode: 200,
    body: { items: await myRegistrations(tenant.id, companyScope(caller, role, tenant.id, query.companyId), query.when) },
  }),

  getActivityIcs: async ({ tenant, path }) => {
    const file = await organiserActivityFile(tenant.id, path.activityId);
    return { statusCode: 200, body: file.text, headers: icsHeaders(file.filename) };
  },

  getOfferedActivityIcs: async ({ tenant, path }) => {
    const file = await offeredActivityFile(tenant, path.organiserId, path.activityId);
    return { statusCode: 200, body: file.text, headers: icsHeaders(file.filename) };
  },

  listCalendarFeeds: async ({ tenant, caller }) => ({ statusCode: 200, body: { items: await listFeeds(tenant.id, caller.userId) } }),

  createCalendarFeed: async (request) => ({
    statusCode: 201,
    body: await createFeed(request.tenant.id, request.body.scope, actorOf(request), appUrl(request.headers)),
  }),

  revokeCalendarFeed: async (request) => {
    await revokeFeed(request.tenant.id, request.caller.userId, request.path.feedId, actorOf(request));
    return { statusCode: 204 };
  },

  getCalendarFeed: async ({ path }) => feedFile(path.token),
};

export const handler = createHandler('calendar', operations);
