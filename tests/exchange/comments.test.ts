/**
 * 批注 travel in 报送包 (issue 15): a district's comments on its own cells and on the tasks it is named on go to
 * the city, the city's go to the districts; merged three-way like the rest, scope-checked, undone with the merge.
 */
import { describe, expect, it } from 'vitest';
import { ok } from '../helpers/store.ts';
import { DISTRICTS, PLAN, REVENUE, citySide, districtSide, exportTo, importInto, preview, resign, taskOf, trustBoth, type Side } from './helpers.ts';
import fs from 'node:fs';
import { readPackageFile, toChange } from '../../db/exchange/file.ts';
import { commentsHash, keptCommentState, withCommentChanges } from '../../db/exchange/comments.ts';
import type { Manifest } from '../../package/manifest.ts';
import type { ChangeLine } from '../../db/exchange/canonical.ts';

const [JJ, JJ_ID] = DISTRICTS[0]!;
const [HC, HC_ID] = DISTRICTS[1]!;

interface CommentOut { comment: { id: string } }
const cellOf = (districtId: string, kind: 'target' | 'actual' = 'actual') => ({ indicatorId: REVENUE, scope: 'district' as const, scopeId: districtId, year: 2025, period: '' as const, kind });
const onCell = (s: Side, districtId: string, body: string) => ok<CommentOut>(s.store, 'comments.add', { planId: PLAN, on: { target: 'cell', cell: cellOf(districtId) }, body }).comment.id;
const onTask = (s: Side, taskId: string, body: string) => ok<CommentOut>(s.store, 'comments.add', { planId: PLAN, on: { target: 'task', taskId }, body }).comment.id;
const bodies = (s: Side) => s.store.db.prepare<[string], { id: string; body: string }>('SELECT id, body FROM comments WHERE plan_id = ? ORDER BY id').all(PLAN);
const bodyOf = (s: Side, id: string) => s.store.db.prepare<[string], { body: string }>('SELECT body FROM comments WHERE id = ?').get(id)?.body ?? null;
const commentLines = (file: string) => readPackageFile(file).lines.filter((l) => l.entity === 'comment');

function pair() {
  const city = citySide();
  const d = districtSide(JJ);
  trustBoth(city, d, JJ, JJ_ID);
  return { city, d };
}

