/**
 * Refusals a user can trigger carry a stable reason and its params besides the Chinese message
 * (db/errors.ts), and the renderer's catalogue has an English text for each (issue 13: English mode
 * shows the core's refusals in English; data in params stays as written).
 */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import { en } from '../../renderer/src/i18n/catalogue.ts';
import type { ApiError } from '../../contract/result.ts';
import type { Task } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
const CJK = /[\u3400-\u9fff]/;

function refusal(s: ReturnType<typeof seededStore>, name: string, input: unknown): ApiError {
  const r = s.call(name, input);
  if (r.ok) throw new Error(`${name} was not refused`);
  return r.error;
}

/** The English text of a reason: it exists, and has no Chinese of its own (only what params bring). */
function expectEnglish(reason: string | undefined, what: string): void {
  expect(reason, `${what}: a reason`).toBeTruthy();
  const text = (en as Record<string, string>)[`err.${reason}`];
  expect(text, `${what}: err.${reason} in the English catalogue`).toBeTruthy();
  expect(text, `err.${reason}`).not.toMatch(CJK);
}

describe('refusals carry a reason with an English text', () => {
  it('a 文号 another plan has, on create and on a header edit (issue 14)', () => {
    const s = seededStore();
    const header = { title: '测试规划', docNumber: '渝府办〔2023〕3号', issuer: '重庆市人民政府', periodStart: 2028, periodEnd: 2032 };
    const create = refusal(s, 'plans.create', { header });
    expectEnglish(create.reason, 'plans.create');
    expectEnglish(create.issues[0]?.reason, 'plans.create docNumber');
    const update = refusal(s, 'plans.update', { planId: PLAN, patch: { docNumber: '渝府办〔2023〕3号' } });
    expectEnglish(update.reason, 'plans.update');
    expect(update.params).toMatchObject({ docNumber: '渝府办〔2023〕3号' });
  });

  it('tasks, targets, versions, comments, identity, not found, invalid requests', () => {
    const s = seededStore();
    const t = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
    const task = refusal(s, 'tasks.update', { taskId: t.id, patch: { title: '  ', deadline: '明年', leadDepartments: ['不存在的单位'], districts: ['火星区'] } });
    expectEnglish(task.reason, 'tasks.update');
    expect(task.params).toMatchObject({ count: 4 });
    expect(task.issues.map((i) => [i.field, i.reason, i.params])).toEqual([
      ['title', 'task.titleEmpty', undefined],
      ['deadline', 'task.deadlineUnreadable', { text: '明年' }],
      ['leadDepartments', 'task.unknownDepartment', { name: '不存在的单位' }],
      ['districts', 'task.unknownDistrict', { name: '火星区' }],
    ]);
    for (const i of task.issues) expectEnglish(i.reason, `issue ${i.field}`);
    const outside = refusal(s, 'tasks.update', { taskId: t.id, patch: { deadline: '2099-01' } });
    expect(outside.issues[0]).toMatchObject({ reason: 'task.deadlineOutside', params: { deadline: '2099-01' } });
    expectEnglish(refusal(s, 'tasks.create', { planId: PLAN, patch: { title: ' ' } }).reason, 'tasks.create');
    expectEnglish(refusal(s, 'tasks.updateMany', { planId: PLAN, updates: [{ taskId: t.id, patch: { title: '' } }, { taskId: t.id, patch: { deadline: 'x' } }] }).reason, 'tasks.updateMany');

    const ov = ok<{ indicators: { id: string }[]; districts: { id: string }[] }>(s, 'plans.get', { planId: PLAN });
    const cell = { indicatorId: ov.indicators[0]!.id, scope: 'district', scopeId: ov.districts[0]!.id, year: 2027, kind: 'target' };
    const target = refusal(s, 'targets.setMany', { planId: PLAN, cells: [{ ...cell, value: '很多' }] });
    expect(target).toMatchObject({ reason: 'target.value', params: { text: '很多' } });
    expectEnglish(target.reason, 'targets.setMany');
    const two = refusal(s, 'targets.setMany', { planId: PLAN, cells: [{ ...cell, value: '很多' }, { ...cell, year: 1900, value: '1' }] });
    expectEnglish(two.reason, 'targets.setMany (2)');
    expect(two.issues.map((i) => i.reason)).toEqual(['target.value', 'target.year']);

    expectEnglish(refusal(s, 'versions.create', { planId: PLAN, name: '   ' }).reason, 'versions.create');
    const missing = refusal(s, 'versions.restore', { versionId: 999 });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', reason: 'notFound', params: { what: 'version', id: '999' } });
    expect((en as Record<string, string>)['err.what.version']).toBe('version');
    expectEnglish(refusal(s, 'comments.add', { planId: PLAN, on: { taskId: t.id }, body: '  ' }).reason, 'comments.add');
    expectEnglish(refusal(s, 'tasks.update', { taskId: 'no-such-task', patch: { title: 'x' } }).reason, 'not found');
    expectEnglish(refusal(s, 'tasks.update', { taskId: t.id, patch: { title: 'a\u0000b' } }).reason, 'forbidden character');
    expectEnglish(refusal(s, 'tasks.update', { taskId: t.id, patch: { status: '差不多' } }).reason, 'invalid request');
  });

  it('breakdown, indicators, clusters and deletions (session 6: these said only a generic text in English)', () => {
    const s = seededStore();
    const ov = ok<{ indicators: { id: string }[]; districts: { id: string }[]; clusters: { id: string; name: string }[] }>(s, 'plans.get', { planId: PLAN });
    const indicatorId = ov.indicators[0]!.id;
    const fill = { method: 'fill', indicatorId, scope: 'plan', scopeId: null, fill: 'growth', baselineYear: 2022, baselineValue: '100', targetYear: 2027, targetValue: '140', keepExisting: false, decimals: 2 };
    const notNumber = refusal(s, 'breakdown.preview', { ...fill, targetValue: '很多' });
    expect(notNumber).toMatchObject({ reason: 'breakdown.notNumber', params: { text: '很多' } });
    expectEnglish(notNumber.reason, 'breakdown not a number');
    const order = refusal(s, 'breakdown.preview', { ...fill, targetYear: 2020 });
    expect(order).toMatchObject({ reason: 'breakdown.yearOrder', params: { target: 2020, baseline: 2022 } });
    expectEnglish(order.reason, 'breakdown year order');
    expectEnglish(refusal(s, 'breakdown.preview', { ...fill, scope: 'district', scopeId: null }).reason, 'breakdown choose a row');
    const held = refusal(s, 'breakdown.preview', { method: 'spread', indicatorId, over: 'district', year: 2027, kind: 'target', total: '1', held: ov.districts.map((d) => d.id), decimals: 0 });
    expectEnglish(held.reason, `breakdown held over total: ${held.message}`);
    const paste = refusal(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId, patch: { name: '' } }, { indicatorId, patch: { name: ' ' } }] });
    expect(paste).toMatchObject({ reason: 'paste.notSaved', params: { count: 2 } });
    expectEnglish(paste.reason, 'indicators paste');
    expectEnglish(refusal(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId, patch: { name: '' } }] }).reason, 'indicators.update');
    const cluster = ov.clusters[0]!;
    expectEnglish(refusal(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: cluster.id, patch: { name: '' } }] }).reason, 'clusters.update');
    const del = refusal(s, 'clusters.delete', { planId: PLAN, clusterId: cluster.id });
    expect(del).toMatchObject({ code: 'CONFLICT', reason: 'delete.confirm.cluster', params: { name: cluster.name } });
    expectEnglish(del.reason, 'clusters.delete');
    for (const i of del.issues.filter((x) => x.reason)) expectEnglish(i.reason, `deletion ${i.field}`);
    expectEnglish(refusal(s, 'indicators.delete', { planId: PLAN, indicatorId }).reason, 'indicators.delete');
  });

  it('every reason the core names is in both catalogues', async () => {
    const fs = await import('node:fs');
    const { execSync } = await import('node:child_process');
    // refusals name their reason as "{ reason: '…'" (db/errors.ts Reason)
    // (and "reason: x ? '…' : '…'" where a refusal names one of two)
    const src = execSync("grep -rhoE \"[{,] reason: ([^'{}]+\\? )?'[a-zA-Z.]+'( : '[a-zA-Z.]+')?\" db", { encoding: 'utf8' });
    const reasons = new Set([...src.matchAll(/'([a-zA-Z.]+)'/g)].map((m) => m[1]!));
    expect(reasons.size).toBeGreaterThan(15);
    for (const r of reasons) expectEnglish(r, r);
    expect(fs.existsSync('renderer/src/i18n/messages/errors.ts')).toBe(true);
  });
});
