/**
 * The workbook's chart pictures, drawn by the core (echarts SSR → SVG → resvg → PNG) for every
 * export: the pictures are read back with Pillow and checked for what they show, the CLI's export
 * carries them, the CJK font is found where planners' machines keep it, and a machine without one
 * still gets its workbook, with the 图表 sheet and the caller told why there are no pictures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { ok, seededStore, tempDir } from '../helpers/store.ts';
import { chartPng, planChartImages } from '../../db/export/xlsx/chart-images.ts';
import { findCjkFont, fontDirectories } from '../../db/export/xlsx/chart-fonts.ts';
import { planWorkbook } from '../../db/export/handlers.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { openpyxlSummary, pngFacts, workbookMedia } from '../helpers/transfer.ts';

const BAR_BLUE: [number, number, number] = [0x2f, 0x6f, 0xb5];
const PIE_COLOURS = { 未开始: [0x9a, 0xa5, 0xb1], 进行中: [0x2f, 0x6f, 0xb5], 已完成: [0x3a, 0x9a, 0x5b], 滞后: [0xd0, 0x45, 0x3a] } as const;

afterEach(() => {
  delete process.env.PLANDESK_FONT_DIRS;
});

describe('chart pictures drawn by the core', () => {
  it('draws Chinese text with the machine’s CJK font (and an empty title draws nothing)', async () => {
    const title = (text: string) => chartPng({ title: { text, left: 'center', top: 10 } }, { width: 300, height: 60 });
    const chinese = pngFacts(await title('各区县目标'), [0, 0, 0], [0, 0, 600, 120]);
    expect(chinese).toMatchObject({ width: 600, height: 120 });
    expect(chinese.darkInBox).toBeGreaterThan(300);
    expect(pngFacts(await title(' '), [0, 0, 0], [0, 0, 600, 120]).darkInBox).toBe(0);
  });

  it('13号: district targets in the latest year as bars, tasks by status as a pie', async () => {
    const store = seededStore();
    const [bars, pie, ...rest] = await planChartImages(store.ctx, 'p-yufu-2023-13');
    expect(rest).toEqual([]);
    expect(bars!.title).toBe('各区县 2027 年目标（亿元）');
    const b = pngFacts(bars!.png, BAR_BLUE, [0, 0, 1800, 80]);
    expect(b).toMatchObject({ width: 1800, height: 840 });
    expect(b.colorPixels).toBeGreaterThan(50_000); // eight bars
    expect(b.darkInBox).toBeGreaterThan(500); // the title
    expect(pie!.title).toBe('任务状态分布');
    store.close();
  });

  it('the status pie has a slice for each status with tasks, and none for a status without', async () => {
    const store = seededStore();
    const tasks = ok<{ rows: { id: string }[] }>(store, 'tasks.list', { planId: 'p-yufu-2023-13', limit: 21 }).rows;
    ok(store, 'tasks.updateMany', { planId: 'p-yufu-2023-13', updates: [
      ...tasks.slice(0, 7).map((t) => ({ taskId: t.id, patch: { status: '进行中' } })),
      ...tasks.slice(7, 10).map((t) => ({ taskId: t.id, patch: { status: '已完成' } })),
    ] });
    const pie = (await planChartImages(store.ctx, 'p-yufu-2023-13')).find((c) => c.title === '任务状态分布')!.png;
    // A legend swatch is about 1,400 pixels at this size; a slice of 3 tasks in 21 is over 50,000.
    const slice = (status: keyof typeof PIE_COLOURS) => pngFacts(pie, [...PIE_COLOURS[status]], [0, 0, 0, 0]).colorPixels > 10_000;
    expect({ 未开始: slice('未开始'), 进行中: slice('进行中'), 已完成: slice('已完成'), 滞后: slice('滞后') }).toEqual({ 未开始: true, 进行中: true, 已完成: true, 滞后: false });
    expect(pngFacts(pie, [...PIE_COLOURS.滞后], [0, 0, 0, 0]).colorPixels).toBeGreaterThan(0); // still in the legend
    store.close();
  });

  it('plans without district targets get only the status chart; plans with neither say so on the sheet', async () => {
    const store = seededStore();
    expect((await planChartImages(store.ctx, 'p-yukuaima')).map((c) => c.title)).toEqual(['任务状态分布']);
    // 8号: its 56 numbered tasks (seeded since session 5), and area targets only (主城都市区, “两群”地区)
    expect((await planChartImages(store.ctx, 'p-yufufa-2023-8')).map((c) => c.title)).toEqual(['任务状态分布']);
    // 18号: an indicator table, nothing else
    expect(await planChartImages(store.ctx, 'p-yufufa-2021-18')).toEqual([]);
    const file = path.join(tempDir(), 'x.xlsx');
    fs.writeFileSync(file, await exportPlanXlsx(store.ctx, 'p-yufufa-2021-18'));
    const sheet = openpyxlSummary(file)['图表']!;
    expect(sheet.images).toBe(0);
    expect(sheet.values[2]![0]).toBe('本规划没有分区县目标，也没有任务，无图表可画。');
    store.close();
  });

  it('finds the CJK font planners’ machines carry, in order of preference, regular and bold', () => {
    const here = findCjkFont();
    expect(here?.family).toBe('Noto Sans CJK SC'); // what .ci/run installs (fonts-noto-cjk)
    expect(here!.files.map((f) => path.basename(f))).toEqual(['NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc']);

    // A Windows font folder (names as Windows writes them) and a per-user one.
    const windows = tempDir();
    const fonts = path.join(windows, 'Fonts');
    fs.mkdirSync(fonts);
    for (const f of ['arial.ttf', 'simhei.ttf', 'MSYH.TTC', 'msyhbd.ttc']) fs.writeFileSync(path.join(fonts, f), '');
    const user = tempDir();
    fs.mkdirSync(path.join(user, 'Microsoft', 'Windows', 'Fonts'), { recursive: true });
    expect(fontDirectories({ WINDIR: windows, LOCALAPPDATA: user }, tempDir())).toEqual(expect.arrayContaining([fonts, path.join(user, 'Microsoft', 'Windows', 'Fonts')]));
    const yahei = findCjkFont([fonts]);
    expect(yahei?.family).toBe('Microsoft YaHei'); // preferred to 黑体
    expect(yahei?.files.map((f) => path.basename(f))).toEqual(['MSYH.TTC', 'msyhbd.ttc']);
    expect(fontDirectories({ PLANDESK_FONT_DIRS: fonts })).toEqual([fonts]);
    expect(findCjkFont([tempDir()])).toBeNull();
  });

  it('without a CJK font the workbook is still written, and its 图表 sheet and the caller say why', async () => {
    const store = seededStore();
    process.env.PLANDESK_FONT_DIRS = tempDir(); // a machine with no CJK font
    const { bytes, warnings } = await planWorkbook(store.ctx, 'p-yufu-2023-13');
    expect(warnings).toEqual(['图表图片未能生成，工作簿中没有图表：本机未找到中文字体（如微软雅黑、苹方、Noto Sans CJK、文泉驿），无法绘制图表图片。安装中文字体后重新导出即可。']);
    const file = path.join(tempDir(), 'x.xlsx');
    fs.writeFileSync(file, bytes);
    const py = openpyxlSummary(file);
    expect(py['图表']!.images).toBe(0);
    expect(py['图表']!.values[2]![0]).toMatch(/^图表图片未能生成：本机未找到中文字体/);
    expect(py['任务台账']!.values.length - 2).toBe(21);

    // The CLI writes the file and says it on stderr.
    const dir = tempDir();
    const db = path.join(dir, 'p.plandesk');
    const errors: string[] = [];
    const io = { out: () => {}, err: (t: string) => void errors.push(t) };
    expect(await main(['init', '--db', db], io)).toBe(0);
    expect(await main(['export', '--db', db, '--plan', 'p-yufu-2023-13', '--out', path.join(dir, 'x.xlsx')], io)).toBe(0);
    expect(errors.join('')).toMatch(/^注意：图表图片未能生成.*本机未找到中文字体/);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(true);
    store.close();
  });

  it('`plandesk export` writes the same pictures as the workbench export', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'p.plandesk');
    const errors: string[] = [];
    const io = { out: () => {}, err: (t: string) => void errors.push(t) };
    expect(await main(['init', '--db', db], io)).toBe(0);
    const out = path.join(dir, '13号.xlsx');
    expect(await main(['export', '--db', db, '--plan', '渝府〔2023〕13号', '--out', out], io)).toBe(0);
    expect(errors).toEqual([]);
    const sheet = openpyxlSummary(out)['图表']!;
    expect(sheet.images).toBe(2);
    // Shown at half their pixels (drawn at 2x), each below its caption, the second on a new printed page.
    expect(sheet.imageBoxes).toEqual([[3, 900, 420], [26, 640, 420]]);
    expect(sheet.values[2]![0]).toBe('各区县 2027 年目标（亿元）');
    expect(sheet.values[25]![0]).toBe('任务状态分布');
    expect(sheet.rowBreaks).toEqual([25]); // after the last row the first picture covers
    const media = workbookMedia(out);
    expect(media.map((png) => { const f = pngFacts(png, BAR_BLUE, [0, 0, 0, 0]); return [f.width, f.height]; })).toEqual([[1800, 840], [1280, 840]]);
    const store = seededStore();
    expect(media).toEqual((await planChartImages(store.ctx, 'p-yufu-2023-13')).map((c) => c.png));
    store.close();
  });
});
