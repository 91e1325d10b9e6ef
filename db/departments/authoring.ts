/**
 * Editing the common list of departments (issue 14 §1): create, rename, aliases, order, delete, and
 * merging two spellings of one department (市金融工作局 into 市金融监管局). Departments belong to no
 * plan; a write names the plan the planner works in, whose undo stack holds the step. Checked first,
 * then one runChange recording every row touched (aliases, task links, the merge record), so undo
 * restores all of it.
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid, notFound, type ErrorIssue } from '../errors.ts';
import { runChange, type ChangeRecorder, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import { currentAuthor } from '../identity/author.ts';
import { getPlanRow } from '../plans/read.ts';
import { typedTextProblem } from '../../domain/text.ts';
import { nameCharacterProblem } from '../../domain/name-text.ts';
import type { DepartmentEntry, DepartmentMerge } from '../../contract/ops/departments.ts';
import { applyOrder } from '../clusters/authoring.ts';
import { clampPosition, moved } from '../clusters/order.ts';
import { encodeLinks, linkField, readLinks, writeLinks, type Link } from '../history/links.ts';
import { departmentEditQueries as eq, departmentQueries, type DepartmentMergeRow, type DepartmentRow } from './queries.ts';

const toMerge = (m: DepartmentMergeRow): DepartmentMerge => ({
  id: m.id, fromDepartmentId: m.from_department_id, fromName: m.from_name, intoDepartmentId: m.into_department_id,
  taskLinks: m.task_links, mergedAt: m.merged_at, mergedBy: m.merged_by,
});

export function departmentEntries(ctx: StoreContext): DepartmentEntry[] {
  const merges = eq(ctx.db).merges.all();
  return eq(ctx.db)
    .ordered.all()
    .map((r) => ({
      id: r.id, name: r.name, aliases: JSON.parse(r.aliases) as string[], taskCount: r.task_count,
      merges: merges.filter((m) => m.into_department_id === r.id).map(toMerge),
    }));
}

function departmentOf(ctx: StoreContext, id: string): DepartmentRow {
  const d = departmentQueries(ctx.db).byId.get(id);
  if (!d) throw notFound('部门', id);
  return d;
}

/** A department's name or alias as typed: trimmed, not blank, typed-text rules, not another department's name or alias. */
export function checkDepartmentName(ctx: StoreContext, raw: string, selfId: string | null, field: string, what: string): { ok: true; value: string } | { ok: false; issue: ErrorIssue } {
  const name = raw.trim();
  if (!name) return { ok: false, issue: { field, message: `${what}不能为空` } };
  const problem = typedTextProblem(name, 500) ?? nameCharacterProblem(name);
  if (problem) return { ok: false, issue: { field, message: `${what}“${name.slice(0, 40)}”${problem}` } };
  const byName = departmentQueries(ctx.db).byName.get(name);
  if (byName && byName.id !== selfId) return { ok: false, issue: { field, message: `${what}“${name}”已是部门“${byName.name}”的名称` } };
  const owner = eq(ctx.db).aliasOwner.get(name);
  if (owner && owner.department_id !== selfId) return { ok: false, issue: { field, message: `${what}“${name}”已是部门“${owner.name}”的简称或别名` } };
  return { ok: true, value: name };
}

function checkAliases(ctx: StoreContext, raw: readonly string[], selfId: string | null, selfName: string, issues: ErrorIssue[]): string[] {
  const out: string[] = [];
  raw.forEach((a, i) => {
    const c = checkDepartmentName(ctx, a, selfId, `aliases[${i}]`, '简称/别名');
    if (!c.ok) issues.push(c.issue);
    else if (c.value === selfName) issues.push({ field: `aliases[${i}]`, message: `简称/别名“${c.value}”与部门名称相同` });
    else if (!out.includes(c.value)) out.push(c.value);
  });
  return out;
}

