/**
 * The administrator's account calls of the hub's admin page (issue 16: "an admin page for the same" as
 * `plandesk hub user add|disable|list`): create and enable here, beside list and disable in
 * server/routes.ts. The same core as the CLI (accounts.ts: the same name, role, district and password
 * rules), one transaction with its audit row; a refusal names the field in Chinese (params.field the
 * form's field name, so the page can mark it).
 */
import { z } from 'zod';
import { hubAccountCreate } from '../../contract/hub.ts';
import { HubError } from '../errors.ts';
import { ROLE_NAMES } from '../roles.ts';
import type { Route } from '../server/routes.ts';
import { addAccount, enableAccount, type Account } from './accounts.ts';

/** The form's fields as the page and its messages name them. */
const FIELD_NAMES: Record<string, string> = { name: '账号名', role: '角色', district: '所属区县', department: '部门', password: '初始密码' };
/** The core's reasons for a field, for the page (the core's messages are the CLI's). */
const FIELD_OF_REASON: Record<string, string> = {
  'hub.unknownRole': 'role',
  'hub.districtRequired': 'district',
  'hub.districtNotAllowed': 'district',
  'hub.passwordWeak': 'password',
  'hub.accountExists': 'name',
};
const LABEL_FIELD: Record<string, string> = { 账号名: 'name', 区县: 'district', 部门: 'department' };

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const key = String(r.error.issues[0]?.path[0] ?? '');
  const label = FIELD_NAMES[key] ?? (key || '请求');
  throw new HubError('INVALID_INPUT', `“${label}”缺失或格式不对。`, 'hub.badField', { field: key || 'body', label });
}

/** The core's refusal told for the form: the field it is about in params.field; the CLI's flag names put in the form's words. */
function forForm(err: unknown, role: string): unknown {
  if (!(err instanceof HubError)) return err;
  const field = FIELD_OF_REASON[err.reason] ?? (typeof err.params?.field === 'string' ? LABEL_FIELD[err.params.field] : undefined);
  if (!field) return err;
  let message = err.message;
  if (err.reason === 'hub.districtRequired') message = '区县账号必须填写“所属区县”。';
  if (err.reason === 'hub.districtNotAllowed') message = `只有区县账号才有所属区县（${ROLE_NAMES[role as keyof typeof ROLE_NAMES] ?? role}不能填写“所属区县”）。`;
  return new HubError(err.code, message, err.reason, { ...err.params, field }, err.retryAfter);
}

const me = (a: Account) => ({ ...a, roleName: ROLE_NAMES[a.role] });

export const adminAccountRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/accounts',
    permission: 'accounts.create',
    async handle({ hub, seen, body, session }) {
      const input = parseBody(hubAccountCreate, body);
      const by = { name: session!.account.name, accountId: session!.account.id, address: seen.address };
      try {
        const account = await addAccount(hub.db, { name: input.name, role: input.role, district: input.district ?? undefined, department: input.department ?? undefined, password: input.password }, by);
        return { body: { account: me(account) } };
      } catch (err) {
        throw forForm(err, input.role);
      }
    },
  },
  {
    method: 'POST',
    path: '/api/accounts/enable',
    permission: 'accounts.enable',
    async handle({ hub, seen, body, session }) {
      const { name } = parseBody(z.object({ name: z.string().min(1).max(64) }), body);
      const account = await enableAccount(hub.db, name, { name: session!.account.name, accountId: session!.account.id, address: seen.address });
      return { body: { account: me(account) } };
    },
  },
];
