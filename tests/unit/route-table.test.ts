import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contexts, routeKey, routes, type RouteDefinition } from '../../functions/routes';

const all = routes as readonly RouteDefinition[];

describe('the route table', () => {
  it('has one entry per method and path, and unique operation ids', () => {
    expect(new Set(all.map(routeKey)).size).toBe(all.length);
    expect(new Set(all.map((route) => route.operationId)).size).toBe(all.length);
  });

  it('declares a schema for every path parameter, and no other', () => {
    for (const route of all) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = Object.keys(route.request?.path?.shape ?? {}).sort();
      expect(declared, routeKey(route)).toEqual(inPath);
    }
  });

  it('names an existing handler file for every context it uses', () => {
    for (const route of all) expect(existsSync(resolve(import.meta.dirname, '../..', contexts[route.context].entry))).toBe(true);
  });

  it('keeps every route under /api so one CloudFront behaviour serves them all', () => {
    for (const route of all) expect(route.path.startsWith('/api/')).toBe(true);
  });
});
