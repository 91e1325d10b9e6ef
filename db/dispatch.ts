/**
 * The server side of the boundary, shared by the Electron IPC handler and the web host: takes an
 * operation name and untrusted input, refuses unknown operations and invalid input, runs the
 * handler, and always answers with a plain result, never a thrown exception.
 */
import type { z } from 'zod';
import { operations, type OperationName } from '../contract/operations.ts';
import type { ApiError, ApiResult } from '../contract/result.ts';
import type { StoreContext } from './context.ts';
import { PlanDeskError } from './errors.ts';
import { handlers } from './handlers.ts';
import { forbiddenCharacter } from '../contract/text-rules.ts';

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

export function toApiError(err: unknown): ApiError {
  if (err instanceof PlanDeskError) return { code: err.code, message: err.message, issues: err.issues };
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误：${text}`, issues: [] };
}

/** Paths of strings holding a character no plan text may hold (contract/text-rules.ts): such input is refused. */
function nulPaths(value: unknown, path: string, out: string[], depth = 0): string[] {
  if (out.length >= 10 || depth > 64) return out;
  if (typeof value === 'string') {
    if (forbiddenCharacter(value)) out.push(path || '(输入)');
  } else if (Array.isArray(value)) value.forEach((v, i) => nulPaths(v, `${path}[${i}]`, out, depth + 1));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nulPaths(v, path ? `${path}.${k}` : k, out, depth + 1);
  return out;
}

export function dispatch(ctx: StoreContext, name: unknown, input: unknown): ApiResult<unknown> {
  if (!isOperationName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `未知的操作：${String(name).slice(0, 100)}`, issues: [] } };
  }
  const parsed = operations[name].input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: '请求的数据无效，未执行', issues: describeZodIssues(parsed.error.issues) } };
  }
  const withNul = nulPaths(parsed.data, '', []);
  if (withNul.length) {
    return {
      ok: false,
      error: { code: 'INVALID_INPUT', message: '文本中含有不可见的控制字符（NUL）或非字符（U+FFFE、U+FFFF），未执行', issues: withNul.map((field) => ({ field, message: `${field}：含有 NUL 控制字符或 U+FFFE/U+FFFF 非字符` })) },
    };
  }
  try {
    const handler = handlers[name] as (c: StoreContext, i: unknown) => unknown;
    return { ok: true, value: handler(ctx, parsed.data) };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}
