/**
 * The event channel from the core to the views, the way Actual Budget's loot-core pairs `send()` with
 * `listen()`: every write answers with the change set it made (contract/changes.ts); api/client.ts
 * publishes it here, and each view listens to the domains it shows and applies the changed rows in
 * place, fetching again only what it cannot apply (a structural change, a change set too big to carry).
 *
 * Hand-written (a Set of listeners per domain) rather than a library: it is twenty lines, and the
 * one rule that matters — a listener of several domains is called once per change set — is tested
 * in the browser tests through the views.
 */
import { useEffect, useRef } from 'react';
import type { ChangeDomain, Changes } from '../../../contract/changes.ts';
import { changedSomething } from '../../../contract/change-set.ts';

export { changesIn, isChanges } from '../../../contract/change-set.ts';

export type { ChangeDomain, Changes };
export type ChangeListener = (changes: Changes) => void;

export const ALL_DOMAINS: readonly ChangeDomain[] = ['plans', 'districts', 'clusters', 'indicators', 'targets', 'departments', 'tasks', 'comments', 'keys'];

const listeners = new Map<ChangeListener, readonly ChangeDomain[]>();
const seen = new Set<number>();

/** True when the change set touches any of `domains` (or replaced everything). */
export function touches(changes: Changes, domains: readonly ChangeDomain[]): boolean {
  return changes.everything || domains.some((d) => changes[d] !== undefined);
}

/** Calls every listener whose domains the change set touches, once each. A change set is published once (jobs.status repeats it). */
export function publish(changes: Changes): void {
  // A backup put in place of the file: its change set ids start again below the ones seen.
  if (changes.everything) seen.clear();
  if (changes.changeSetId !== null) {
    if (seen.has(changes.changeSetId)) return;
    seen.add(changes.changeSetId);
  }
  if (!changedSomething(changes)) return;
  for (const [listener, domains] of [...listeners]) if (touches(changes, domains)) listener(changes);
}

/** Subscribes to the change sets touching `domains`; returns the unsubscribe function. */
export function listen(domains: ChangeDomain | readonly ChangeDomain[], listener: ChangeListener): () => void {
  listeners.set(listener, typeof domains === 'string' ? [domains] : domains);
  return () => {
    listeners.delete(listener);
  };
}

/** `listen` for a component: subscribed while mounted, always calling the latest `onChange`. */
export function useChanges(domains: readonly ChangeDomain[], onChange: ChangeListener): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  const shown = useRef(domains);
  shown.current = domains;
  const key = domains.join(',');
  useEffect(() => listen(shown.current, (c) => latest.current(c)), [key]);
}
