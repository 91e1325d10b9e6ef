/** The review of a document's drafts: one tab per notice, each reviewed beside the document's text. */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import type { DraftRead } from '../../../../contract/ops/draft.ts';
import { DraftTab } from './DraftTab.tsx';

export function DraftReview({ read, onClose }: { read: DraftRead; onClose: () => void }) {
  const [tab, setTab] = useState(0);
  return (
    <div className="dr-screen" data-testid="dr-review" role="dialog" aria-label={t('dr.heading', { file: read.fileName })}>
      <div className="dr-top">
        <h2>{t('dr.heading', { file: read.fileName })}</h2>
        <span className="spacer" />
        <button type="button" onClick={onClose} data-testid="dr-close">
          {t('dr.close')}
        </button>
      </div>
      <div className="tabs dr-tabs" role="tablist">
        {read.drafts.map((d, i) => (
          <button key={d.plan.id} type="button" role="tab" aria-selected={i === tab} className={i === tab ? 'active' : ''} data-testid="dr-tab" onClick={() => setTab(i)}>
            {d.plan.docNumber || d.plan.title.slice(0, 24)}
          </button>
        ))}
      </div>
      {read.drafts.map((d, i) => (
        // every tab stays mounted: switching tabs keeps each draft's review
        <div key={d.plan.id} hidden={i !== tab}>
          <DraftTab initial={d} lines={read.lines ?? []} onCreated={onClose} />
        </div>
      ))}
    </div>
  );
}
