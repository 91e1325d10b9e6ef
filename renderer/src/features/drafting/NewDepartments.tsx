/** Units the document names that the file does not have: flagged, created as new unless mapped to an existing unit. */
import { t } from '../../i18n/index.ts';
import type { DraftPlan } from '../../../../contract/ops/draft.ts';
import type { KnownDepartment } from './review.ts';

export function NewDepartments({ draft, known, mapped, onMap }: { draft: DraftPlan; known: KnownDepartment[]; mapped: Record<string, KnownDepartment>; onMap: (m: Record<string, KnownDepartment>) => void }) {
  if (draft.newDepartments.length === 0) return null;
  return (
    <fieldset className="dr-newdeps" data-testid="dr-newdeps">
      <legend>{t('dr.newDepartments')}</legend>
      {draft.newDepartments.map((name) => (
        <label key={name} className="dr-newdep" data-name={name}>
          <span className="dr-flag">{name}</span>{' '}
          <select
            value={mapped[name]?.id ?? ''}
            aria-label={`${t('dr.mapTo')}：${name}`}
            data-testid="dr-map"
            onChange={(e) => {
              const to = known.find((u) => u.id === e.target.value);
              const next = { ...mapped };
              if (to) next[name] = to;
              else delete next[name];
              onMap(next);
            }}
          >
            <option value="">{t('dr.keepNew')}</option>
            <optgroup label={t('dr.mapTo')}>
            {known.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
            </optgroup>
          </select>
        </label>
      ))}
    </fieldset>
  );
}
