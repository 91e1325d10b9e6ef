/**
 * The hub's plan reads (contract/hub.ts, each answer shaped by its schema there):
 *   GET /api/plans                               the plans the caller may read
 *   GET /api/plans/:planId/status?round=N        报送情况 of round N, default the latest (a district account: its own row)
 *   GET /api/plans/:planId/rollup?version=N      the city roll-up, summed in SQL (officers, reviewers)
 *   GET /api/plans/:planId/versions              one version per applied package
 *   GET /api/plans/:planId/compare?from=A&to=B   cell by cell (a district account: no other district's rows)
 *   GET /api/audit?q=&account=&plan=&action=&from=&to=&limit=   audit search (officers, reviewers, admin)
 * The permission table (hub/roles.ts) says which roles; a district account reads only a plan that names
 * its district, and only its district's rows of it (the same scope as its packages).
 */
import type { HubCompareRow, HubPlan } from '../../contract/hub.ts';
import type { Account } from '../accounts/accounts.ts';
import { HubError } from '../errors.ts';
import type { Db } from '../pg.ts';
import type { Route } from '../server/routes.ts';
import { compare, districtIdOf, getPlan, listPlans, rollup, searchAudit, versions } from './read.ts';
import { planStatus } from './status.ts';

const PLAN_PATH = (tail: string) => new RegExp(`^/api/plans/([^/]{1,600})/${tail}$`);

function planIdOf(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new HubError('INVALID_INPUT', '规划编号格式不对。', 'hub.badInput', { field: 'planId' });
  }
  if (id.length < 1 || id.length > 200) throw new HubError('INVALID_INPUT', '规划编号格式不对。', 'hub.badInput', { field: 'planId' });
  return id;
}

function intParam(url: URL, key: string, fallback: number | null): number | null {
  const v = url.searchParams.get(key);
  if (v === null || v === '') return fallback;
  if (!/^\d{1,9}$/.test(v)) throw new HubError('INVALID_INPUT', `参数“${key}”必须是非负整数。`, 'hub.badInput', { field: key });
  return Number(v);
}

function textParam(url: URL, key: string, max = 200): string | null {
  const v = url.searchParams.get(key);
  if (v === null || v === '') return null;
  if (v.length > max) throw new HubError('INVALID_INPUT', `参数“${key}”太长。`, 'hub.badInput', { field: key });
  return v;
}

/** The plan as the caller may read it, and (a district account) its district's id in it. */
async function readable(db: Db, a: Account, planId: string): Promise<{ plan: HubPlan; districtId: string | null }> {
  const plan = await getPlan(db, planId);
  if (a.role !== 'district') return { plan, districtId: null };
  const districtId = a.district ? await districtIdOf(db, planId, a.district) : null;
  if (!districtId)
    throw new HubError('FORBIDDEN', `区县账号（${a.district ?? ''}）只能查看本区县参与的规划，规划“${plan.title}”没有${a.district ?? ''}。`, 'hub.planNotYourDistrict', { district: a.district ?? '', planId });
  return { plan, districtId };
}

function versionIn(plan: HubPlan, v: number | null, key: string): number {
  const n = v ?? plan.version;
  if (n < 1 || n > plan.version) throw new HubError('INVALID_INPUT', `参数“${key}”：规划只有第 1 到第 ${plan.version} 版。`, 'hub.noSuchVersion', { field: key, max: plan.version });
  return n;
}

/** a district account's compare: its own rows and the city's, never another district's */
function hiddenFor(districtId: string | null) {
  return (entity: string, row: Record<string, unknown>): boolean => {
    if (districtId === null) return false;
    if (entity === 'plan_district') return row.district_id !== districtId;
    if (entity === 'target') return row.scope === 'district' && row.scope_id !== districtId;
    return false;
  };
}

export const planRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/plans',
    permission: 'plans.read',
    async handle({ hub, session }) {
      const a = session!.account;
      return { body: { plans: await listPlans(hub.db, a.role === 'district' ? (a.district ?? '') : null) } };
    },
  },
  {
    method: 'GET',
    path: PLAN_PATH('status'),
    example: '/api/plans/p-1/status',
    permission: 'plans.status',
    async handle({ hub, session, params, url }) {
      const { plan, districtId } = await readable(hub.db, session!.account, planIdOf(params[0]!));
      return { body: { plan, ...(await planStatus(hub.db, plan.planId, districtId, intParam(url, 'round', null))) } };
    },
  },
  {
    method: 'GET',
    path: PLAN_PATH('rollup'),
    example: '/api/plans/p-1/rollup',
    permission: 'plans.rollup',
    async handle({ hub, session, params, url }) {
      const { plan } = await readable(hub.db, session!.account, planIdOf(params[0]!));
      const version = versionIn(plan, intParam(url, 'version', null), 'version');
      // per (plan, version), never stale: a committed version never changes (rollup-cache.ts)
      const db = hub.db;
      return { body: { plan, version, rows: await hub.rollups.get(plan.planId, version, () => rollup(db, plan.planId, version)) } };
    },
  },
  {
    method: 'GET',
    path: PLAN_PATH('versions'),
    example: '/api/plans/p-1/versions',
    permission: 'plans.versions',
    async handle({ hub, session, params }) {
      const { plan } = await readable(hub.db, session!.account, planIdOf(params[0]!));
      return { body: { versions: await versions(hub.db, plan.planId) } };
    },
  },
  {
    method: 'GET',
    path: PLAN_PATH('compare'),
    example: '/api/plans/p-1/compare?from=1&to=1',
    permission: 'plans.compare',
    async handle({ hub, session, params, url }) {
      const { plan, districtId } = await readable(hub.db, session!.account, planIdOf(params[0]!));
      const to = versionIn(plan, intParam(url, 'to', null), 'to');
      const from = versionIn(plan, intParam(url, 'from', Math.max(1, to - 1)), 'from');
      const r: { rows: HubCompareRow[]; truncated: boolean } = await compare(hub.db, plan.planId, from, to, hiddenFor(districtId));
      return { body: { from, to, rows: r.rows, truncated: r.truncated } };
    },
  },
  {
    method: 'GET',
    path: '/api/audit',
    permission: 'audit.search',
    async handle({ hub, url }) {
      const time = (key: string) => {
        const v = textParam(url, key, 40);
        if (v !== null && Number.isNaN(Date.parse(v))) throw new HubError('INVALID_INPUT', `参数“${key}”不是有效的时间。`, 'hub.badInput', { field: key });
        return v;
      };
      const limit = intParam(url, 'limit', 50)!;
      const r = await searchAudit(hub.db, {
        q: textParam(url, 'q'),
        account: textParam(url, 'account', 64),
        plan: textParam(url, 'plan'),
        action: textParam(url, 'action', 64),
        from: time('from'),
        to: time('to'),
        limit: Math.min(Math.max(limit, 1), 200),
      });
      return { body: r };
    },
  },
];