describe('comments in packages', () => {
  it('round: city → district → city → district, with comments both ways, named in the preview, counted in 报送情况, undone with the merge', () => {
    const { city, d } = pair();
    const task = taskOf(city, JJ_ID);
    const cityNote = onTask(city, task, '请于6月底前报送进展');
    // the full package carries the city's comment
    importInto(d, exportTo(city, JJ_ID));
    expect(bodyOf(d, cityNote)).toBe('请于6月底前报送进展');

    // the district writes on its own cell and on its task; it also edits the city's comment (that stays local)
    const onActual = onCell(d, JJ_ID, '数据来自区统计局快报');
    const onItsTask = onTask(d, task, '已完成八成');
    ok(d.store, 'comments.update', { id: cityNote, body: '区县改过的市里批注' });
    const file = exportTo(d, 'city');
    expect(commentLines(file).map((l) => [l.op, l.rowId]).sort()).toEqual([['insert', onActual], ['insert', onItsTask]].sort());

    const p = ok<{ status: string; packageId: string; items: { op: string; table: string; rowId: string }[]; labels: Record<string, { name: string; year?: number; kind?: string }> }>(
      city.store, 'packagefiles.preview', { fileName: 'jj.pdpkg', dataBase64: fs.readFileSync(file).toString('base64') },
    );
    expect(p.status).toBe('ready');
    const commentItems = p.items.filter((i) => i.table === 'comment');
    expect(commentItems).toHaveLength(2);
    // named by what they are on: the revenue cell of 江津区 (2025, actual), and the task's number and title
    expect(p.labels[`comment/${onActual}`]).toMatchObject({ year: 2025, kind: 'actual' });
    expect(p.labels[`comment/${onActual}`]?.name).toContain(JJ);
    const taskRow = city.store.db.prepare<[string], { number: string }>('SELECT number FROM tasks WHERE id = ?').get(task)!;
    expect(p.labels[`comment/${onItsTask}`]?.name.startsWith(taskRow.number)).toBe(true);
    const applied = ok<{ changes: { changeSetId: number | null } }>(city.store, 'packages.apply', { packageId: p.packageId });
    expect(bodyOf(city, onActual)).toBe('数据来自区统计局快报');
    expect(bodyOf(city, onItsTask)).toBe('已完成八成');
    expect(bodyOf(city, cityNote)).toBe('请于6月底前报送进展');
    const status = ok<{ counterparts: { name: string; lastIn: { comments: number; changes: number } | null; lastOut: { comments: number } | null }[] }>(city.store, 'packages.status', { planId: PLAN });
    const jj = status.counterparts.find((c) => c.name === JJ)!;
    expect(jj.lastIn?.comments).toBe(2);
    expect(jj.lastOut?.comments).toBe(1);

    // undone with the merge: the district's comments leave the city file, the package may be imported again
    ok(city.store, 'history.undo', { planId: PLAN });
    expect(bodyOf(city, onActual)).toBeNull();
    expect(applied.changes.changeSetId).not.toBeNull();
    const again = importInto(city, file);
    expect(again.status).toBe('ready');
    expect(bodyOf(city, onActual)).toBe('数据来自区统计局快报');

    // the city edits the district's comment and writes a new one: both go back; the district keeps its local edit of the city's note
    ok(city.store, 'comments.update', { id: onItsTask, body: '已完成八成（市里核实）' });
    const cityNew = onCell(city, JJ_ID, '市里：请附快报');
    const back = exportTo(city, JJ_ID, 'back');
    expect(commentLines(back).map((l) => [l.op, l.rowId, l.field]).sort()).toEqual([['insert', cityNew, null], ['update', onItsTask, 'body']].sort());
    const pb = importInto(d, back);
    expect(pb.status).toBe('ready');
    expect(bodyOf(d, onItsTask)).toBe('已完成八成（市里核实）');
    const updated = d.store.db.prepare<[string], { created_at: string; updated_at: string }>('SELECT created_at, updated_at FROM comments WHERE id = ?').get(onItsTask)!;
    expect(updated.updated_at > updated.created_at).toBe(true);
    expect(bodyOf(d, cityNew)).toBe('市里：请附快报');
    expect(bodyOf(d, cityNote)).toBe('区县改过的市里批注');

    // the district deletes its cell comment: the next report deletes it at the city
    ok(d.store, 'comments.delete', { id: onActual });
    const second = exportTo(d, 'city', 'second');
    expect(commentLines(second).map((l) => [l.op, l.rowId])).toEqual([['delete', onActual]]);
    expect(importInto(city, second).status).toBe('ready');
    expect(bodyOf(city, onActual)).toBeNull();
    expect(bodies(city).map((b) => b.id).sort()).toEqual([cityNote, onItsTask, cityNew].sort());
  });

  it("the city's package to one district leaves out another district's comments", () => {
    const city = citySide();
    const jj = districtSide(JJ);
    const hc = districtSide(HC);
    trustBoth(city, jj, JJ, JJ_ID);
    trustBoth(city, hc, HC, HC_ID);
    importInto(jj, exportTo(city, JJ_ID));
    importInto(hc, exportTo(city, HC_ID));
    const jjNote = onCell(jj, JJ_ID, '江津的批注');
    importInto(city, exportTo(jj, 'city'));
    expect(bodyOf(city, jjNote)).toBe('江津的批注');
    const toHc = exportTo(city, HC_ID, 'to-hc');
    expect(commentLines(toHc)).toHaveLength(0);
    const toJj = exportTo(city, JJ_ID, 'to-jj');
    expect(commentLines(toJj)).toHaveLength(0);
  });

  it('a comment both sides edited is a conflict with base / mine / theirs, resolved with the bulk "district values"', () => {
    const { city, d } = pair();
    importInto(d, exportTo(city, JJ_ID));
    const note = onCell(d, JJ_ID, '初稿');
    importInto(city, exportTo(d, 'city'));
    ok(city.store, 'comments.update', { id: note, body: '市里改的' });
    ok(d.store, 'comments.update', { id: note, body: '区县改的' });
    const p = preview(city, exportTo(d, 'city', 'conflict'));
    expect(p.status).toBe('conflicts');
    expect(p.conflicts.map((c) => [c.kind, c.rowId, c.field, c.base, c.mine, c.theirs])).toEqual([['cell', note, 'body', '初稿', '市里改的', '区县改的']]);
    expect(city.store.call('packages.apply', { packageId: p.packageId }).ok).toBe(false);
    expect(bodyOf(city, note)).toBe('市里改的');
    ok(city.store, 'packages.resolve', { packageId: p.packageId, resolutions: [], all: 'district' });
    ok(city.store, 'packages.apply', { packageId: p.packageId });
    expect(bodyOf(city, note)).toBe('区县改的');
  });

  it("refuses a district's package that adds a comment outside its scope or edits the city's comment, writing nothing", () => {
    const { city, d } = pair();
    const cityNote = onTask(city, taskOf(city, JJ_ID), '市里的批注');
    importInto(d, exportTo(city, JJ_ID));
    onCell(d, JJ_ID, '本区县的批注');
    const file = exportTo(d, 'city');
    const before = bodies(city);
    const tampered = [
      // the same comment moved onto another district's cell
      resign(file, d, (m, lines) => {
        const l = lines.find((x) => x.entity === 'comment' && x.op === 'insert')!;
        l.value = { ...(l.value as Record<string, string | number | null>), scope_id: HC_ID };
        rehash(d, m, lines);
      }),
      // one written as if by another district's user
      resign(file, d, (m, lines) => {
        const l = lines.find((x) => x.entity === 'comment' && x.op === 'insert')!;
        l.value = { ...(l.value as Record<string, string | number | null>), author_district: HC };
        rehash(d, m, lines);
      }),
      // the city's comment edited
      resign(file, d, (m, lines) => {
        lines.push({ op: 'update', entity: 'comment', rowId: cityNote, field: 'body', base: '市里的批注', value: '区县改的', author: 'x', at: '2026-01-01T00:00:00Z' });
        rehash(d, m, lines);
      }),
    ];
    for (const t of tampered) {
      const r = city.store.call('packages.preview', { file: t, keep: true });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toContain('超出江津区可以报送的范围');
        expect(JSON.stringify(r.error.issues)).toContain('批注');
      }
    }
    expect(bodies(city)).toEqual(before);
    expect(city.store.db.prepare('SELECT count(*) AS n FROM package_pending').get()).toEqual({ n: 0 });
  });

  it('a package made before comments travelled (no comments in its manifest) still imports, and the next one starts from no comments', () => {
    const { city, d } = pair();
    const cityNote = onTask(city, taskOf(city, JJ_ID), '市里的批注');
    const full = exportTo(city, JJ_ID);
    importInto(d, full);
    // an old-style package: no comment lines, no manifest.comments
    const old = resign(exportTo(d, 'city', 'old'), d, (m, lines) => {
      delete m.comments;
      for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.entity === 'comment') lines.splice(i, 1);
    });
    expect(readPackageFile(old).manifest.comments).toBeUndefined();
    expect(importInto(city, old).status).toBe('ready');
    // the city's next package is made against that one (no kept comment state): its comments go as new rows, the district holds them already
    const back = exportTo(city, JJ_ID, 'back');
    expect(readPackageFile(back).manifest.comments?.fromBase).toBe(false);
    expect(commentLines(back).map((l) => [l.op, l.rowId])).toEqual([['insert', cityNote]]);
    const pb = importInto(d, back);
    expect(pb.status).toBe('ready');
    expect(bodyOf(d, cityNote)).toBe('市里的批注');
  });
});

/** A hostile district that knows the format: the comments' hash made right for the changed lines (so only the scope check can refuse it). */
function rehash(d: Side, m: Manifest, lines: ChangeLine[]): void {
  const base = m.base ? keptCommentState(d.store.ctx, m.base.packageId) : null;
  if (m.comments) m.comments.hash = commentsHash(withCommentChanges(base ?? new Map(), lines.map(toChange)));
}
