/**
 * Applying a 报送包 to the hub's plan (issue 16), inside the push's one transaction (hub/packages/store.ts):
 * the package's changes written into hub_rows as a new version, the version row, what applying did
 * (hub_applied, with conflicts kept as data in hub_conflicts) and the audit row — all or nothing.
 *
 * - A whole-plan package (full) for a plan the hub has never seen creates the plan. A whole-plan package of
 *   the city for a plan it holds (the first package to another district) is taken as the city's changes
 *   since the city's last package on the hub: its rows compared with the plan at that version — so the
 *   districts' reports merged on the hub since, which the city's file may not hold yet, stay.
 * - A package of the city: everything taken (the city owns the plan), as the district's desktop takes it.
 * - A package of a district: refused when a change is outside the district's scope (domain/exchange/scope.ts
 *   outOfScope against the hub's current rows — the same module the desktop uses), else merged three ways
 *   against the hub's current rows with the desktop's merge (domain/exchange/merge.ts): what the city has
 *   not changed since is taken, a cell both changed is a conflict, kept (the city's value stays).
 * - A package for a plan the hub does not hold (its whole-plan package went by file) is stored, not applied.
 * Packages are stored once (hub/packages/store.ts), so a package pushed twice is applied once.
 */
import { applyActions, diffTables, merge, tablesView, type Tables } from '../../domain/exchange/merge.ts';
import { outOfScope } from '../../domain/exchange/scope.ts';
import { EXCHANGE_ENTITIES, type Action, type Change, type Row } from '../../domain/exchange/types.ts';
import { toChange, type PackageContent } from '../../package/file.ts';
import type { Account } from '../accounts/accounts.ts';
import { audit } from '../audit.ts';
import { HubError } from '../errors.ts';
import { query, type Tx } from '../pg.ts';
import { currentTables, tablesAt, touchedTables, writeVersion } from './rows.ts';
import { checkDistrictSender } from './sender.ts';

export interface Applied {
  state: 'applied' | 'conflicts' | 'unapplied';
  version: number | null;
  changeCount: number;
  conflictCount: number;
  message: string | null;
}

const emptyTables = (): Tables => new Map(EXCHANGE_ENTITIES.map((e) => [e, new Map<string, Row>()]));

/**
 * What a city package writes: every change, over whatever the hub holds — except a cell of a row the hub
 * does not hold (nor the package inserts), which would make a row of one field.
 */
function cityActions(changes: readonly Change[], now: Tables): Action[] {
  const inserted = new Set(changes.filter((c) => c.op === 'insert').map((c) => `${c.entity}\u0000${c.rowId}`));
  return changes.flatMap((c): Action[] => {
    if (c.op !== 'update') return [{ op: c.op, entity: c.entity, rowId: c.rowId, row: c.row }];
    if (!now.get(c.entity)?.has(c.rowId) && !inserted.has(`${c.entity}\u0000${c.rowId}`)) return [];
    return [{ op: 'set', entity: c.entity, rowId: c.rowId, field: c.field, from: c.base, to: c.value }];
  });
}

/** cells that differ between two states (the version's change count) */
function cellsChanged(a: Tables, b: Tables): number {
  let n = 0;
  for (const e of EXCHANGE_ENTITIES) {
    const x = a.get(e) ?? new Map<string, Row>();
    const y = b.get(e) ?? new Map<string, Row>();
    for (const [id, row] of y) {
      const old = x.get(id);
      if (old === row) continue; // untouched by applyActions: no JSON compare
      if (!old) n++;
      else for (const f of new Set([...Object.keys(old), ...Object.keys(row)])) if (JSON.stringify(old[f] ?? null) !== JSON.stringify(row[f] ?? null)) n++;
    }
    for (const id of x.keys()) if (!y.has(id)) n++;
  }
  return n;
}

