/**
 * Typed errors of the core. Every refusal carries a stable `code` and a Chinese message a planner
 * can act on; `field`/`row` say which cell or record it concerns. At the API boundary these become
 * plain `{ ok: false, error }` results (see contract/result.ts).
 */
export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_OPERATION',
  'NOT_PLANDESK_FILE',
  'DAMAGED_FILE',
  'SCHEMA_TOO_NEW',
  'FILE_EXISTS',
  'FILE_NOT_FOUND',
  'READ_ONLY',
  'BUSY',
  'DISK_FULL',
  'FORBIDDEN',
  'INTERNAL',
  // a server this file talks to (the city hub) cannot be reached or is down: nothing was changed (s7-sync16)
  'UNAVAILABLE',
  // the write would take records with it (a plan's district with values or tasks): ask, then call again with confirm
  'NEEDS_CONFIRMATION',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * What a refusal says, for a UI in another language: a stable `reason` (a key of the renderer's
 * catalogue, renderer/src/i18n/messages/errors.ts, as `err.<reason>`) and the values it names
 * (`params`: data such as names and numbers, shown as written). The Chinese message stays for the
 * CLI, the exports and a reason the catalogue does not know.
 */
export type ErrorParams = Record<string, string | number>;
export interface Reason {
  reason: string;
  params?: ErrorParams;
}

export interface ErrorIssue {
  /** field, column or path the problem concerns, e.g. "title" or "targets[3].value" */
  field?: string | undefined;
  /** 1-based row number where the input is tabular */
  row?: number | undefined;
  message: string;
  reason?: string | undefined;
  params?: ErrorParams | undefined;
}

export class PlanDeskError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];
  readonly reason: string | undefined;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, message: string, issues: ErrorIssue[] = [], why?: Reason) {
    super(message);
    this.name = 'PlanDeskError';
    this.code = code;
    this.issues = issues;
    this.reason = why?.reason;
    this.params = why?.params;
  }
}

export function invalid(message: string, issues: ErrorIssue[] = [], why?: Reason): PlanDeskError {
  return new PlanDeskError('INVALID_INPUT', message, issues, why);
}

/** What `notFound` names, as a stable word for the catalogue (err.what.<key>); anything else is 'item'. */
const WHAT: Record<string, string> = {
  任务: 'task', 本规划的任务: 'task', 规划: 'plan', '规划（编号或文号）': 'plan', 版本: 'version', 指标: 'indicator', 本规划的指标: 'indicator',
  本规划的产业集群: 'cluster', 备份: 'backup', 批注: 'comment', '任务进度（可能已取回或已过期）': 'job', 密钥: 'key', 信任的密钥: 'key',
};

export function notFound(what: string, id: string): PlanDeskError {
  return new PlanDeskError('NOT_FOUND', `找不到${what}：${id}`, [], { reason: 'notFound', params: { what: WHAT[what] ?? 'item', id } });
}

/** The `code` of a Node (ENOSPC…) or better-sqlite3 (SQLITE_FULL…) error, or ''. */
export function errorCodeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
}

/** The file system refuses writing here: a read-only medium or mount, or no permission. */
export const READ_ONLY_FS_CODES: readonly string[] = ['EROFS', 'EACCES', 'EPERM'];
/** The file system has no room: a full disk or an exhausted quota. */
export const DISK_FULL_FS_CODES: readonly string[] = ['ENOSPC', 'EDQUOT'];

export function diskFullAtOpen(file: string, freeBytes: number | null): PlanDeskError {
  const free = freeBytes === null ? '' : `（剩余 ${Math.floor(freeBytes / 1024)} KB）`;
  return new PlanDeskError(
    'DISK_FULL',
    `磁盘空间不足${free}，无法打开“${file}”。这不是文件损坏，文件没有被修改。请释放磁盘空间后再打开。`,
  );
}

export function readOnlyAtOpen(file: string, why: string): PlanDeskError {
  return new PlanDeskError(
    'READ_ONLY',
    `“${file}”是只读的（${why}），不能编辑。可以以只读方式查看，或把它另存到可写的位置。文件没有被修改。`,
  );
}

/** Maps SQLite's own failures to typed errors so callers never see a raw driver message. */
export function fromSqliteError(err: unknown): PlanDeskError {
  if (err instanceof PlanDeskError) return err;
  const code = errorCodeOf(err);
  const text = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_FULL' || DISK_FULL_FS_CODES.includes(code))
    return new PlanDeskError('DISK_FULL', '磁盘空间已满，本次修改没有保存。请释放磁盘空间后重试。', [], { reason: 'diskFull' });
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || READ_ONLY_FS_CODES.includes(code))
    return new PlanDeskError('READ_ONLY', '规划文件是只读的，本次修改没有保存。请检查文件或文件夹的写入权限。', [], { reason: 'readOnly' });
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED')
    return new PlanDeskError('BUSY', '规划文件正被另一个程序使用，本次修改没有保存。请关闭其他程序后重试。', [], { reason: 'busy.file' });
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new PlanDeskError('DAMAGED_FILE', '规划文件已损坏，无法读取。请从备份恢复。', [], { reason: 'damaged' });
  return new PlanDeskError('INTERNAL', `内部错误：${text}`);
}

/**
 * A host that cannot open the file for writing because the medium, folder or -wal/-shm is read-only, or
 * there is no room to write beside it, shows it read-only instead (with the reason) rather than not at all.
 */
export function opensReadOnlyInstead(err: unknown): err is PlanDeskError {
  return err instanceof PlanDeskError && (err.code === 'READ_ONLY' || err.code === 'DISK_FULL');
}
