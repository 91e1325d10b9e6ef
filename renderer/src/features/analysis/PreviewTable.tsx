/** The rows a breakdown would change: current and new values, the change, growth or share, held rows. */
import type { BreakdownPreview, BreakdownRequest } from '../../../../contract/ops/breakdown.ts';
import { t } from '../../i18n/index.ts';
import { num } from './shared.tsx';
import { wordingSaysMore } from '../../../../domain/numbers.ts';

export function PreviewTable({ preview, method, held, onToggleHeld }: { preview: BreakdownPreview; method: BreakdownRequest['method']; held: string[]; onToggleHeld: (id: string) => void }) {
  const unit = preview.unit;
  return (
    <table className="table an-table">
      <thead>
        <tr>
          <th>{t('bd.col.row')}</th>
          <th className="num">{t('bd.col.year')}</th>
          <th className="num">{t('bd.col.current')}</th>
          <th className="num">{t('bd.col.next')}</th>
          <th className="num">{t('bd.col.change')}</th>
          <th className="num">{method === 'fill' ? t('bd.col.growth') : t('bd.col.share')}</th>
          {method === 'spread' && <th>{t('bd.col.held')}</th>}
        </tr>
      </thead>
      <tbody>
        {preview.rows.map((r, i) => {
          const change = r.change === null || r.change === '0' ? null : r.change;
          return (
            <tr key={i} className={[r.changed ? 'changed' : '', r.scope === 'plan' && method !== 'fill' ? 'total' : ''].join(' ')} data-testid="bd-row" data-changed={r.changed}>
              <td>{r.name}</td>
              <td className="num">{r.year}</td>
              <td className="num" title={r.currentText ?? undefined}>
                {num(r.current)}
                {wordingSaysMore(r.currentText, r.current, unit) ? <span className="muted small">（{r.currentText}）</span> : null}
              </td>
              <td className="num"><strong>{num(r.next)}</strong></td>
              <td className={`num ${change?.startsWith('-') ? 'an-down' : change ? 'an-up' : ''}`}>{change ? num(change, true) : ''}</td>
              <td className="num">{method === 'fill' ? (r.growthPercent !== null ? `${num(r.growthPercent)}%` : '') : r.sharePercent !== null ? `${num(r.sharePercent)}%` : ''}</td>
              {method === 'spread' && (
                <td>
                  {r.scope !== 'plan' && r.scopeId && (
                    <input type="checkbox" checked={held.includes(r.scopeId)} onChange={() => onToggleHeld(r.scopeId ?? '')} aria-label={`${t('bd.col.held')} ${r.name}`} data-testid="bd-held" style={{ width: 'auto' }} />
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
