/**
 * The server side of the boundary, shared by the Electron IPC handler and the web host: takes an
 * operation name and untrusted input, refuses unknown operations and invalid input, runs the
 * handler, and always answers with a plain result, never a thrown exception.
 */
import type { z } from 'zod';
import { operations, type OperationName } from '../contract/operations.ts';
import type { ApiError, ApiResult } from '../contract/result.ts';
import type { StoreContext } from './context.ts';
import { busyRefusal, toApiError } from './api-error.ts';
import { handlers } from './handlers.ts';
import { forbiddenCharacter, type ForbiddenCharacter } from '../domain/text.ts';
import { changes as changesSchema } from '../contract/changes.ts';
import { everythingChanged } from './audit/changes.ts';
import { historyStatus } from './history/handlers.ts';

/**
 * A write's change set is checked against the contract before it leaves the core: the views apply it
 * in place, so a malformed one must never reach them. The write itself is already saved, so a change
 * set that fails the check (a bug) is replaced by "everything changed" (every view fetches again)
 * rather than reporting a saved write as refused.
 */
function checkedChanges(name: OperationName, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const checked = changesSchema.safeParse('changes' in value ? value.changes : undefined);
  if (checked.success) return value;
  console.error(`PlanDesk: ${name} answered with a change set that does not match the contract:`, checked.error.message);
  return { ...value, changes: everythingChanged() };
}

/**
 * A write that wrote something in a plan answers with that plan's undo/redo state after it (`history`,
 * contract/op.ts writeOp): the toolbar shows it without a history.status call per edit. Two indexed
 * lookups of the audit log, in the same turn as the write.
 */
function withHistory(ctx: StoreContext, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('changes' in value) || 'history' in value) return value;
  const c = value.changes;
  if (c === null || typeof c !== 'object' || !('planId' in c) || typeof c.planId !== 'string' || !('changeSetId' in c) || c.changeSetId === null) return value;
  return { ...value, history: historyStatus(ctx, c.planId) };
}

/**
 * The WAL is copied into the file (a checkpoint) a moment after a write, between edits, rather than by
 * SQLite's automatic checkpoint inside whichever commit crosses 1000 pages (~13 ms on the 100k-task
 * plan, once every hundred-odd edits). Durability is unchanged: every commit is already synced to the WAL
 * (synchronous=FULL), and a PASSIVE checkpoint never waits for a reader nor holds up a writer; the
 * automatic one stays as the fallback.
 */
const CHECKPOINT_AFTER_MS = 250;
// Each write puts the checkpoint off again, so it runs 250 ms after the LAST write (a burst of writes —
// a planner's quick edits, a client's loop — is never held up by one landing among them).
const checkpointsDue = new WeakMap<StoreContext, ReturnType<typeof setTimeout>>();
function checkpointSoon(ctx: StoreContext): void {
  if (ctx.readonly) return;
  const due = checkpointsDue.get(ctx);
  if (due !== undefined) clearTimeout(due);
  const timer = setTimeout(() => {
    checkpointsDue.delete(ctx);
    const db = ctx.db;
    if (!db.open || db.inTransaction || ctx.busyWith) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The file is busy or going away (a restore, a close): the next commit's automatic checkpoint does it.
    }
  }, CHECKPOINT_AFTER_MS);
  timer.unref?.();
  checkpointsDue.set(ctx, timer);
}

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}

function describeZodIssues(issues: z.core.$ZodIssue[]): ApiError['issues'] {
  return issues.slice(0, 50).map((i) => {
    const field = i.path.map(String).join('.') || undefined;
    let message: string;
    switch (i.code) {
      case 'invalid_type':
        message = `类型错误（应为 ${i.expected}）`;
        break;
      case 'too_big':
        message = '内容过长或数值过大';
        break;
      case 'too_small':
        message = '内容过短或数值过小';
        break;
      case 'unrecognized_keys':
        message = `不认识的字段：${i.keys.join('、')}`;
        break;
      case 'invalid_value':
        message = `取值不在允许范围内`;
        break;
      case 'invalid_format':
        message = '格式不对';
        break;
      default:
        message = '输入无效';
    }
    return { field, message: field ? `${field}：${message}` : message };
  });
}

/**
 * Paths of strings holding a character no stored text may hold (domain/text.ts): NUL, which SQLite
 * would cut the text at, and the non-characters U+FFFE/U+FFFF, which no workbook could carry.
 */
function forbiddenPaths(value: unknown, path: string, out: { field: string; bad: ForbiddenCharacter }[], depth = 0): { field: string; bad: ForbiddenCharacter }[] {
  if (out.length >= 10 || depth > 64) return out;
  if (typeof value === 'string') {
    const bad = forbiddenCharacter(value);
    if (bad) out.push({ field: path || '(输入)', bad });
  } else if (Array.isArray(value)) value.forEach((v, i) => forbiddenPaths(v, `${path}[${i}]`, out, depth + 1));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) forbiddenPaths(v, path ? `${path}.${k}` : k, out, depth + 1);
  return out;
}

export function dispatch(ctx: StoreContext, name: unknown, input: unknown): ApiResult<unknown> {
  if (!isOperationName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${String(name).slice(0, 100)}`, issues: [] } };
  }
  const parsed = operations[name].input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: '请求的数据无效，未执行', issues: describeZodIssues(parsed.error.issues), reason: 'invalidRequest' } };
  }
  const forbidden = forbiddenPaths(parsed.data, '', []);
  if (forbidden.length) {
    const message = forbidden.every((f) => f.bad === 'NUL') ? '文本中含有不可见的控制字符（NUL），未执行' : '文本中含有不可见的控制字符或非字符（NUL、U+FFFE、U+FFFF），未执行';
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message, reason: 'forbiddenCharacter', issues: forbidden.map(({ field, bad }) => ({ field, message: bad === 'NUL' ? `${field}：含有 NUL 控制字符` : `${field}：含有非字符 ${bad}` })) },
    };
  }
  // A restore job is replacing the file (db/backups/handlers.ts): no write may land in the old one.
  if (ctx.busyWith && operations[name].write) return { ok: false, error: { code: 'BUSY', message: ctx.busyWith, issues: [], reason: ctx.busyReason ?? 'busy.restore' } };
  try {
    const handler = handlers[name] as (c: StoreContext, i: unknown) => unknown;
    const value = handler(ctx, parsed.data);
    if (!operations[name].write) return { ok: true, value };
    checkpointSoon(ctx);
    return { ok: true, value: withHistory(ctx, checkedChanges(name, value)) };
  } catch (err) {
    return { ok: false, error: toApiError(busyRefusal(ctx, err)) };
  }
}
