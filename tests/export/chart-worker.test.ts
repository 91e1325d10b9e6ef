/**
 * The workbook's chart pictures are drawn entirely in a worker thread (db/export/xlsx/chart.worker.ts):
 * echarts is never loaded on the host's thread (its first SVG there held the event loop about a
 * second in the first export), and the pictures are the same charts.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { planChartImages } from '../../db/export/xlsx/chart-images.ts';
import { seededStore } from '../helpers/store.ts';
import { pngFacts } from '../helpers/transfer.ts';

const loadedHere = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\/]node_modules[\\/]echarts[\\/]/.test(k));

describe('chart pictures off the host thread', () => {
  it('draws both charts without loading echarts on this thread', async () => {
    const store = seededStore();
    expect(loadedHere()).toEqual([]);
    const images = await planChartImages(store.ctx, 'p-yufu-2023-13');
    expect(images.map((i) => i.title)).toEqual(['各区县 2027 年目标（亿元）', '任务状态分布']);
    expect(pngFacts(images[0]!.png, [0x2f, 0x6f, 0xb5], [0, 0, 0, 0]).width).toBe(1800);
    expect(loadedHere()).toEqual([]);
    store.close();
  });
});
