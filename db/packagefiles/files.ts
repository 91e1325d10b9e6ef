/**
 * The byte variants of packages.export / packages.preview (contract/ops/packagefiles.ts), the workbench's
 * one way to download and upload a package: the export is written to a file in a private temp folder
 * (mkdtemp, mode 0700) that is removed whatever happens; an upload is read from memory. The work is the
 * exchange core's (db/exchange); the CLI calls packages.* with paths.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { packageHandlers } from '../packages/handlers.ts';
import { MAX_PACKAGE_UPLOAD_BYTES } from '../../contract/ops/packagefiles.ts';
import { previewPackage, previewPending, type Preview } from '../exchange/import.ts';
import { rowLabeller, type RowLabel } from './labels.ts';
import { versionQueries } from '../versions/queries.ts';

export const PACKAGE_MIME = 'application/x-plandesk-package';

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-pkgfile-'));
  try {
    return work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** a file name for the download: 报送包-<plan>-<recipient>-#<seq>.pdpkg, without characters a file system refuses */
export function packageFileName(planTitle: string, recipient: string, seq: number): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 60);
  return `报送包-${clean(planTitle)}-${clean(recipient)}-#${seq}.pdpkg`;
}

export function exportPackageFile(ctx: StoreContext, input: { planId: string; to: string }) {
  return inTempDir((dir) => {
    const out = path.join(dir, 'out.pdpkg');
    const r = packageHandlers['packages.export'](ctx, { ...input, out });
    const title = ctx.db.prepare<[string], { title: string }>('SELECT title FROM plans WHERE id = ?').get(input.planId)?.title ?? input.planId;
    const data = fs.readFileSync(out);
    const { file: _file, ...rest } = r;
    return { ...rest, fileName: packageFileName(title, r.recipient, r.seq), mimeType: PACKAGE_MIME, dataBase64: data.toString('base64') };
  });
}

export function previewPackageFile(ctx: StoreContext, input: { fileName: string; dataBase64: string }) {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length > MAX_PACKAGE_UPLOAD_BYTES)
    throw invalid(`报送包“${input.fileName}”有 ${Math.round(bytes.length / 1048576)} MB，超过上传的上限 ${MAX_PACKAGE_UPLOAD_BYTES / 1048576} MB`, [{ field: 'dataBase64', message: '文件太大' }], { reason: 'packagefiles.tooBig', params: { file: input.fileName, max: MAX_PACKAGE_UPLOAD_BYTES / 1048576 } });
  if (bytes.length === 0) throw invalid(`报送包“${input.fileName}”是空文件`, [{ field: 'dataBase64', message: '空文件' }], { reason: 'packagefiles.empty', params: { file: input.fileName } });
  // read from memory by the exchange (db/exchange/file.ts readPackageBytes: the same checks as a file)
  return withLabels(ctx, previewPackage(ctx, { fileName: input.fileName, bytes, keep: true }));
}

/** A package kept pending in the plan file, previewed again (报送情况's 继续处理, after a reload): db/exchange previewPending. */
export function reopenPackageFile(ctx: StoreContext, input: { packageId: string }) {
  return withLabels(ctx, previewPending(ctx, input.packageId));
}

/** the preview's rows named for the planner (labels.ts) */
function withLabels(ctx: StoreContext, preview: Preview) {
  const carried = (json: unknown) => {
    if (typeof json !== 'string' || !json.startsWith('{')) return null;
    try {
      return JSON.parse(json) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const names = new Map<string, string>();
  for (const i of preview.items) {
    if (i.op !== 'insert' || (i.table !== 'indicator' && i.table !== 'cluster')) continue;
    const name = carried(i.to)?.name;
    if (typeof name === 'string') names.set(`${i.table === 'indicator' ? 'indicators' : 'clusters'}/${i.rowId}`, name);
  }
  const label = rowLabeller(ctx.db, names);
  const labels: Record<string, RowLabel> = {};
  for (const i of preview.items) labels[`${i.table}/${i.rowId}`] ??= label(i.table, i.rowId, carried(i.to) ?? carried(i.from)) ?? { name: i.rowId };
  for (const c of preview.conflicts) labels[`${c.entity}/${c.rowId}`] ??= label(c.entity, c.rowId, c.theirsRow ?? c.mineRow) ?? { name: c.rowId };
  return { ...preview, labels };
}

const ROLLBACK = Symbol('trial export');

/**
 * What an export would carry now, for the dialog: the real export (changes since the base, seq, the
 * whole plan or not) run inside a savepoint that is rolled back, so the count is the export's own and
 * nothing stays (no version, no log, no file).
 */
export function planPackageFile(ctx: StoreContext, input: { planId: string; to: string }) {
  let answer: { seq: number; full: boolean; changeCount: number; recipient: string } | null = null;
  // The versions' statements create a TEMP table on first use and are prepared once per connection: made
  // inside the savepoint, the table would be rolled back under the cached statements (no such table:
  // temp.version_candidates on the next save). So they are made before it, outside.
  versionQueries(ctx.db);
  const trial = ctx.db.transaction(() => {
    inTempDir((dir) => {
      const r = packageHandlers['packages.export'](ctx, { ...input, out: path.join(dir, 'trial.pdpkg') });
      answer = { seq: r.seq, full: r.full, changeCount: r.changeCount, recipient: r.recipient };
    });
    throw ROLLBACK;
  });
  try {
    trial();
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  if (!answer) throw new Error('trial export gave no answer');
  return answer;
}
