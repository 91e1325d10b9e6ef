/**
 * The hub pages' places, in the address's hash (the page itself is always GET /): #/plans,
 * #/plans/<id>/status|rollup|compare, #/audit, #/accounts. A reload or a shared link opens the same place.
 */
import { useSyncExternalStore } from 'react';

export type PlanTab = 'status' | 'rollup' | 'compare';
export type Place = { page: 'plans' } | { page: 'plan'; planId: string; tab: PlanTab } | { page: 'audit' } | { page: 'accounts' } | { page: 'home' };

export function parsePlace(hash: string): Place {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  if (parts[0] === 'plans' && parts[1]) {
    const tab = parts[2] === 'rollup' || parts[2] === 'compare' ? parts[2] : 'status';
    return { page: 'plan', planId: decode(parts[1]), tab };
  }
  if (parts[0] === 'plans') return { page: 'plans' };
  if (parts[0] === 'audit') return { page: 'audit' };
  if (parts[0] === 'accounts') return { page: 'accounts' };
  return { page: 'home' };
}

export function hrefOf(p: Place): string {
  switch (p.page) {
    case 'plan':
      return `#/plans/${encodeURIComponent(p.planId)}/${p.tab}`;
    case 'home':
      return '#/';
    default:
      return `#/${p.page}`;
  }
}

export function usePlace(): Place {
  const hash = useSyncExternalStore(
    (cb) => {
      window.addEventListener('hashchange', cb);
      return () => window.removeEventListener('hashchange', cb);
    },
    () => window.location.hash,
  );
  return parsePlace(hash);
}
