/**
 * An echarts chart: redraws when its option changes, follows its container's size, and can be saved
 * as PNG. `data-option` mirrors the series it was last drawn with (tests read it); `data` adds more.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import * as echarts from 'echarts';
import { t } from '../i18n/index.ts';

export type ChartOption = echarts.EChartsOption;

export interface ChartProps {
  option: ChartOption;
  title?: string;
  /** controls shown beside the title (e.g. a chooser of what to chart) */
  controls?: ReactNode;
  fileName: string;
  testId: string;
  height?: number;
  className?: string;
  data?: Record<string, string>;
}

export function Chart({ option, title, controls, fileName, testId, height = 320, className = 'chart card', data = {} }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const drawn = useRef(false);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
      drawn.current = false;
    };
  }, []);
  useEffect(() => {
    // Drawn in the next frame (lazyUpdate), so an edit's grid update is not held up by the charts.
    // Animated the first time only: a redraw after an edit (notMerge rebuilds every series) would replay
    // the entry animation, a second of frames that held up the next edits on the main thread (the
    // browser bench's edits are 600 ms apart; CDP CPU profile: echarts' frames were most of its JS time).
    const c = chart.current;
    if (c) {
      c.setOption(drawn.current ? { ...option, animation: false } : option, { notMerge: true, lazyUpdate: true });
      drawn.current = true;
    }
    if (el.current) el.current.dataset.option = JSON.stringify(option.series ?? []).slice(0, 20_000);
  }, [option]);
  const save = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  const dataAttributes = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));
  return (
    <figure className={className}>
      <figcaption>
        {title ? <span>{title}</span> : null}
        {controls}
        <button type="button" className="small" onClick={save} data-testid={`${testId}-png`}>
          {t('wb.savePng')}
        </button>
      </figcaption>
      <div ref={el} style={{ height }} data-testid={testId} {...dataAttributes} />
    </figure>
  );
}
