/**
 * The renderer's only way to the core: call an operation of the contract by name. The transport is
 * chosen once at start: the Electron preload's bridge when present, HTTP to the web host otherwise.
 * Errors arrive as ApiError values and are thrown as ApiCallError for the one notification path.
 * A write's answer carries the change set it made: it is published (api/changes.ts) to the views
 * listening to those domains before the caller gets the answer, so every view is current when it does.
 */
import { operations, type OperationInput, type OperationName, type OperationOutput } from '../../../contract/operations.ts';
import type { ApiError, ApiResult } from '../../../contract/result.ts';
import { changesIn, isChanges, publish, type Changes } from './changes.ts';
import { forgetUndoStates, publishUndoState, undoStateIn } from './history.ts';
import { afterNextFrame } from './frame.ts';

export type Bridge = { [N in OperationName]: (input: unknown) => Promise<ApiResult<unknown>> };

declare global {
  interface Window {
    plandesk?: Bridge;
  }
}

export class ApiCallError extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}

type Transport = (name: OperationName, input: unknown) => Promise<ApiResult<unknown>>;

const TOKEN_KEY = 'plandesk.token';
/** dispatched on window when the web host refuses this tab's token */
export const TOKEN_REFUSED_EVENT = 'plandesk:token-refused';

function webToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function chooseTransport(): Transport {
  const bridge = window.plandesk;
  if (bridge) return (name, input) => bridge[name](input);
  const token = webToken();
  listenToHost();
  return (name, input) => post(`./api/${encodeURIComponent(name)}`, token, JSON.stringify(input));
}

/**
 * This tab, as the web host knows it: named on every call (X-PlanDesk-Tab) and on its event stream, so the
 * host pushes this tab's own writes only to the other tabs (this one has them in the answer).
 */
const TAB_ID = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `tab-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

/**
 * One call over HTTP. XMLHttpRequest rather than fetch: its load event comes once the whole answer is in,
 * and the answer is parsed and applied in that one task. fetch resolves on the headers and reads the body
 * in further tasks, between which the page may draw a frame: an edit's stored value then waited for the
 * frame after (browser bench, 区县目标 and 任务台账 edits).
 */
function post(url: string, token: string, body: string): Promise<ApiResult<unknown>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('X-PlanDesk-Token', token);
    xhr.setRequestHeader('X-PlanDesk-Tab', TAB_ID);
    xhr.onload = () => {
      // A token this host did not make (it was restarted with a new one): say so, with a reload button (features/identity/TokenRefused.tsx).
      if (xhr.status === 401) window.dispatchEvent(new Event(TOKEN_REFUSED_EVENT));
      try {
        resolve(JSON.parse(xhr.responseText) as ApiResult<unknown>);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    xhr.onerror = () => reject(new TypeError('Failed to fetch'));
    xhr.onabort = () => reject(new TypeError('Failed to fetch'));
    xhr.send(body);
  });
}

/**
 * The web host pushes every write's change set (GET /events, server-sent events), so a change made in
 * another tab on the same host reaches this tab's views as if made here. EventSource reconnects by
 * itself after a restart of the host. (The desktop app has one window; the CLI is refused while an
 * app holds the file's lock, so no other writer exists there.)
 */
/**
 * What the host pushed, handled after the next frame rather than as it comes: another tab's change set
 * (or a write of a client naming no tab, e.g. a script) may arrive while this tab waits for its own answer,
 * and applying it then would hold up that answer. Kept in order; an own write's answer first handles what
 * came before it (pushed). This tab's own writes are not pushed back to it (X-PlanDesk-Tab).
 */
const pushed: (() => void)[] = [];
let pushedDue = false;
function handlePushed(): void {
  for (const f of pushed.splice(0)) f();
}
function queuePushed(f: () => void): void {
  pushed.push(f);
  if (pushedDue) return;
  pushedDue = true;
  afterNextFrame(() => {
    pushedDue = false;
    handlePushed();
  });
}

function listenToHost(): void {
  if (typeof EventSource === 'undefined') return;
  const events = new EventSource(`./events?tab=${encodeURIComponent(TAB_ID)}`);
  // The undo/redo state after another tab's write, sent just before its change set (web/server.ts).
  events.addEventListener('history', (e) => queuePushed(() => {
    let data: unknown;
    try {
      data = JSON.parse(String(e.data));
    } catch {
      return;
    }
    if (data === null || typeof data !== 'object' || !('planId' in data) || typeof data.planId !== 'string' || !('changeSetId' in data) || typeof data.changeSetId !== 'number') return;
    const state = undoStateIn(data);
    if (state) publishUndoState(data.planId, data.changeSetId, state);
  }));
  events.addEventListener('changes', (e) => queuePushed(() => {
    let data: unknown;
    try {
      data = JSON.parse(String(e.data));
    } catch {
      return;
    }
    if (isChanges(data)) publishChanges(data, null);
  }));
}

/** The undo/redo state first (the toolbar then needs no history.status for this change set), then the change set. */
function publishChanges(changes: Changes, answer: unknown): void {
  if (changes.everything) forgetUndoStates();
  const state = answer === null ? null : undoStateIn(answer);
  if (state && changes.planId !== null && changes.changeSetId !== null) publishUndoState(changes.planId, changes.changeSetId, state);
  publish(changes);
}

let transport: Transport | null = null;

/** The writes sent and not yet answered. An edit shows at once (optimistic), so the planner can press Ctrl+Z
 * before its write is answered: undo and redo wait for these first, or they would undo the change before it. */
const writesInFlight = new Set<Promise<unknown>>();

/** Resolves once every write sent so far is answered (refused or not). */
export function writesSettled(): Promise<void> {
  return Promise.allSettled([...writesInFlight]).then(() => undefined);
}

const isWriteOp = (name: OperationName): boolean => 'write' in operations[name] && operations[name].write === true;

export async function call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  if (!isWriteOp(name)) return send(name, input);
  const sent = send(name, input);
  writesInFlight.add(sent);
  try {
    return await sent;
  } finally {
    writesInFlight.delete(sent);
  }
}

async function send<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  transport ??= chooseTransport();
  let result: ApiResult<unknown>;
  try {
    result = await transport(name, input);
  } catch (err) {
    // The host is gone (stopped, crashed, the machine asleep): said as such, with what to do (the transport's
    // own "Failed to fetch" tells a planner nothing); nothing was saved.
    console.error('PlanDesk: the host did not answer', name, err);
    throw new ApiCallError(
      isWriteOp(name)
        ? { code: 'OFFLINE', message: '无法连接规划工作台后台，这次修改没有保存。请确认后台仍在运行（npm run web），然后重新输入', issues: [], reason: 'offline' }
        : { code: 'OFFLINE', message: '无法连接规划工作台后台，内容没有载入。请确认后台仍在运行（npm run web），然后重试', issues: [], reason: 'offlineRead' },
    );
  }
  if (!result.ok) throw new ApiCallError(result.error);
  const changes = changesIn(name, result.value);
  if (changes) {
    // Another tab's change sets pushed before this answer are applied before it (they are older).
    if (pushed.length) handlePushed();
    publishChanges(changes, result.value);
  }
  return result.value as OperationOutput<N>;
}
