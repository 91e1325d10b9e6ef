/** An echarts chart that redraws when its option changes and can be saved as PNG. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import { t } from '../../i18n/index.ts';

export type ChartOption = echarts.EChartsOption;

export function Chart({ option, title, fileName, testId, height = 320 }: { option: ChartOption; title: string; fileName: string; testId: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
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
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
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
  return (
    <figure className="chart card">
      <figcaption>
        <span>{title}</span>
        <button type="button" className="small" onClick={save} data-testid={`${testId}-png`}>
          {t('wb.savePng')}
        </button>
      </figcaption>
      <div ref={el} style={{ height }} data-testid={testId} />
    </figure>
  );
}
