import type { Indicator, TargetValue } from '../../../contract/entities.ts';
import { formatDecimal, t } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { wordingSaysMore } from '../../../domain/numbers.ts';

/**
 * A few target values as "营业收入 2027年 3,000 亿元", with the document's wording where it says more;
 * an actual says what it covers: "2023年 实际（年度）", "（一季度累计）" (quarters are year to date).
 */
export function TargetList({ targets, indicators }: { targets: TargetValue[]; indicators: Map<string, Indicator> }) {
  if (targets.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="target-list">
      {targets.map((tv) => {
        const ind = indicators.get(tv.indicatorId);
        return (
          <li key={tv.id}>
            <span className="muted">{ind?.name} {t('overview.targetYear', { year: tv.year })}{tv.kind === 'actual' ? ` ${t('kind.actual')}（${t(`overview.period.${tv.period || 'year'}` as MessageKey)}）` : ''}</span>{' '}
            <strong className="num">{formatDecimal(tv.value)}</strong> {ind?.unit}
            {wordingSaysMore(tv.text, tv.value, ind?.unit) ? <span className="muted"> （{tv.text}）</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