export function createDepartment(ctx: StoreContext, input: { planId: string; name: string; aliases?: string[] | undefined; position?: number | undefined }): WithChanges<{ id: string }> {
  getPlanRow(ctx, input.planId);
  const issues: ErrorIssue[] = [];
  const name = checkDepartmentName(ctx, input.name, null, 'name', '部门名称');
  if (!name.ok) issues.push(name.issue);
  const aliases = checkAliases(ctx, input.aliases ?? [], null, name.ok ? name.value : '', issues);
  if (issues.length || !name.ok) throw invalid(`新部门有 ${issues.length} 处错误，未添加：${issues.map((x) => x.message).join('；')}`, issues);
  const id = randomUUID();
  const list = eq(ctx.db).ordered.all();
  return runChange(ctx, { label: `添加部门“${name.value}”`, planId: input.planId }, (rec) => {
    let order: number | null = null;
    if (input.position !== undefined) {
      const at = clampPosition(input.position, list.length);
      const ids: (string | null)[] = list.map((r) => r.id);
      ids.splice(at, 0, null);
      applyOrder(rec, 'department', list, ids, (o, x) => eq(ctx.db).setOrder.run(o, x));
      order = at + 1;
    }
    eq(ctx.db).insert.run({ id, name: name.value, sort_order: order });
    rec.inserted('department', id);
    for (const a of aliases) {
      departmentQueries(ctx.db).insertAlias.run(a, id);
      rec.inserted('department_alias', a);
    }
    return { id };
  });
}

export function renameDepartment(ctx: StoreContext, input: { planId: string; departmentId: string; name: string }): WithChanges<{ changed: boolean }> {
  getPlanRow(ctx, input.planId);
  const d = departmentOf(ctx, input.departmentId);
  const name = checkDepartmentName(ctx, input.name, d.id, 'name', '部门名称');
  if (!name.ok) throw invalid(name.issue.message, [name.issue]);
  if (name.value === d.name) return { changed: false, changes: noChanges(input.planId) };
  // The new name may have been one of its own aliases: it is then the name, no longer an alias.
  const ownAlias = eq(ctx.db).aliasOwner.get(name.value);
  return runChange(ctx, { label: `部门“${d.name}”改名为“${name.value}”`, planId: input.planId }, (rec) => {
    if (ownAlias) {
      rec.removing('department_alias', name.value);
      eq(ctx.db).removeAlias.run(name.value);
    }
    eq(ctx.db).rename.run(name.value, d.id);
    rec.update('department', d.id, 'name', d.name, name.value);
    return { changed: true };
  });
}

export function setDepartmentAliases(ctx: StoreContext, input: { planId: string; departmentId: string; aliases: string[] }): WithChanges<{ changed: number }> {
  getPlanRow(ctx, input.planId);
  const d = departmentOf(ctx, input.departmentId);
  const issues: ErrorIssue[] = [];
  const next = checkAliases(ctx, input.aliases, d.id, d.name, issues);
  if (issues.length) throw invalid(`部门“${d.name}”的简称/别名有 ${issues.length} 处错误，未保存：${issues.map((x) => x.message).join('；')}`, issues);
  const current = eq(ctx.db).aliasesOf.all(d.id).map((r) => r.alias);
  const removed = current.filter((a) => !next.includes(a));
  const added = next.filter((a) => !current.includes(a));
  if (removed.length + added.length === 0) return { changed: 0, changes: noChanges(input.planId) };
  return runChange(ctx, { label: `修改部门“${d.name}”的简称/别名`, planId: input.planId }, (rec) => {
    for (const a of removed) {
      rec.removing('department_alias', a);
      eq(ctx.db).removeAlias.run(a);
    }
    for (const a of added) {
      departmentQueries(ctx.db).insertAlias.run(a, d.id);
      rec.inserted('department_alias', a);
    }
    return { changed: removed.length + added.length };
  });
}

export function moveDepartment(ctx: StoreContext, input: { planId: string; departmentId: string; position: number }): WithChanges<{ position: number }> {
  getPlanRow(ctx, input.planId);
  const d = departmentOf(ctx, input.departmentId);
  const list = eq(ctx.db).ordered.all();
  const ids = moved(list.map((r) => r.id), d.id, input.position);
  const at = ids.indexOf(d.id);
  return runChange(ctx, { label: `移动部门“${d.name}”到第 ${at + 1} 位`, planId: input.planId }, (rec) => {
    applyOrder(rec, 'department', list, ids, (o, x) => eq(ctx.db).setOrder.run(o, x));
    return { position: at };
  });
}

