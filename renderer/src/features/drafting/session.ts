/**
 * Where a document's drafts under review are kept: in this window's sessionStorage, under a draft id that
 * the route carries (`#/draft/<id>`), with each draft's review state (the corrected draft, the decisions,
 * the departments mapped). A reload of the page, or going to a plan and back, finds the review as it was.
 *
 * Why sessionStorage and not the host: a draft is unsaved work of one window — draft.read/draft.start write
 * nothing into the plan file by contract (issue 14: "prints the drafts without writing anything"), so
 * nothing of it belongs in the file or in the host's memory (which a restart of the web host or the desktop
 * app loses anyway); it needs no new operation and no change to db/draft. Its limits: it is one window's
 * (another tab does not see it, closing the window drops it), and the browser's quota (about 5 MB of text,
 * a gazette issue's lines and drafts are well under 1 MB). When storing fails (quota, private mode), the
 * review still works in memory (`memory` below), only a reload loses it — and the screen says so.
 */
import type { DraftPlan, DraftRead } from '../../../../contract/ops/draft.ts';
import type { Decision, KnownDepartment } from './review.ts';

export interface DraftState {
  draft: DraftPlan;
  decisions: Record<string, Decision>;
  mapped: Record<string, KnownDepartment>;
}

export interface DraftSession {
  read: DraftRead;
  /** by the draft's plan id */
  states: Record<string, DraftState>;
  /** the tab shown */
  tab: number;
}

const KEY = (id: string) => `plandesk.draft.${id}`;
const memory = new Map<string, DraftSession>();

export function newDraftId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Stores the session; false when only memory holds it (a reload would lose it). */
export function saveDraftSession(id: string, s: DraftSession): boolean {
  memory.set(id, s);
  try {
    sessionStorage.setItem(KEY(id), JSON.stringify(s));
    return true;
  } catch {
    return false;
  }
}

export function loadDraftSession(id: string): DraftSession | null {
  const m = memory.get(id);
  if (m) return m;
  try {
    const raw = sessionStorage.getItem(KEY(id));
    if (!raw) return null;
    const s: unknown = JSON.parse(raw);
    if (!isSession(s)) return null;
    memory.set(id, s);
    return s;
  } catch {
    return null;
  }
}

export function dropDraftSession(id: string): void {
  memory.delete(id);
  try {
    sessionStorage.removeItem(KEY(id));
  } catch {
    /* nothing stored */
  }
}

/** A stored session as this version writes it (an older or damaged one is not taken). */
function isSession(v: unknown): v is DraftSession {
  if (typeof v !== 'object' || v === null || !('read' in v) || !('states' in v) || !('tab' in v)) return false;
  const { read, states, tab } = v;
  return (
    typeof tab === 'number' && typeof states === 'object' && states !== null && typeof read === 'object' && read !== null &&
    'drafts' in read && Array.isArray(read.drafts) && 'fileName' in read && typeof read.fileName === 'string'
  );
}
