/**
 * The hub's words in the page's language: a refusal (the hub's Chinese message in Chinese; in English
 * `err.<reason>` of the catalogue filled with its params, else a text per code), times (the plan's
 * calendar, Asia/Shanghai, as the desktop shows them) and compared values.
 */
import type { HubAuditEntry, HubCompareRow, HubVersion } from '../../../contract/hub.ts';
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

// s7-hubkeys: the hub's labels said in the page's language from their parts (plan content — names, titles — as written)

/** a version's label: the city's package to a district, or a district's report, and its number */
export function versionLabel(v: HubVersion): string {
  if (v.senderKind === 'district') return t('hubweb.version.district', { district: v.district ?? '', seq: v.seq });
  return v.district ? t('hubweb.version.city', { district: v.district, seq: v.seq }) : t('hubweb.version.cityAll', { seq: v.seq });
}

const KIND_KEYS: Record<string, 'hubweb.kind.target' | 'hubweb.kind.actual' | 'hubweb.kind.expected'> = { target: 'hubweb.kind.target', actual: 'hubweb.kind.actual', expected: 'hubweb.kind.expected' };

/** a compared record named for people: 江津区 营业收入 2025 实际值 / 江津区 营业收入 2025 actual */
export function recordLabel(r: HubCompareRow): string {
  const x = r.record;
  if (r.entity === 'plan') return t('hubweb.rec.plan');
  if (r.entity === 'plan_district') return t('hubweb.rec.planDistrict', { district: x.district ?? r.rowId });
  if (r.entity === 'target') {
    const kind = x.kind ? (KIND_KEYS[x.kind] ? t(KIND_KEYS[x.kind]!) : x.kind) : '';
    return [x.district, x.name, [x.year, x.period].filter((p) => p !== null && p !== '').join(' '), kind].filter((p) => p !== null && p !== '').join(' ');
  }
  if (r.entity === 'task') return t('hubweb.rec.task', { number: x.number ?? '', title: x.name ?? '' }).trim();
  return x.name ?? r.rowId;
}

/** an audit row's details worded per action from its named params; the raw details for an action not worded here */
export function auditDetail(e: HubAuditEntry): string {
  const key = `hubweb.auditDetail.${e.action}`;
  if (!hasMessage(key)) return e.detail ?? '';
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.params)) p[k] = v === null ? '—' : typeof v === 'number' ? v : String(v);
  if (typeof e.params.role === 'string' && hasMessage(`hubweb.role.${e.params.role}`)) p.role = t(`hubweb.role.${e.params.role}` as never);
  if (e.params.role === 'city') p.role = t('hubweb.keys.roleCity');
  if (e.params.sender === 'city') p.sender = t('hubweb.audit.city');
  if (e.params.recipient === 'city') p.recipient = t('hubweb.audit.city');
  if (e.action === 'key.trust' || e.action === 'key.revoke') p.use = e.params.role === 'city' ? t('hubweb.keys.roleCity') : String(e.params.district ?? '');
  // a refusal: the reason's own words in English (the hub's Chinese message in Chinese)
  if (e.action === 'package.refused') {
    const reason = typeof e.params.reason === 'string' ? `err.${e.params.reason}` : '';
    p.message = currentLanguage() === 'en' && reason && hasMessage(reason) ? t(reason as never, p) : String(e.params.message ?? '');
  }
  return t(key as never, p);
}
