/**
 * The one path by which errors and notices reach the user: `notify(...)` from anywhere, shown by
 * <Notifications/>. ApiCallErrors show their Chinese message and every issue (field, row).
 * A notice belongs to the screen it was raised on (the plan and tab, or the plan list): moving to another
 * tab or plan clears it, so an error of one tab never stands over another.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { ApiCallError } from './api/client.ts';
import { errorText } from './i18n/errors.ts';
import { t } from './i18n/index.ts';
import { parseRoute, useRoute, type Route } from './router.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  details: string[];
  /** the screen it was raised on (placeOf): shown only there */
  place: string;
}

/** A screen as notices see it: the plan and tab (not the cell a link focuses), or the plan list. */
export function placeOf(route: Route): string {
  return route.screen === 'plan' ? `plan/${route.planId}/${route.tab}` : route.screen === 'draft' ? `draft/${route.draftId}` : 'plans';
}
/** the screen shown now (a call can note it when it starts, so that its late answer is told where it was asked) */
export const currentPlace = () => placeOf(parseRoute(window.location.hash));

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Information closes by itself after a few seconds; errors stay until the user closes them. */
export const INFO_SECONDS = 6;

export function notify(kind: Notice['kind'], message: string, details: string[] = [], place: string = currentPlace()): void {
  // The same error again (say, every call of a tab whose token the host refused) is shown once.
  if (kind === 'error' && notices.some((n) => n.kind === kind && n.message === message && n.details.join('\n') === details.join('\n'))) return;
  const id = nextId++;
  notices = [...notices, { id, kind, message, details, place }].slice(-5);
  emit();
  if (kind === 'info') window.setTimeout(() => dismiss(id), INFO_SECONDS * 1000);
}

export function notifyError(err: unknown, place: string = currentPlace()): void {
  if (err instanceof ApiCallError) {
    const { message, details } = errorText(err.error);
    notify('error', message, details, place);
  } else notify('error', err instanceof Error ? err.message : String(err), [], place);
}

function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

/** Drops the notices of every other screen (called when the screen changes). */
function keepOnly(place: string): void {
  if (notices.every((n) => n.place === place)) return;
  notices = notices.filter((n) => n.place === place);
  emit();
}

export function Notifications() {
  const place = placeOf(useRoute());
  useEffect(() => keepOnly(place), [place]);
  const all = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => notices,
  );
  const list = all.filter((n) => n.place === place);
  return (
    <div className="notifications" role="status" aria-live="polite">
      {list.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} data-testid="notice">
          <div className="notice-message">{n.message}</div>
          {n.details.length > 0 && (
            <ul className="notice-details">
              {n.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => dismiss(n.id)} aria-label={t('notify.close')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
