/** Hash routes, so that a reload (and the desktop app's file:// page) keeps the current screen. */
import { useSyncExternalStore } from 'react';

/**
 * `#/plan/<planId>/<tab>/<focus>`: `focus` is an optional URLSearchParams string naming what to show
 * or select in the tab, e.g. `indicator=ID&row=district:d-500116&year=2027&kind=target` (targets grid),
 * `task=ID&field=deadline` (task ledger), `cluster=ID`, `indicator=ID` — so findings can link to cells.
 */
export type Route = { screen: 'plans' } | { screen: 'plan'; planId: string; tab: string; focus: string } | { screen: 'draft'; draftId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'plan' && parts[1]) return { screen: 'plan', planId: parts[1], tab: parts[2] ?? 'overview', focus: parts[3] ?? '' };
  // `#/draft/<draftId>`: 从公文新建规划's review of a document read in this window (features/drafting/session.ts)
  if (parts[0] === 'draft' && parts[1]) return { screen: 'draft', draftId: parts[1] };
  return { screen: 'plans' };
}

export function routeHref(route: Route): string {
  if (route.screen === 'plans') return '#/';
  if (route.screen === 'draft') return `#/draft/${encodeURIComponent(route.draftId)}`;
  const base = `#/plan/${encodeURIComponent(route.planId)}/${route.tab}`;
  return route.focus ? `${base}/${encodeURIComponent(route.focus)}` : base;
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
