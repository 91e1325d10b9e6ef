/**
 * The hub's refusals: a stable `code`, the HTTP status it is answered with, a Chinese message a
 * planner can act on and an English `reason` key (like the desktop's db/errors.ts reasons) with the
 * values it names. Every answer that is not a success is `{ error: { code, message, reason, params } }`.
 */
export const hubErrorStatus = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  THROTTLED: 429,
  LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  SCHEMA_TOO_NEW: 500,
  INTERNAL: 500,
} as const;
export type HubErrorCode = keyof typeof hubErrorStatus;
export type HubErrorParams = Record<string, string | number>;

export class HubError extends Error {
  readonly code: HubErrorCode;
  readonly reason: string;
  readonly params: HubErrorParams | undefined;
  /** seconds until a throttled or locked request may be tried again (Retry-After) */
  readonly retryAfter: number | undefined;
  constructor(code: HubErrorCode, message: string, reason: string, params?: HubErrorParams, retryAfter?: number) {
    super(message);
    this.name = 'HubError';
    this.code = code;
    this.reason = reason;
    this.params = params;
    this.retryAfter = retryAfter;
  }
  get status(): number {
    return hubErrorStatus[this.code];
  }
  toJSON(): { code: HubErrorCode; message: string; reason: string; params?: HubErrorParams } {
    return { code: this.code, message: this.message, reason: this.reason, ...(this.params ? { params: this.params } : {}) };
  }
}

export const unavailable = (): HubError =>
  new HubError('UNAVAILABLE', '城市枢纽的数据库暂时无法连接，请稍后再试（已提交的数据不受影响）。', 'hub.unavailable');

/**
 * The read pool is full and its queue too (hub/server/http.ts admission): answered at once, with
 * Retry-After, instead of waiting without bound. Nothing is wrong with the data; ask again shortly.
 */
export const busy = (retryAfterSeconds = 1): HubError =>
  new HubError('UNAVAILABLE', '城市枢纽正忙（查询排队已满），请稍后再试（已提交的数据不受影响）。', 'hub.busy', undefined, retryAfterSeconds);
