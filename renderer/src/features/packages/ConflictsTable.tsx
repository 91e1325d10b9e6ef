/** Every conflict of a previewed package with base / mine / theirs side by side, and the planner's choice for each. */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import { planDateTime } from '../../../../domain/calendar.ts';
import { entityLabel, fieldLabel, shown, type Conflict } from './shared.ts';

export type Choice = { conflictId: string; take: 'mine' | 'theirs' } | { conflictId: string; value: string | null };

/** the fields in which two whole rows differ (a row conflict has no one cell) */
function differing(c: Conflict): string[] {
  const a = c.mineRow ?? {};
  const b = c.theirsRow ?? {};
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => f !== 'id' && f !== 'plan_id');
  const diff = fields.filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
  return diff.length ? diff : fields;
}

function cellOf(c: Conflict, side: 'mine' | 'theirs'): string {
  if (c.kind === 'editedDeleted' && side === 'theirs') return t('pkg.deleted');
  if (c.kind === 'deletedEdited' && side === 'mine') return t('pkg.deleted');
  if (c.kind === 'cell') return shown(c[side]);
  const row = side === 'mine' ? c.mineRow : c.theirsRow;
  if (!row) return t('pkg.deleted');
  const fields = differing(c);
  return fields.length === 1 ? shown(row[fields[0]!]) : fields.map((f) => `${f}: ${shown(row[f])}`).join('；');
}

function resolutionText(c: Conflict): string {
  const r = c.resolution;
  if (!r) return '';
  if ('take' in r) return r.take === 'mine' ? t('pkg.resolvedMine') : t('pkg.resolvedTheirs');
  return t('pkg.resolvedValue', { value: shown(r.value) });
}

function Row({ c, label, busy, onChoose }: { c: Conflict; label: string; busy: boolean; onChoose: (choice: Choice) => void }) {
  const [typed, setTyped] = useState('');
  const valueAllowed = c.kind === 'cell' && c.field !== null;
  return (
    <tr data-testid="pkg-conflict" data-conflict={c.id} className={c.resolution ? 'resolved' : 'open'}>
      <td>
        {entityLabel(c.entity)}
        <div className="muted small">{t(`pkg.kind.${c.kind}`)}</div>
      </td>
      <td>{label}</td>
      <td>{fieldLabel(c.field ?? (c.kind === 'cell' ? null : differing(c).length === 1 ? (differing(c)[0] ?? null) : null))}</td>
      <td className="pkg-base" data-testid="pkg-conflict-base">{shown(c.base)}</td>
      <td className="pkg-mine" data-testid="pkg-conflict-mine">{cellOf(c, 'mine')}</td>
      <td className="pkg-theirs" data-testid="pkg-conflict-theirs">
        {cellOf(c, 'theirs')}
        <div className="muted small">{[c.author, c.at ? planDateTime(c.at) : ''].filter(Boolean).join(' · ')}</div>
      </td>
      <td className="pkg-choice">
        <button type="button" className="small" disabled={busy} onClick={() => onChoose({ conflictId: c.id, take: 'mine' })} data-testid="pkg-take-mine">
          {t('pkg.takeMine')}
        </button>{' '}
        <button type="button" className="small" disabled={busy} onClick={() => onChoose({ conflictId: c.id, take: 'theirs' })} data-testid="pkg-take-theirs">
          {t('pkg.takeTheirs')}
        </button>
        {valueAllowed && (
          <span className="pkg-typed">
            <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('pkg.typeValue')} aria-label={t('pkg.typeValue')} data-testid="pkg-type-value" />
            <button type="button" className="small" disabled={busy} onClick={() => onChoose({ conflictId: c.id, value: typed.trim() === '' ? null : typed.trim() })} data-testid="pkg-set-value">
              {t('pkg.setValue')}
            </button>
          </span>
        )}
        {c.resolution && <div className="pkg-resolved small" data-testid="pkg-resolution">{resolutionText(c)}</div>}
      </td>
    </tr>
  );
}

export function ConflictsTable({ conflicts, labelOf, busy, onChoose }: { conflicts: Conflict[]; labelOf: (c: Conflict) => string; busy: boolean; onChoose: (choice: Choice) => void }) {
  return (
    <table className="transfer-table pkg-conflicts" data-testid="pkg-conflicts">
      <thead>
        <tr>
          <th>{t('pkg.col.table')}</th>
          <th>{t('pkg.col.row')}</th>
          <th>{t('pkg.col.field')}</th>
          <th>{t('pkg.col.base')}</th>
          <th>{t('pkg.col.mine')}</th>
          <th>{t('pkg.col.theirs')}</th>
          <th>{t('pkg.col.choice')}</th>
        </tr>
      </thead>
      <tbody>
        {conflicts.map((c) => (
          <Row key={c.id} c={c} label={labelOf(c)} busy={busy} onChoose={onChoose} />
        ))}
      </tbody>
    </table>
  );
}
