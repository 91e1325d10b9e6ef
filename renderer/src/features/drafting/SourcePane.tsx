/** The document's text beside the draft: its lines with page/line numbers, the selected value's quote highlighted and scrolled into view. */
import { useEffect, useMemo, useRef } from 'react';
import { t } from '../../i18n/index.ts';
import type { DraftLineOut, DraftPlan, DraftSource } from '../../../../contract/ops/draft.ts';
import { highlight } from './highlight.ts';

function Line({ l, range, mark }: { l: DraftLineOut; range: [number, number] | undefined; mark: boolean }) {
  const where = l.page === null ? t('dr.sourceLine', { line: l.line }) : t('dr.sourcePageLine', { page: l.page, line: l.line });
  return (
    <div className={`dr-line${range ? ' hit' : ''}`} data-line={l.line} data-first={mark ? 'true' : undefined}>
      <span className="dr-lno" title={where}>
        {l.page === null ? l.line : `${l.page}:${l.line}`}
      </span>
      <span className="dr-ltext">
        {range ? (
          <>
            {l.text.slice(0, range[0])}
            <mark data-testid="dr-quote">{l.text.slice(range[0], range[1])}</mark>
            {l.text.slice(range[1])}
          </>
        ) : (
          l.text
        )}
      </span>
    </div>
  );
}

const at = (page: number | null, line: number) => (page ?? 0) * 1e7 + line;

export function SourcePane({ lines, source, span }: { lines: DraftLineOut[]; source: DraftSource | null; span: DraftPlan['lines'] }) {
  const box = useRef<HTMLDivElement>(null);
  // the draft's own document out of the lines (a gazette issue holds several)
  const own = useMemo(() => lines.filter((l) => at(l.page, l.line) >= at(span.firstPage, span.first) && at(l.page, l.line) <= at(span.lastPage, span.last)), [lines, span]);
  const hl = useMemo(() => (source ? highlight(own, source) : null), [own, source]);
  useEffect(() => {
    box.current?.querySelector('[data-first="true"]')?.scrollIntoView({ block: 'center' });
  }, [hl]);
  return (
    <div className="dr-source" ref={box} data-testid="dr-source" aria-label={t('dr.source')}>
      {source && !hl && <p className="muted">{t('dr.noSource')}</p>}
      {own.map((l, i) => (
        <Line key={i} l={l} range={hl?.ranges.get(i)} mark={hl?.first === i} />
      ))}
    </div>
  );
}
