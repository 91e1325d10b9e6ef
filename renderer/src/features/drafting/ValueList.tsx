/** The drafted values: kind, subject, fields, confidence and reasons; accept, correct inline, drop. */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import type { DraftPlan } from '../../../../contract/ops/draft.ts';
import { correct, FIELDS, sortValues, type Decision, type Field, type KnownDepartment, type KnownDistrict, type ReviewValue, type SortBy } from './review.ts';

/** 预期性 / 约束性 in the UI's language (the draft keeps the document's word) */
const attributeText = (v: string) => (v === '预期性' ? t('dr.attr.expected') : v === '约束性' ? t('dr.attr.binding') : v);
const shown = (f: Field, text: string) => (f === 'attribute' ? attributeText(text) : text);

/**
 * Every field of the value, corrected in place; saved together, each checked (review.ts correct), the first
 * refusal named by its row and field (“任务 一（三）的“完成时限”：“2023-13”不是年月”) and nothing saved.
 */
function Editor(props: { draft: DraftPlan; value: ReviewValue; known: KnownDepartment[]; districts: KnownDistrict[]; onDone: () => void; onChange: (d: DraftPlan) => void }) {
  const { draft, value, known, districts, onDone, onChange } = props;
  const [texts, setTexts] = useState<Record<string, string>>(Object.fromEntries(value.fields.map((f) => [f.field, f.text])));
  const [error, setError] = useState<{ field: Field; message: string } | null>(null);
  const row = `${t(`dr.kind.${value.kind}`)} ${value.subject}`.trim();
  const save = () => {
    let d = draft;
    for (const f of FIELDS[value.kind]) {
      const before = value.fields.find((x) => x.field === f)?.text ?? '';
      const now = texts[f] ?? '';
      if (now === before) continue;
      const r = correct(d, value.path, f, now, known, districts);
      if ('refused' in r) {
        setError({ field: f, message: t('dr.rowFieldError', { row, field: t(`dr.f.${f}`), error: t(r.refused.key, { text: r.refused.text }) }) });
        return;
      }
      d = r.draft;
    }
    onChange(d);
    onDone();
  };
  const set = (f: Field) => (v: string) => setTexts((x) => ({ ...x, [f]: v }));
  return (
    <div className="dr-editor" data-testid="dr-editor" onClick={(e) => e.stopPropagation()}>
      {FIELDS[value.kind].map((f: Field) => (
        <label key={f} className={error?.field === f ? 'invalid' : ''}>
          <span>{t(`dr.f.${f}`)}</span>
          {f === 'attribute' ? (
            <select value={texts[f] ?? ''} onChange={(e) => set(f)(e.target.value)} data-testid={`dr-edit-${f}`}>
              <option value="">—</option>
              <option value="预期性">{attributeText('预期性')}</option>
              <option value="约束性">{attributeText('约束性')}</option>
            </select>
          ) : (
            <input
              value={texts[f] ?? ''}
              aria-invalid={error?.field === f}
              list={f === 'districts' ? 'dr-district-names' : undefined}
              onChange={(e) => set(f)(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && save()}
              data-testid={`dr-edit-${f}`}
            />
          )}
        </label>
      ))}
      {value.kind === 'task' && (
        <datalist id="dr-district-names">
          {districts.map((x) => (
            <option key={x.id} value={x.name} />
          ))}
        </datalist>
      )}
      {error && <span className="dr-error" role="alert" data-testid="dr-edit-error">{error.message}</span>}
      <button type="button" onClick={save} data-testid="dr-edit-save">{t('dr.save')}</button>
      <button type="button" onClick={onDone}>{t('dr.cancel')}</button>
    </div>
  );
}

const pct = (c: number) => `${Math.round(c * 100)}%`;

export function ValueList(props: {
  draft: DraftPlan;
  values: ReviewValue[];
  sortBy: SortBy;
  decisions: Record<string, Decision>;
  selected: string | null;
  known: KnownDepartment[];
  districts: KnownDistrict[];
  onSelect: (path: string) => void;
  onDecide: (path: string, d: Decision) => void;
  onChange: (d: DraftPlan) => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="dr-values" data-testid="dr-values">
      <table className="table">
        <thead>
          <tr>
            <th>{t('dr.col.kind')}</th>
            <th>{t('dr.col.subject')}</th>
            <th>{t('dr.col.value')}</th>
            <th>{t('dr.col.confidence')}</th>
            <th>{t('dr.col.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {sortValues(props.values, props.sortBy).map((v) => {
            const d = props.decisions[v.path] ?? 'pending';
            return (
              <tr key={v.path} className={`dr-value dr-${d}${props.selected === v.path ? ' selected' : ''}`} data-testid="dr-value" data-path={v.path} data-decision={d} onClick={() => props.onSelect(v.path)}>
                <td className="nowrap small">{t(`dr.kind.${v.kind}`)}</td>
                <td className="small">{v.subject}</td>
                <td>
                  {editing === v.path ? (
                    <Editor draft={props.draft} value={v} known={props.known} districts={props.districts} onDone={() => setEditing(null)} onChange={props.onChange} />
                  ) : (
                    <dl className="dr-fields">
                      {v.fields.filter((f) => f.text !== '').map((f) => (
                        <div key={f.field} data-field={f.field}>
                          <dt>{t(`dr.f.${f.field}`)}</dt>
                          <dd>{shown(f.field, f.text)}</dd>
                        </div>
                      ))}
                      {v.newDepartments.length > 0 && <div className="dr-flag">{t('dr.newDepartment', { names: v.newDepartments.join('、') })}</div>}
                    </dl>
                  )}
                  {props.selected === v.path && v.reasons.length > 0 && (
                    <div className="dr-reasons small muted" data-testid="dr-reasons">
                      {t('dr.reasons', { reasons: v.reasons.join('；') })}
                    </div>
                  )}
                </td>
                <td className={`num dr-conf${v.confidence < 0.6 ? ' low' : ''}`} data-testid="dr-confidence" title={v.reasons.join('\n')}>
                  {pct(v.confidence)}
                </td>
                <td className="nowrap dr-actions" onClick={(e) => e.stopPropagation()}>
                  {d === 'pending' ? (
                    <>
                      <button type="button" onClick={() => props.onDecide(v.path, 'accepted')} data-testid="dr-accept">{t('dr.accept')}</button>
                      <button type="button" onClick={() => { props.onSelect(v.path); setEditing(v.path); }} data-testid="dr-edit">{t('dr.edit')}</button>
                      <button type="button" onClick={() => props.onDecide(v.path, 'dropped')} data-testid="dr-drop">{t('dr.drop')}</button>
                    </>
                  ) : (
                    <>
                      <span className="small">{t(d === 'accepted' ? 'dr.accepted' : 'dr.dropped')}</span>{' '}
                      {d === 'accepted' && <button type="button" onClick={() => { props.onSelect(v.path); setEditing(v.path); }} data-testid="dr-edit">{t('dr.edit')}</button>}
                      <button type="button" onClick={() => props.onDecide(v.path, 'pending')} data-testid="dr-undecide">{t('dr.undoDecision')}</button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
