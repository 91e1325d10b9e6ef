/**
 * The hub's words in the page's language: a refusal (the hub's Chinese message in Chinese; in English
 * `err.<reason>` of the catalogue filled with its params, else a text per code), times (the plan's
 * calendar, Asia/Shanghai, as the desktop shows them) and compared values.
 */
import type { HubRole } from './session.ts';
import { currentLanguage, hasMessage, t } from '../i18n/index.ts';
import { HubCallError } from './api.ts';

/** The account form's fields, by their key or by the Chinese label the hub's message names them with. */
const FIELDS: Record<string, string> = { name: 'hubweb.acc.name', 账号名: 'hubweb.acc.name', role: 'hubweb.acc.role', district: 'hubweb.acc.district', 区县: 'hubweb.acc.district', 所属区县: 'hubweb.acc.district', department: 'hubweb.acc.department', 部门: 'hubweb.acc.department', password: 'hubweb.acc.password' };

function vars(params: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' ? v : String(v);
  const field = typeof params.field === 'string' ? FIELDS[params.field] : undefined;
  if (field && hasMessage(field)) out.field = t(field);
  if (typeof params.role === 'string' && hasMessage(`hubweb.role.${params.role}`)) out.role = t(`hubweb.role.${params.role}` as never);
  return out;
}

export function errorText(err: unknown): string {
  if (!(err instanceof HubCallError)) return err instanceof Error ? err.message : String(err);
  if (err.reason?.startsWith('hubweb.') && hasMessage(`hubweb.err.${err.reason.slice(7)}`)) return t(`hubweb.err.${err.reason.slice(7)}` as never, vars(err.params));
  if (currentLanguage() !== 'en') return err.message;
  const key = `err.${err.reason ?? ''}`;
  if (err.reason && hasMessage(key)) return t(key as never, vars(err.params));
  return hasMessage(`err.hubcode.${err.code}`) ? t(`err.hubcode.${err.code}` as never) : t('hubweb.err.unknown');
}

export const roleName = (role: HubRole): string => t(`hubweb.role.${role}`);

/** An ISO time as the planners read it: the plan's calendar (Asia/Shanghai), to the minute. */
export function shownTime(at: string | null | undefined): string {
  if (!at) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

export function shownValue(v: string | number | null | string[]): string {
  if (v === null) return '—';
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}