/** The tasks naming a department, as a planner reads them: "规划标题 任务 19 标题". */
function taskNames(ctx: StoreContext, departmentId: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of eq(ctx.db).tasksOf.all(departmentId)) {
    if (seen.has(t.task_id)) continue;
    seen.add(t.task_id);
    out.push(`《${t.plan_title}》任务 ${t.number} ${t.title}`.replace(/\s+/g, ' ').slice(0, 120));
  }
  return out;
}

export function deleteDepartment(ctx: StoreContext, input: { planId: string; departmentId: string }): WithChanges<{ deleted: boolean }> {
  getPlanRow(ctx, input.planId);
  const d = departmentOf(ctx, input.departmentId);
  const tasks = taskNames(ctx, d.id);
  if (tasks.length) {
    const shown = tasks.slice(0, 20);
    throw new PlanDeskError(
      'CONFLICT',
      `部门“${d.name}”仍是 ${tasks.length} 项任务的牵头或配合单位，不能删除。请先在这些任务中换掉它，或把它合并到另一个部门：${shown.join('；')}${tasks.length > shown.length ? ` 等` : ''}`,
      shown.map((t) => ({ field: 'tasks', message: t })),
    );
  }
  return runChange(ctx, { label: `删除部门“${d.name}”`, planId: input.planId }, (rec) => {
    for (const { alias } of eq(ctx.db).aliasesOf.all(d.id)) {
      rec.removing('department_alias', alias);
      eq(ctx.db).removeAlias.run(alias);
    }
    rec.removing('department', d.id);
    eq(ctx.db).remove.run(d.id);
    return { deleted: true };
  });
}

/**
 * Repoints every task link of `from` to `intoId` (a task naming both keeps one, at the first place),
 * recorded per task and role. A repointed link keeps the spelling it had as the document's wording
 * (task_departments.as_written, migration 009): after merging 市金融工作局 into 市金融监管局 the task
 * still says 市金融工作局, beside the department it now links.
 */
function repointTasks(ctx: StoreContext, rec: ChangeRecorder, from: DepartmentRow, intoId: string): number {
  const links = eq(ctx.db).tasksOf.all(from.id);
  const seen = new Set<string>();
  for (const l of links) {
    const key = `${l.task_id}|${l.role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const before = readLinks(ctx.db, l.task_id, l.role);
    const after: Link[] = [];
    for (const x of before) {
      const y: Link = x.id === from.id ? { id: intoId, asWritten: x.asWritten ?? from.name } : x;
      if (!after.some((a) => a.id === y.id)) after.push(y);
    }
    writeLinks(ctx.db, l.task_id, l.role, after);
    rec.update('task', l.task_id, linkField(l.role), encodeLinks(before), encodeLinks(after));
  }
  return links.length;
}

export function mergeDepartments(ctx: StoreContext, input: { planId: string; fromId: string; intoId: string }): WithChanges<{ merge: DepartmentMerge }> {
  getPlanRow(ctx, input.planId);
  const from = departmentOf(ctx, input.fromId);
  const into = departmentOf(ctx, input.intoId);
  if (from.id === into.id) throw invalid(`不能把部门“${from.name}”合并到它自己`, [{ field: 'intoId', message: '请选择另一个部门' }]);
  const q = eq(ctx.db);
  return runChange(ctx, { label: `合并部门“${from.name}”到“${into.name}”`, planId: input.planId }, (rec) => {
    const links = repointTasks(ctx, rec, from, into.id);
    for (const { alias } of q.aliasesOf.all(from.id)) {
      q.moveAlias.run(into.id, alias);
      rec.update('department_alias', alias, 'department_id', from.id, into.id);
    }
    rec.removing('department', from.id);
    q.remove.run(from.id);
    departmentQueries(ctx.db).insertAlias.run(from.name, into.id);
    rec.inserted('department_alias', from.name);
    const row: DepartmentMergeRow = {
      id: randomUUID(), from_department_id: from.id, from_name: from.name, into_department_id: into.id, task_links: links,
      merged_at: ctx.now(), merged_by: currentAuthor(ctx).name,
    };
    q.insertMerge.run(row);
    rec.inserted('department_merge', row.id);
    return { merge: toMerge(row) };
  });
}
