/** Hash routes, so that a reload (and the desktop app's file:// page) keeps the current screen. */
import { useSyncExternalStore } from 'react';

export type Route = { screen: 'plans' } | { screen: 'plan'; planId: string; tab: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'plan' && parts[1]) return { screen: 'plan', planId: parts[1], tab: parts[2] ?? 'overview' };
  return { screen: 'plans' };
}

export function routeHref(route: Route): string {
  return route.screen === 'plans' ? '#/' : `#/plan/${encodeURIComponent(route.planId)}/${route.tab}`;
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(
    (cb) => {
      window.addEventListener('hashchange', cb);
      return () => window.removeEventListener('hashchange', cb);
    },
    () => window.location.hash,
  );
  return parseRoute(hash);
}
