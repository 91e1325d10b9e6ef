/** The draft's header (title, 文号, issuer, date, period): editable, validated on leaving a field. */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import type { DraftPlan } from '../../../../contract/ops/draft.ts';
import { correctHeader } from './review.ts';

type HeaderField = Parameters<typeof correctHeader>[1];

function HeaderInput({ draft, field, label, onChange, size }: { draft: DraftPlan; field: HeaderField; label: string; onChange: (d: DraftPlan) => void; size?: number }) {
  const stored = draft.plan[field];
  const [text, setText] = useState(stored === null ? '' : String(stored));
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const r = correctHeader(draft, field, text);
    if ('refused' in r) setError(t(r.refused.key, { text: r.refused.text }));
    else {
      setError(null);
      onChange(r.draft);
    }
  };
  return (
    <label className={`dr-hfield${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      <input value={text} size={size} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} data-testid={`dr-h-${field}`} aria-invalid={error !== null} />
      {error && <span className="dr-error" role="alert">{error}</span>}
    </label>
  );
}

export function HeaderForm({ draft, onChange }: { draft: DraftPlan; onChange: (d: DraftPlan) => void }) {
  return (
    <fieldset className="dr-header" data-testid="dr-header">
      <legend>{t('dr.header')}</legend>
      <HeaderInput draft={draft} field="title" label={t('dr.h.title')} onChange={onChange} size={60} />
      <HeaderInput draft={draft} field="docNumber" label={t('dr.h.docNumber')} onChange={onChange} size={20} />
      <HeaderInput draft={draft} field="issuer" label={t('dr.h.issuer')} onChange={onChange} size={16} />
      <HeaderInput draft={draft} field="issueDate" label={t('dr.h.issueDate')} onChange={onChange} size={10} />
      <HeaderInput draft={draft} field="periodStart" label={`${t('dr.h.period')} ${t('dr.h.periodStart')}`} onChange={onChange} size={5} />
      <HeaderInput draft={draft} field="periodEnd" label={t('dr.h.periodEnd')} onChange={onChange} size={5} />
    </fieldset>
  );
}
