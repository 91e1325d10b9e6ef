/** A call's JSON body checked against its schema: a refusal names the first field that is missing or wrong. */
import type { z } from 'zod';
import { HubError } from '../errors.ts';

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const field = r.error.issues[0]?.path.join('.') || '请求';
    throw new HubError('INVALID_INPUT', `请求的“${field}”缺失或格式不对。`, 'hub.badInput', { field });
  }
  return r.data;
}
