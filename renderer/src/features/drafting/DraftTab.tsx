/** One draft under review: its header, its values beside the document's text, its new units, 创建规划. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import { routeHref } from '../../router.ts';
import type { DraftLineOut } from '../../../../contract/ops/draft.ts';
import type { DraftState } from './session.ts';
import { counts, reviewedDraft, reviewValues, type Decision, type KnownDepartment, type SortBy } from './review.ts';
import { HeaderForm } from './HeaderForm.tsx';
import { ValueList } from './ValueList.tsx';
import { SourcePane } from './SourcePane.tsx';
import { NewDepartments } from './NewDepartments.tsx';
import { DraftComparison } from './DraftComparison.tsx';

export function DraftTab({ initial, lines, onState, onCreated }: { initial: DraftState; lines: DraftLineOut[]; onState: (s: DraftState) => void; onCreated: () => void }) {
  const [draft, setDraft] = useState(initial.draft);
  const [decisions, setDecisions] = useState<Record<string, Decision>>(initial.decisions);
  const [mapped, setMapped] = useState<Record<string, KnownDepartment>>(initial.mapped);
  // every change is kept in the window's session (session.ts): a reload finds the review as it was
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    onState({ draft, decisions, mapped });
  }, [draft, decisions, mapped]); // onState is a new function each render of the review: not a reason to store again
  const [sortBy, setSortBy] = useState<SortBy>('document');
  const [selected, setSelected] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  const [creating, setCreating] = useState(false);
  const plans = useQuery('plans.list', {});
  const departments = useQuery('departments.list', {});
  const districtList = useQuery('districts.list', {});
  const districts = useMemo(() => (districtList.data ?? []).map((x) => ({ id: x.id, name: x.name })), [districtList.data]);
  const known: KnownDepartment[] = useMemo(() => (departments.data ?? []).map((u) => ({ id: u.id, name: u.name, aliases: u.aliases })), [departments.data]);
  const values = useMemo(() => reviewValues(draft), [draft]);
  const c = counts(values, decisions);
  const doc = draft.plan.docNumber.trim();
  const existing = doc ? (plans.data ?? []).find((p) => p.docNumber === doc) : undefined;
  const source = values.find((v) => v.path === selected)?.source ?? null;
  const decide = (paths: string[], d: Decision) => setDecisions((x) => ({ ...x, ...Object.fromEntries(paths.map((p) => [p, d])) }));

  const create = async () => {
    setCreating(true);
    try {
      const r = await call('draft.create', { drafts: [reviewedDraft(draft, decisions, mapped)] });
      const planId = r.planIds[0];
      onCreated();
      // opened where its undo bar is (the grids'): the task ledger, or the indicators when it has no tasks
      if (planId) window.location.hash = routeHref({ screen: 'plan', planId, tab: r.planIds.length && draft.tasks.length ? 'tasks' : 'indicators', focus: '' });
      notify('info', t('dr.created', { title: draft.plan.title }));
    } catch (err) {
      notifyError(err);
    } finally {
      setCreating(false);
    }
  };

  return (
    <div className="dr-tab" data-testid="dr-draft" data-doc={doc}>
      <HeaderForm draft={draft} onChange={setDraft} />
      {existing && (
        <p className="dr-exists" data-testid="dr-exists">
          {t('dr.exists', { doc, title: existing.title })}{' '}
          <button type="button" onClick={() => setComparing((x) => !x)} data-testid="dr-compare">
            {comparing ? t('dr.compareHide') : t('dr.compare')}
          </button>
        </p>
      )}
      {existing && comparing ? (
        <DraftComparison draft={draft} planId={existing.id} />
      ) : (
        <>
          <NewDepartments draft={draft} known={known} mapped={mapped} onMap={setMapped} />
          <div className="toolbar">
            <label>
              {t('dr.sort')}{' '}
              <select value={sortBy} onChange={(e) => setSortBy(e.target.value === 'confidence' ? 'confidence' : 'document')} data-testid="dr-sort">
                <option value="document">{t('dr.sort.document')}</option>
                <option value="confidence">{t('dr.sort.confidence')}</option>
              </select>
            </label>
            <button type="button" onClick={() => decide(values.filter((v) => !decisions[v.path] || decisions[v.path] === 'pending').map((v) => v.path), 'accepted')} data-testid="dr-accept-all">
              {t('dr.acceptAll')}
            </button>
            <span className="count" data-testid="dr-counts">
              {t('dr.counts', c)}
            </span>
            <span className="spacer" />
            {c.pending > 0 && c.accepted > 0 && <span className="muted small">{t('dr.createPending', c)}</span>}
            <button type="button" className="primary" disabled={creating || c.accepted === 0 || existing !== undefined} title={c.accepted === 0 ? t('dr.nothingAccepted') : undefined} onClick={() => void create()} data-testid="dr-create">
              {t('dr.create', c)}
            </button>
          </div>
          <div className="dr-split">
            <ValueList draft={draft} values={values} sortBy={sortBy} decisions={decisions} selected={selected} known={known} districts={districts} onSelect={setSelected} onDecide={(p, d) => decide([p], d)} onChange={setDraft} />
            <SourcePane lines={lines} source={source} span={draft.lines} />
          </div>
        </>
      )}
    </div>
  );
}
