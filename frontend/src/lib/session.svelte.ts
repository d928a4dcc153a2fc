/**
 * The signed-in person as the API knows them (`GET /api/me`): name and memberships. Loaded once after
 * sign-in by the layout, which renders pages only when it is there; pages read `session.me`.
 */
import { untrack } from 'svelte';
import { api } from './api';
import type { Me, Membership, Role, Tenant } from './contract';
import { Resource } from './resource.svelte';
import { roleIn } from './roles';

const LAST_TENANT_KEY = 'parkpunt.lastTenant';

class Session {
  readonly resource = new Resource<Me>();
  #loadedFor: string | null = null;
  lastTenantId = $state<string | null>(null);

  get me(): Me | undefined {
    return this.resource.data;
  }

  /** Loads `/api/me` for this user (again only when the user changed). */
  load(userKey: string): void {
    untrack(() => {
      if (this.#loadedFor === userKey) return;
      this.#loadedFor = userKey;
      this.resource.load((signal) => api.me({ signal }));
      this.lastTenantId = readLastTenant(userKey);
    });
  }

  /** Reads `/api/me` again (after joining an organisation or changing one's own role), keeping the old answer meanwhile. */
  async refresh(): Promise<Me> {
    const me = await api.me();
    this.resource.set(me);
    return me;
  }

  clear(): void {
    this.#loadedFor = null;
    this.resource.reset();
    this.lastTenantId = null;
  }

  /** The role that applies in this tenant, from the memberships (see roles.ts). */
  roleIn(tenant: Pick<Tenant, 'id' | 'kind' | 'umbrellaId'>): Role | null {
    return roleIn(this.me, tenant);
  }

  membership(tenantId: string): Membership | undefined {
    return this.me?.memberships.find((membership) => membership.tenantId === tenantId);
  }

  /** Remembers the organisation last chosen in the switcher, per person, in this browser. */
  remember(tenantId: string): void {
    this.lastTenantId = tenantId;
    if (!this.#loadedFor) return;
    try {
      localStorage.setItem(`${LAST_TENANT_KEY}.${this.#loadedFor}`, tenantId);
    } catch {
      // not remembered: storage is blocked
    }
  }
}

function readLastTenant(userKey: string): string | null {
  try {
    return localStorage.getItem(`${LAST_TENANT_KEY}.${userKey}`);
  } catch {
    return null;
  }
}

export const session = new Session();
