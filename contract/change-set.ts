/**
 * Finding the change set in an operation's answer: a write's `changes`, or the applied import in
 * `jobs.status`. Shared by the renderer's client (which publishes it to the views) and the web host
 * (which pushes it to the other open tabs); types only, so it adds nothing to the renderer's bundle.
 */
import type { Changes } from './changes.ts';

/** The core checked the change set against the contract before it left (db/dispatch.ts); this only tells it from other values. */
export function isChanges(c: unknown): c is Changes {
  return c !== null && typeof c === 'object' && 'everything' in c && typeof c.everything === 'boolean' && 'changeSetId' in c;
}

export function changesIn(name: string, value: unknown): Changes | null {
  if (value === null || typeof value !== 'object') return null;
  const holder = name !== 'jobs.status' ? value : 'restore' in value && value.restore ? value.restore : 'deleted' in value && value.deleted ? value.deleted : 'undeleted' in value && value.undeleted ? value.undeleted : 'applied' in value ? value.applied : null;
  if (holder === null || typeof holder !== 'object' || !('changes' in holder)) return null;
  return isChanges(holder.changes) ? holder.changes : null;
}

/** True when the change set wrote something the views must see (not an answer that changed nothing). */
export function changedSomething(c: Changes): boolean {
  return c.everything || c.changeSetId !== null;
}
