/**
 * `#/draft/<draftId>`: the review of a document's drafts as a screen of its own (was an overlay of the plan
 * list). Its state lives in this window's session (session.ts), so a reload finds it as it was.
 */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import { routeHref } from '../../router.ts';
import { DraftReview } from './DraftReview.tsx';
import { dropDraftSession, loadDraftSession } from './session.ts';
import './drafting.css';

export function DraftScreen({ draftId }: { draftId: string }) {
  const [session] = useState(() => loadDraftSession(draftId));
  const close = () => {
    dropDraftSession(draftId);
    window.location.hash = routeHref({ screen: 'plans' });
  };
  if (!session)
    return (
      <section data-testid="dr-missing">
        <h1>{t('dr.missing.heading')}</h1>
        <p className="muted">{t('dr.missing.text')}</p>
        <a href={routeHref({ screen: 'plans' })}>{t('nav.back')}</a>
      </section>
    );
  return <DraftReview key={draftId} draftId={draftId} session={session} onClose={close} />;
}
