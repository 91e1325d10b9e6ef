/** The review of a document's drafts: one tab per notice, each reviewed beside the document's text; kept in the session as it goes. */
import { useRef, useState } from 'react';
import { t } from '../../i18n/index.ts';
import { DraftTab } from './DraftTab.tsx';
import { saveDraftSession, type DraftSession, type DraftState } from './session.ts';

export function DraftReview({ draftId, session, onClose }: { draftId: string; session: DraftSession; onClose: () => void }) {
  const [tab, setTab] = useState(session.tab);
  const stored = useRef(session);
  const [kept, setKept] = useState(true);
  const save = (next: DraftSession) => {
    stored.current = next;
    setKept(saveDraftSession(draftId, next));
  };
  const read = session.read;
  return (
    <div className="dr-screen" data-testid="dr-review" aria-label={t('dr.heading', { file: read.fileName })}>
      <div className="dr-top">
        <h2>{t('dr.heading', { file: read.fileName })}</h2>
        {!kept && <span className="dr-error" data-testid="dr-not-kept">{t('dr.notKept')}</span>}
        <span className="spacer" />
        <button type="button" onClick={onClose} data-testid="dr-close">
          {t('dr.close')}
        </button>
      </div>
      <div className="tabs dr-tabs" role="tablist">
        {read.drafts.map((d, i) => (
          <button
            key={d.plan.id}
            type="button"
            role="tab"
            aria-selected={i === tab}
            className={i === tab ? 'active' : ''}
            data-testid="dr-tab"
            onClick={() => {
              setTab(i);
              save({ ...stored.current, tab: i });
            }}
          >
            {d.plan.docNumber || d.plan.title.slice(0, 24)}
          </button>
        ))}
      </div>
      {(read.skipped ?? []).map((n) => (
        // a notice of the issue that states no plan is said, not dropped (001's 27号 分工)
        <div key={`${n.line}`} className="dr-skipped" data-testid="dr-skipped">
          {t('dr.skipped', { doc: `${n.docNumber || ''}${n.docNumber ? ' ' : ''}${n.title}`, line: n.page ? `${n.page}:${n.line}` : String(n.line) })}
        </div>
      ))}
      {read.drafts.map((d, i) => (
        // every tab stays mounted: switching tabs keeps each draft's review
        <div key={d.plan.id} hidden={i !== tab}>
          <DraftTab
            initial={session.states[d.plan.id] ?? { draft: d, decisions: {}, mapped: {} }}
            lines={read.lines ?? []}
            onState={(s: DraftState) => save({ ...stored.current, states: { ...stored.current.states, [d.plan.id]: s } })}
            onCreated={onClose}
          />
        </div>
      ))}
    </div>
  );
}