export async function applyPackage(tx: Tx, packageRow: string, content: PackageContent, by: Account, address: string): Promise<Applied> {
  const m = content.manifest;
  const changes = content.lines.map(toChange);
  // the districts a package names, by id and name (status pages name them)
  if (m.recipient.kind === 'district') await learnDistrict(tx, m.planId, m.recipient.districtId, m.recipient.name);
  if (m.sender.role === 'district' && m.sender.districtId && m.sender.district) {
    const known = (await query<{ district_id: string }>(tx, 'SELECT district_id FROM hub_districts WHERE plan_id = $1 AND name = $2', [m.planId, m.sender.district])).rows[0];
    if (known && known.district_id !== m.sender.districtId)
      throw new HubError('FORBIDDEN', `报送包的“报送人”区县编号（${m.sender.districtId}）与城市枢纽所知的${m.sender.district}（${known.district_id}）不符，已拒绝，未保存。`, 'hub.packageDistrictMismatch', {
        field: 'sender.districtId',
        district: m.sender.district,
      });
    await learnDistrict(tx, m.planId, m.sender.districtId, m.sender.district);
  }

  const plan = (await query<{ current_version: number }>(tx, 'SELECT current_version FROM hub_plans WHERE plan_id = $1 FOR UPDATE', [m.planId])).rows[0];
  await checkDistrictSender(tx, m, plan !== undefined);
  let now: Tables;
  let next: Tables;
  let conflicts: ReturnType<typeof merge>['conflicts'] = [];
  if (!plan) {
    if (!m.full) return record(tx, packageRow, m.planId, { state: 'unapplied', version: null, changeCount: 0, conflictCount: 0, message: '城市枢纽上还没有这个规划（整份规划的报送包未经枢纽传送），报送包已保存，未合并' });
    now = emptyTables();
    next = applyActions(now, cityActions(changes, now));
  } else {
    // a whole-plan package is compared with the whole plan; changes need only the rows they touch
    now = m.full ? await currentTables(tx, m.planId) : await touchedTables(tx, m.planId, changes);
    if (m.sender.role === 'city') {
      let theirs = changes;
      if (m.full) {
        const lastCity = (await query<{ version: number }>(tx, "SELECT max(version) AS version FROM hub_versions WHERE plan_id = $1 AND sender = 'city'", [m.planId])).rows[0]?.version ?? null;
        const since = lastCity === null ? emptyTables() : await tablesAt(tx, m.planId, lastCity);
        theirs = diffTables(since, applyActions(emptyTables(), cityActions(changes, emptyTables())), m.sender.name, m.createdAt);
      }
      next = applyActions(now, cityActions(theirs, now));
    } else {
      const out = outOfScope(changes, m.sender.districtId!, { baseRow: (e, id) => now.get(e)?.get(id) ?? null });
      if (out.length)
        throw new HubError('FORBIDDEN', `${m.sender.district ?? ''}的报送包有 ${out.length} 处修改超出区县的范围（${out[0]!.message}），已拒绝，未保存。`, 'hub.packageOutOfScope', {
          count: out.length,
          field: out[0]!.field ?? out[0]!.entity,
        });
      const r = merge(changes, tablesView(now));
      conflicts = r.conflicts;
      next = applyActions(now, r.actions);
    }
  }
  const version = (plan?.current_version ?? 0) + 1;
  const changeCount = cellsChanged(now, next);
  const planRow = next.get('plan')?.get(m.planId) ?? null;
  const title = typeof planRow?.title === 'string' ? planRow.title : m.planTitle;
  const docNumber = typeof planRow?.doc_number === 'string' ? planRow.doc_number : null;
  if (!plan) await query(tx, 'INSERT INTO hub_plans (plan_id, title, doc_number, current_version) VALUES ($1, $2, $3, $4)', [m.planId, title, docNumber, version]);
  else await query(tx, 'UPDATE hub_plans SET title = $2, doc_number = $3, current_version = $4, updated_at = now() WHERE plan_id = $1', [m.planId, title, docNumber, version]);
  await writeVersion(tx, m.planId, version, now, next);
  const sender = m.sender.role === 'city' ? 'city' : m.sender.district!;
  const at = Number.isNaN(Date.parse(m.createdAt)) ? null : m.createdAt;
  await query(
    tx,
    `INSERT INTO hub_versions (plan_id, version, package_row, package_id, sender, author, at, change_count, label)
     VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), $8, $9)`,
    [m.planId, version, packageRow, m.packageId, sender, m.sender.name, at, changeCount, m.versionName],
  );
  const applied: Applied = {
    state: conflicts.length ? 'conflicts' : 'applied',
    version,
    changeCount,
    conflictCount: conflicts.length,
    message: conflicts.length ? `有 ${conflicts.length} 处与市里的修改冲突，保留了市里的值，待市里处理` : null,
  };
  await record(tx, packageRow, m.planId, applied);
  // every conflict in one statement (arrays bound as parameters), not one round trip each
  if (conflicts.length)
    await query(
      tx,
      `INSERT INTO hub_conflicts (package_row, n, kind, entity, row_id, field, base, mine, theirs)
       SELECT $1, c.n, c.kind, c.entity, c.row_id, c.field, c.base::jsonb, c.mine::jsonb, c.theirs::jsonb
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS c(n, kind, entity, row_id, field, base, mine, theirs)`,
      [
        packageRow,
        conflicts.map((_, i) => i + 1),
        conflicts.map((c) => c.kind),
        conflicts.map((c) => c.entity),
        conflicts.map((c) => c.rowId),
        conflicts.map((c) => c.field),
        conflicts.map((c) => JSON.stringify(c.base)),
        conflicts.map((c) => JSON.stringify(c.mine ?? c.mineRow)),
        conflicts.map((c) => JSON.stringify(c.theirs ?? c.theirsRow)),
      ],
    );
  await audit(tx, {
    accountId: by.id,
    accountName: by.name,
    action: 'package.apply',
    address,
    details: { planId: m.planId, version, packageId: m.packageId, sender, changes: changeCount, conflicts: conflicts.length, created: !plan },
  });
  return applied;
}

async function learnDistrict(tx: Tx, planId: string, districtId: string, name: string): Promise<void> {
  await query(tx, 'INSERT INTO hub_districts (plan_id, district_id, name) VALUES ($1, $2, $3) ON CONFLICT (plan_id, district_id) DO UPDATE SET name = EXCLUDED.name', [planId, districtId, name]);
}

async function record(tx: Tx, packageRow: string, planId: string, a: Applied): Promise<Applied> {
  await query(tx, 'INSERT INTO hub_applied (package_row, plan_id, version, state, change_count, conflict_count, message) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    packageRow, planId, a.version, a.state, a.changeCount, a.conflictCount, a.message,
  ]);
  return a;
}
