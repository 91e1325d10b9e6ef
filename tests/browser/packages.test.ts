/**
 * 报送包 in Chromium, two web hosts on two plan files with their own PLANDESK_HOME (renderer/src/features/packages):
 * the city exports the first package to 江津区 (a real download), the district imports it on its empty plan list
 * (creating the plan), fills in a district-owned cell and reports back; meanwhile the city edits the same cell;
 * the city imports the report, sees the conflict with base / mine / theirs, 应用 is blocked until it is resolved,
 * resolves it, applies (a named version, undoable), and 报送情况 shows 江津区 as reported. Screenshots in Chinese and
 * English (tests/artifacts/packages-*.png). Then the desktop menu's 导出报送包… / 导入报送包… (electron/package-menu.ts) by
 * the same route in the web host.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileChooser, Page } from 'playwright-core';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { openTab, text, waitForApp } from './workbench-helpers.ts';
import { tempDir } from '../helpers/store.ts';
import { packageCommandHash, packageMenuTarget } from '../../electron/package-menu.ts';
import { JIANGJIN, prepare, REVENUE } from './sync-helpers.ts';

const POLL = { timeout: 30_000, interval: 100 };
const PLAN = 'p-yufu-2023-13';

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<{ file: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return { file, name: d.suggestedFilename() };
}

const setActual = (page: Page, value: string) =>
  pageCall(page, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2024, kind: 'actual', value });

async function actualOf(page: Page): Promise<string | null> {
  const m = (await pageCall(page, 'targets.matrix', { indicatorId: REVENUE, scope: 'district', kind: 'actual' })).value as { years: number[]; rows: { scopeId: string; actual: (string | null)[] }[] };
  return m.rows.find((r) => r.scopeId === JIANGJIN)?.actual[m.years.indexOf(2024)] ?? null;
}

describe('报送包 (browser)', { timeout: 400_000 }, () => {
  let city: WebSession;
  let district: WebSession;
  let files: string;
  beforeAll(async () => {
    const sides = prepare('plandesk-pkg-browser-');
    files = tempDir('plandesk-pkg-downloads-');
    city = await openWorkbench({ dbFile: sides.city.file, env: { PLANDESK_HOME: sides.city.home } });
    district = await openWorkbench({ dbFile: sides.district.file, env: { PLANDESK_HOME: sides.district.home } });
    await waitForApp(city.page);
    // the district's file has no plan yet: its plan list is empty
    await district.page.getByTestId('pkg-import-file').waitFor({ state: 'attached', timeout: 60_000 });
  }, 300_000);
  afterAll(async () => {
    await city?.close();
    await district?.close();
  });

  it('city → district (creates the plan) → district reports → city resolves the conflict, applies, sees 报送情况', async () => {
    const cp = city.page;
    const dp = district.page;
    const cityCode = ((await pageCall(cp, 'keys.show', {})).value as { readable: string }).readable;
    const districtCode = ((await pageCall(dp, 'keys.show', {})).value as { readable: string }).readable;

    // the city: a 2024 actual the district will change (the base of the conflict), then 导出报送包 to 江津区, the whole plan
    expect((await setActual(cp, '1000')).ok).toBe(true);
    await openTab(cp, 'packages');
    await cp.getByTestId('packages-tab').waitFor();
    await expect.poll(() => text(cp, cp.getByTestId('pkg-status')), POLL).toContain('江津区');
    await cp.getByTestId('pkg-export').click();
    await cp.getByTestId('pkg-export-to').selectOption('江津区');
    await expect.poll(() => text(cp, cp.getByTestId('pkg-export-carries')), POLL).toContain('携带整个规划');
    await city.screenshot('packages-export-zh');
    const first = await download(cp, () => cp.getByTestId('pkg-export-go').click(), files);
    expect(first.name).toMatch(/^报送包-.*-江津区-#1\.pdpkg$/);
    await expect.poll(() => cp.locator('[data-testid="pkg-status-row"][data-counterpart="d-500116"]').getAttribute('data-state'), POLL).toBe('waiting');

    // the district: 导入报送包 on its empty plan list creates the plan
    await dp.getByTestId('pkg-import-file').setInputFiles(first.file);
    await dp.getByTestId('pkg-preview').waitFor();
    expect(await text(dp, dp.getByTestId('pkg-sender'))).toBe('王经信（市经济信息委 · 市级）');
    expect(await text(dp, dp.getByTestId('pkg-sender-code'))).toBe(cityCode);
    expect(await text(dp, dp.getByTestId('pkg-seq'))).toBe('第 1 号（整个规划）');
    // rows named as planners know them, also those the package itself creates
    expect(await text(dp, dp.getByTestId('pkg-items'))).toContain('规模以上工业企业营业收入 · 江津区 · 2024 · 实际');
    await district.screenshot('packages-import-full-zh');
    await dp.getByTestId('pkg-apply').click();
    await expect.poll(() => text(dp, dp.getByTestId('pkg-applied')), POLL).toContain('下发 #1');
    await dp.getByTestId('pkg-open-plan').click();
    await dp.getByTestId('packages-tab').waitFor();

    // the district fills in its actual value and reports back (to 市级, the only recipient of a district user)
    expect((await setActual(dp, '1500')).ok).toBe(true);
    // and a comment (批注) on that cell: it travels too
    const note = { planId: PLAN, on: { target: 'cell', cell: { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2024, period: '', kind: 'actual' } }, body: '数据来自区统计局快报' };
    expect((await pageCall(dp, 'comments.add', note)).ok).toBe(true);
    await dp.getByTestId('pkg-export').click();
    await expect.poll(() => dp.getByTestId('pkg-export-to').locator('option').allTextContents(), POLL).toEqual(['市级']);
    await expect.poll(() => text(dp, dp.getByTestId('pkg-export-carries')), POLL).toContain('2 处修改');
    const report = await download(dp, () => dp.getByTestId('pkg-export-go').click(), files);

    // meanwhile the city edits the same cell
    expect((await setActual(cp, '1400')).ok).toBe(true);

    // a package with one flipped byte is refused through the one notification path, in Chinese
    const fs = await import('node:fs');
    const bytes = fs.readFileSync(report.file);
    bytes[bytes.length - 300] = bytes[bytes.length - 300]! ^ 0xff;
    const flipped = path.join(files, 'flipped.pdpkg');
    fs.writeFileSync(flipped, bytes);
    await cp.getByTestId('pkg-import-file').setInputFiles(flipped);
    await expect.poll(() => cp.getByTestId('notice').allTextContents().then((t) => t.join(' ')), POLL).toMatch(/报送包/);
    expect(await cp.getByTestId('pkg-preview').count()).toBe(0);

    // the city imports the report: the conflict with base / mine / theirs
    await cp.getByTestId('pkg-import-file').setInputFiles(report.file);
    await cp.getByTestId('pkg-preview').waitFor();
    expect(await text(cp, cp.getByTestId('pkg-sender'))).toBe('李江津（市经济信息委 · 区县：江津区）');
    expect(await text(cp, cp.getByTestId('pkg-sender-code'))).toBe(districtCode);
    const conflict = cp.getByTestId('pkg-conflict');
    await expect.poll(() => conflict.count(), POLL).toBe(1);
    expect(await text(cp, conflict.locator('td').nth(1))).toMatch(/江津区 · 2024 · 实际$/);
    expect(await text(cp, conflict.locator('td').nth(2))).toBe('数值');
    expect(await text(cp, conflict.getByTestId('pkg-conflict-base'))).toBe('1000');
    expect(await text(cp, conflict.getByTestId('pkg-conflict-mine'))).toBe('1400');
    expect(await text(cp, conflict.getByTestId('pkg-conflict-theirs'))).toContain('1500');
    expect(await text(cp, conflict.getByTestId('pkg-conflict-theirs'))).toContain('李江津');
    expect(await cp.getByTestId('pkg-apply').isDisabled()).toBe(true);
    expect(await text(cp, cp.getByTestId('pkg-apply-blocked'))).toBe('还有 1 处冲突没有解决，不能应用');
    // the comment is listed among what will change, named by the cell it is on
    const items = await text(cp, cp.getByTestId('pkg-items'));
    expect(items).toContain('批注');
    expect(items).toMatch(/批注[^\n]*江津区 · 2024 · 实际/);
    expect(items).toContain('数据来自区统计局快报');
    await city.screenshot('packages-conflict-zh');

    // English: the same screen
    await cp.locator('header select').selectOption('en');
    await expect.poll(() => text(cp, cp.getByTestId('pkg-apply-blocked')), POLL).toBe('Unresolved conflicts: 1; cannot apply yet');
    const words = await text(cp, cp.getByTestId('pkg-preview'));
    expect(words).toContain('Conflicts: 1 (1 unresolved)');
    expect(words).toContain('李江津 (市经济信息委 · District: 江津区)');
    expect(words).toContain('Use theirs');
    await city.screenshot('packages-conflict-en');
    await cp.locator('header select').selectOption('zh-CN');

    // a typed value, then 用对方的
    await conflict.getByTestId('pkg-type-value').fill('1450');
    await conflict.getByTestId('pkg-set-value').click();
    await expect.poll(() => text(cp, conflict.getByTestId('pkg-resolution')), POLL).toBe('已选：1450');
    await conflict.getByTestId('pkg-take-theirs').click();
    await expect.poll(() => text(cp, conflict.getByTestId('pkg-resolution')), POLL).toBe('已选：对方');
    expect(await cp.getByTestId('pkg-apply').isDisabled()).toBe(false);
    // 报送情况 follows the choices: the pending package has no open conflict left
    await expect.poll(() => text(cp, cp.locator('[data-testid="pkg-status-row"][data-counterpart="d-500116"]')), POLL).toContain('第 1 号，0 处冲突未解决');
    await city.screenshot('packages-resolved-zh');
    // a reload forgets the preview on the page; the package is kept in the plan file: 报送情况's 继续处理 opens it again, the choice kept
    await cp.reload();
    await cp.getByTestId('packages-tab').waitFor({ timeout: 60_000 });
    await cp.getByTestId('pkg-reopen').waitFor();
    expect(await cp.getByTestId('pkg-preview').count()).toBe(0);
    await cp.getByTestId('pkg-reopen').click();
    await cp.getByTestId('pkg-preview').waitFor();
    await expect.poll(() => text(cp, conflict.getByTestId('pkg-resolution')), POLL).toBe('已选：对方');
    expect(await text(cp, cp.getByTestId('pkg-sender-code'))).toBe(districtCode);
    await city.screenshot('packages-reopened-zh');
    await cp.getByTestId('pkg-apply').click();
    await expect.poll(() => text(cp, cp.getByTestId('pkg-applied')), POLL).toContain('合并 江津区 报送 #1');
    expect(await actualOf(cp)).toBe('1500');
    const row = cp.locator('[data-testid="pkg-status-row"][data-counterpart="d-500116"]');
    await expect.poll(() => row.getAttribute('data-state'), POLL).toBe('reported');
    expect(await text(cp, row)).toContain('已报送');
    expect(await text(cp, row)).toContain('李江津');
    expect(await text(cp, row)).toContain('其中批注 1 处');
    await city.screenshot('packages-status-zh');

    // one undo step takes the merge back
    await cp.getByTestId('pkg-undo').click();
    await expect.poll(() => actualOf(cp), POLL).toBe('1400');
    const redo = await pageCall(cp, 'history.redo', { planId: PLAN });
    expect(redo.ok).toBe(true);
    await expect.poll(() => actualOf(cp), POLL).toBe('1500');

    await cp.locator('header select').selectOption('en');
    await expect.poll(() => text(cp, row), POLL).toContain('Reported');
    await city.screenshot('packages-status-en');
    await cp.getByTestId('pkg-export').click();
    await expect.poll(() => text(cp, cp.getByTestId('pkg-export-carries')), POLL).toMatch(/\(package no\. 2\)\.$/);
    await city.screenshot('packages-export-en');
    await cp.getByTestId('pkg-export-cancel').click();
    await cp.locator('header select').selectOption('zh-CN');

    // the desktop menu's 报送包 command, by the same route in the web host (in this test: the files live as long as it):
    // 导出报送包… opens the export dialog, 导入报送包… calls up the import
    // from another tab of the plan, as the menu finds the window (electron/package-menu.ts makes the route)
    await openTab(cp, 'overview');
    const target = packageMenuTarget(await cp.evaluate(() => location.href), 'export');
    expect('hash' in target).toBe(true);
    if (!('hash' in target)) return;
    await cp.evaluate((h) => { location.hash = h; }, target.hash);
    await cp.getByTestId('pkg-export-dialog').waitFor({ timeout: 30_000 });
    // done once: the route's command is cleared, so a reload does not open it again
    await expect.poll(() => cp.evaluate(() => location.hash), POLL).toBe(`#/plan/${PLAN}/packages`);
    await cp.getByTestId('pkg-export-cancel').click();

    await cp.evaluate((h) => { location.hash = h; }, packageCommandHash(PLAN, 'import'));
    const button = cp.getByTestId('pkg-import');
    await expect.poll(() => button.getAttribute('data-called'), POLL).toBe('true');
    expect(await cp.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pkg-import');
    await city.screenshot('packages-menu-import-zh');
    // Enter on the called-up button opens the file chooser (the user's own gesture)
    const choosers: FileChooser[] = [];
    const onChooser = (c: FileChooser) => choosers.push(c);
    cp.on('filechooser', onChooser);
    await cp.evaluate(() => 0);
    await cp.keyboard.press('Enter');
    await expect.poll(() => choosers.length, POLL).toBe(1);
    expect(choosers[0]!.isMultiple()).toBe(false);
    await choosers[0]!.setFiles([]);
    cp.off('filechooser', onChooser);
    // English: the same command called up again
    await cp.locator('header select').selectOption('en');
    await cp.evaluate((h) => { location.hash = h; }, packageCommandHash(PLAN, 'import'));
    await expect.poll(() => button.getAttribute('title'), POLL).toBe('Press Enter or click to choose the package file to import.');
    await city.screenshot('packages-menu-import-en');
    await cp.locator('header select').selectOption('zh-CN');
  });
});
