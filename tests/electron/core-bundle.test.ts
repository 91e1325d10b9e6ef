/**
 * The core as the Electron main process carries it: bundled to CommonJS with the same esbuild
 * options as build/electron/main.cjs, run by plain Node (Electron itself cannot be launched here).
 * The workbook export, whose chart pictures load echarts and resvg's WebAssembly at run time
 * through import.meta.url, must work from the bundle.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/store.ts';
import { openpyxlSummary, pngFacts, workbookMedia } from '../helpers/transfer.ts';
import { common, importMetaUrl } from '../../scripts/electron-bundle-options.mjs';

describe('the core inside the Electron main bundle', () => {
  it('exports a workbook with its chart pictures', { timeout: 120_000 }, async () => {
    // Inside build/ so that the packages left external resolve from node_modules, as in the app.
    const outfile = path.resolve('build/test-bundles/core-export.cjs');
    await build({ ...common, ...importMetaUrl, logLevel: 'silent', entryPoints: ['tests/electron/fixtures/core-export.ts'], outfile });
    expect(fs.readFileSync(outfile, 'utf8')).not.toMatch(/import\.meta/);
    const dir = tempDir();
    const out = path.join(dir, '13号.xlsx');
    const result = JSON.parse(execFileSync(process.execPath, [outfile, path.join(dir, 'p.plandesk'), 'p-yufu-2023-13', out], { encoding: 'utf8' }));
    expect(result.warnings).toEqual([]);
    expect(openpyxlSummary(out)['图表']!.images).toBe(2);
    expect(workbookMedia(out).map((png) => pngFacts(png, [0x2f, 0x6f, 0xb5], [0, 0, 0, 0]).width)).toEqual([1800, 1280]);
  });
});
