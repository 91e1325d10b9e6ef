/**
 * A plan header's fields (title, 文号, issuer, issue date, period, source), shared by the new-plan dialog
 * and the header form in 概览. The core checks them (db/plans/rules.ts); its issues are shown beside the
 * field they name.
 */
import { t } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { ApiCallError } from '../../api/client.ts';

export interface HeaderDraft {
  title: string;
  docNumber: string;
  issuer: string;
  issueDate: string;
  periodStart: string;
  periodEnd: string;
  source: string;
}

export type Problems = Partial<Record<keyof HeaderDraft, string>>;

const FIELDS: { key: keyof HeaderDraft; label: MessageKey; wide?: boolean; hint?: MessageKey }[] = [
  { key: 'title', label: 'author.field.title', wide: true },
  { key: 'docNumber', label: 'author.field.docNumber' },
  { key: 'issuer', label: 'author.field.issuer' },
  { key: 'issueDate', label: 'author.field.issueDate', hint: 'author.field.issueDateHint' },
  { key: 'periodStart', label: 'author.field.periodStart' },
  { key: 'periodEnd', label: 'author.field.periodEnd' },
  { key: 'source', label: 'author.field.source', wide: true },
];

export function draftOf(h: { title: string; docNumber: string; issuer: string; issueDate: string | null; periodStart: number; periodEnd: number; source: string | null }): HeaderDraft {
  return { title: h.title, docNumber: h.docNumber, issuer: h.issuer, issueDate: h.issueDate ?? '', periodStart: String(h.periodStart), periodEnd: String(h.periodEnd), source: h.source ?? '' };
}

/** The header as the contract takes it, or the fields that are not years (checked here: the core takes numbers). */
export function headerOf(d: HeaderDraft): { header: { title: string; docNumber: string; issuer: string; issueDate: string | null; periodStart: number; periodEnd: number; source: string | null } } | { problems: Problems } {
  const problems: Problems = {};
  const year = (key: 'periodStart' | 'periodEnd', label: MessageKey) => {
    if (!/^\d{4}$/.test(d[key].trim())) problems[key] = t('author.yearInvalid', { field: t(label) });
    return Number(d[key].trim());
  };
  const periodStart = year('periodStart', 'author.field.periodStart');
  const periodEnd = year('periodEnd', 'author.field.periodEnd');
  if (Object.keys(problems).length) return { problems };
  return {
    header: { title: d.title, docNumber: d.docNumber, issuer: d.issuer, issueDate: d.issueDate.trim() || null, periodStart, periodEnd, source: d.source.trim() || null },
  };
}

/** The core's issues by field ("header.title" and "title" alike). */
export function problemsOf(err: unknown): Problems {
  if (!(err instanceof ApiCallError)) return {};
  const out: Problems = {};
  for (const i of err.error.issues) {
    const key = (i.field ?? '').replace(/^(header|patch)\./, '');
    if (FIELDS.some((f) => f.key === key)) out[key as keyof HeaderDraft] ??= i.message;
  }
  return out;
}

export function HeaderFields({ draft, onChange, problems, idPrefix }: { draft: HeaderDraft; onChange: (d: HeaderDraft) => void; problems: Problems; idPrefix: string }) {
  return (
    <div className="header-fields">
      {FIELDS.map((f) => (
        <label key={f.key} className={f.wide ? 'header-field wide' : 'header-field'}>
          <span>{t(f.label)}</span>
          {f.key === 'source' ? (
            <textarea value={draft[f.key]} onChange={(e) => onChange({ ...draft, [f.key]: e.target.value })} rows={2} maxLength={20000} data-testid={`${idPrefix}-${f.key}`} aria-invalid={!!problems[f.key]} />
          ) : (
            <input
              value={draft[f.key]}
              onChange={(e) => onChange({ ...draft, [f.key]: e.target.value })}
              maxLength={500}
              inputMode={f.key === 'periodStart' || f.key === 'periodEnd' ? 'numeric' : undefined}
              placeholder={f.hint ? t(f.hint) : undefined}
              data-testid={`${idPrefix}-${f.key}`}
              aria-invalid={!!problems[f.key]}
            />
          )}
          {problems[f.key] && (
            <em className="field-problem" data-testid={`${idPrefix}-${f.key}-problem`}>
              {problems[f.key]}
            </em>
          )}
        </label>
      ))}
    </div>
  );
}
