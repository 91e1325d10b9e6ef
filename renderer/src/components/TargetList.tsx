import type { Indicator, TargetValue } from '../../../contract/entities.ts';
import { formatDecimal, t } from '../i18n/index.ts';

/** True when the document's wording says more than the number and unit ("30左右", "1.4万亿元"). */
function saysMore(tv: TargetValue, unit: string | null | undefined): boolean {
  if (!tv.text) return false;
  const plain = tv.text.replace(/,/g, '');
  return plain !== tv.value && plain !== `${tv.value}${unit ?? ''}`;
}

/** A few target values as "营业收入 2027年 3,000 亿元", with the document's wording where it says more. */
export function TargetList({ targets, indicators }: { targets: TargetValue[]; indicators: Map<string, Indicator> }) {
  if (targets.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="target-list">
      {targets.map((tv) => {
        const ind = indicators.get(tv.indicatorId);
        return (
          <li key={tv.id}>
            <span className="muted">{ind?.name} {t('overview.targetYear', { year: tv.year })}{tv.kind === 'actual' ? ` ${t('kind.actual')}` : ''}</span>{' '}
            <strong className="num">{formatDecimal(tv.value)}</strong> {ind?.unit}
            {saysMore(tv, ind?.unit) ? <span className="muted"> （{tv.text}）</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
