/**
 * The core as the Electron main process carries it: bundled to CommonJS with the same esbuild
 * options as build/electron/main.cjs, run by plain Node (Electron itself cannot be launched here).
 * The workbook export, whose chart pictures load echarts and resvg's WebAssembly at run time
 * through import.meta.url, must work from the bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/store.ts';
import { openpyxlSummary, pngFacts, workbookMedia } from '../helpers/transfer.ts';
import { common, importMetaUrl, workerEntries } from '../../scripts/bundle-options.mjs';
import { inlineRow, rawWorkbook } from '../fixtures/bad-files/make.ts';
import { paddedToXfd } from '../fixtures/bad-files/hostile.ts';

describe('the core inside the Electron main bundle', () => {
  it('exports a workbook with its chart pictures', { timeout: 120_000 }, async () => {
    // Inside build/ so that the packages left external resolve from node_modules, as in the app.
    const outfile = path.resolve('build/test-bundles/core-export.cjs');
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: ['tests/electron/fixtures/core-export.ts'], outfile });
    expect(fs.readFileSync(outfile, 'utf8')).not.toMatch(/import\.meta/);
    // The pictures are drawn in the chart worker, bundled beside the host as scripts/bundle.mjs places it.
    const chartEntry = 'db/export/xlsx/chart.worker.ts';
    expect(workerEntries).toContain(chartEntry);
    const chartWorker = path.join(path.dirname(outfile), 'workers', 'chart.worker.cjs');
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: [chartEntry], outfile: chartWorker });
    expect(fs.readFileSync(chartWorker, 'utf8')).not.toMatch(/import\.meta/);
    const dir = tempDir();
    const out = path.join(dir, '13号.xlsx');
    const result = JSON.parse(execFileSync(process.execPath, [outfile, path.join(dir, 'p.plandesk'), 'p-yufu-2023-13', out], { encoding: 'utf8' }));
    expect(result.warnings).toEqual([]);
    expect(openpyxlSummary(out)['图表']!.images).toBe(2);
    expect(workbookMedia(out).map((png) => pngFacts(png, [0x2f, 0x6f, 0xb5], [0, 0, 0, 0]).width)).toEqual([1800, 1280]);
  });

  it('imports a workbook, read in the bundled reader worker, and refuses a hostile one', { timeout: 120_000 }, async () => {
    const dir = path.resolve('build/test-bundles');
    const outfile = path.join(dir, 'core-import.cjs');
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: ['tests/electron/fixtures/core-import.ts'], outfile });
    // As scripts/bundle.mjs places it: workers/<name>.cjs beside the host bundle (db/workers.ts).
    const entry = 'db/import/read.worker.ts';
    expect(workerEntries).toContain(entry);
    const worker = path.join(dir, 'workers', 'read.worker.cjs');
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: [entry], outfile: worker });
    expect(fs.readFileSync(worker, 'utf8')).not.toMatch(/require\("(saxes|yauzl)"\)/);
    const tmp = tempDir();
    const file = path.join(tmp, '导入.xlsx');
    fs.writeFileSync(file, rawWorkbook(inlineRow(1, ['编号', '任务名称', '牵头单位']) + inlineRow(2, ['99', '打包后仍能导入', '市公安局'])));
    const run = (f: string) => spawnSync(process.execPath, [outfile, path.join(tmp, 'p.plandesk'), 'p-yukuaima', f], { encoding: 'utf8' });
    const r = run(file);
    expect(r.stderr).toBe('');
    const preview = JSON.parse(r.stdout) as { changes: { after: string | null }[]; problems: unknown[] };
    expect(preview.problems).toEqual([]);
    expect(preview.changes.map((c) => c.after)).toContain('打包后仍能导入');
    const hostile = path.join(tmp, 'padded.xlsx');
    fs.writeFileSync(hostile, paddedToXfd());
    const refused = run(hostile);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/超出 ALL 列/);
  });
});
