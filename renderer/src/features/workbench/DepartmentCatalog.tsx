/**
 * 管理部门: the common list of departments (issue 14 §1) — add, rename in place, short names/aliases,
 * order, delete (the core refuses while tasks name one, and names them), and 合并 two spellings of one
 * department (市金融工作局 into 市金融监管局). Every step is one undo step of the plan open here.
 */
import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import { splitNames } from '../../../../domain/text.ts';
import type { DepartmentEntry } from '../../../../contract/ops/departments.ts';
import { HistoryBar } from './HistoryBar.tsx';
import { FenguanLeaders, useLeaders } from '../departments/index.ts';
import type { DepartmentLeader } from '../departments/leaders.ts';
import { Dialog } from '../../components/Dialog.tsx';

export function DepartmentCatalog({ planId, onClose }: { planId: string; onClose: () => void }) {
  const list = useQuery('departments.entries', {}, ['departments', 'tasks']);
  const [query, setQuery] = useState('');
  const [newName, setNewName] = useState('');
  const [merging, setMerging] = useState<DepartmentEntry | null>(null);
  const { byDepartment } = useLeaders();
  const run = (work: () => Promise<unknown>) => work().catch(notifyError);
  const rows = list.data ?? [];
  const q = query.trim();
  const shown = rows.filter((d) => !q || d.name.includes(q) || d.aliases.some((a) => a.includes(q)));
  return (
    <>
      <Dialog label={t('cat.dept.title')} testId="dept-catalog" style={{ width: 'min(980px, 96vw)' }} onEscape={merging ? null : onClose}>
        <div className="toolbar">
          <h2 style={{ margin: 0 }}>{t('cat.dept.title')}</h2>
          <span className="spacer" />
          <HistoryBar planId={planId} />
        </div>
        <div className="toolbar">
          <input type="search" placeholder={t('cat.dept.filter')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="dept-catalog-filter" />
          <span className="spacer" />
          <input placeholder={t('cat.dept.newName')} value={newName} onChange={(e) => setNewName(e.target.value)} data-testid="dept-new-name" />
          <button
            type="button"
            data-testid="dept-add"
            onClick={() =>
              run(async () => {
                await call('departments.create', { planId, name: newName, position: 0 });
                notify('info', t('cat.added', { name: newName.trim() }));
                setNewName('');
              })
            }
          >
            {t('cat.add')}
          </button>
        </div>
        <table className="dept-catalog" data-testid="dept-catalog-table">
          <thead>
            <tr>
              <th>{t('cat.dept.name')}</th>
              <th>{t('cat.dept.aliases')}</th>
              <th>{t('ldr.column')}</th>
              <th>{t('cat.dept.tasks')}</th>
              <th>{t('cat.rowActions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <DepartmentRow key={d.id} d={d} leaders={byDepartment.get(d.id)} index={rows.indexOf(d)} count={rows.length} planId={planId} onMerge={() => setMerging(d)} />
            ))}
          </tbody>
        </table>
        <p className="dialog-actions">
          <button type="button" onClick={onClose} data-testid="dept-catalog-close">{t('cat.dept.close')}</button>
        </p>
      </Dialog>
      {merging && <MergeDialog planId={planId} from={merging} all={rows} onClose={() => setMerging(null)} />}
    </>
  );
}

function DepartmentRow({ d, leaders, index, count, planId, onMerge }: { d: DepartmentEntry; leaders: DepartmentLeader[] | undefined; index: number; count: number; planId: string; onMerge: () => void }) {
  const [name, setName] = useState(d.name);
  const [aliases, setAliases] = useState(d.aliases.join('、'));
  useEffect(() => setName(d.name), [d.name]);
  const aliasKey = d.aliases.join('、');
  useEffect(() => setAliases(aliasKey), [aliasKey]);
  const run = (work: () => Promise<unknown>) => work().catch(notifyError);
  const saveName = () => {
    if (name.trim() === d.name) return;
    run(() => call('departments.rename', { planId, departmentId: d.id, name }).catch((e: unknown) => {
      setName(d.name);
      throw e;
    }));
  };
  const saveAliases = () => {
    const next = splitNames(aliases);
    if (next.join('、') === aliasKey) return;
    run(() => call('departments.setAliases', { planId, departmentId: d.id, aliases: next }));
  };
  const enter = (save: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') save();
  };
  return (
    <tr data-testid={`dept-row-${d.name}`}>
      <td>
        <input value={name} aria-label={t('cat.dept.name')} onChange={(e) => setName(e.target.value)} onBlur={saveName} onKeyDown={enter(saveName)} data-testid="dept-name" />
        {d.merges.map((m) => (
          <div key={m.id} className="muted small" data-testid="dept-merged-from">{t('cat.dept.mergedFrom', { name: m.fromName, count: m.taskLinks })}</div>
        ))}
      </td>
      <td>
        <input value={aliases} aria-label={t('cat.dept.aliases')} title={t('cat.dept.aliasHelp')} placeholder={t('cat.dept.aliasHelp')} onChange={(e) => setAliases(e.target.value)} onBlur={saveAliases} onKeyDown={enter(saveAliases)} data-testid="dept-aliases" style={{ width: '100%' }} />
      </td>
      <td>
        <FenguanLeaders leaders={leaders} />
      </td>
      <td className="num">{d.taskCount}</td>
      <td className="nowrap">
        <button type="button" disabled={index <= 0} title={t('cat.moveUp')} aria-label={t('cat.moveUp')} onClick={() => run(() => call('departments.move', { planId, departmentId: d.id, position: index - 1 }))}>↑</button>
        <button type="button" disabled={index >= count - 1} title={t('cat.moveDown')} aria-label={t('cat.moveDown')} onClick={() => run(() => call('departments.move', { planId, departmentId: d.id, position: index + 1 }))}>↓</button>
        <button type="button" onClick={onMerge} data-testid="dept-merge">{t('cat.dept.merge')}</button>
        <button type="button" className="danger" onClick={() => run(() => call('departments.delete', { planId, departmentId: d.id }))} data-testid="dept-delete">{t('cat.delete')}</button>
      </td>
    </tr>
  );
}

function MergeDialog({ planId, from, all, onClose }: { planId: string; from: DepartmentEntry; all: DepartmentEntry[]; onClose: () => void }) {
  const others = useMemo(() => all.filter((d) => d.id !== from.id), [all, from.id]);
  const [into, setInto] = useState('');
  const target = others.find((d) => d.id === into);
  return (
    <Dialog label={t('cat.dept.mergeTitle', { name: from.name })} testId="dept-merge-dialog" style={{ width: 'min(560px, 92vw)' }} onEscape={onClose}>
      <h2>{t('cat.dept.mergeTitle', { name: from.name })}</h2>
      <label>
        {t('cat.dept.mergeInto')}{' '}
        <select value={into} onChange={(e) => setInto(e.target.value)} data-testid="dept-merge-into">
          <option value="">{t('cat.dept.mergeChoose')}</option>
          {others.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <p>{t('cat.dept.mergeHelp', { name: from.name, count: from.taskCount })}</p>
      <p className="dialog-actions">
        <button type="button" onClick={onClose}>{t('cat.cancel')}</button>{' '}
        <button
          type="button"
          className="primary"
          disabled={!target}
          data-testid="dept-merge-ok"
          onClick={() =>
            call('departments.merge', { planId, fromId: from.id, intoId: into })
              .then(() => {
                notify('info', t('cat.dept.merged', { from: from.name, into: target?.name ?? '' }));
                onClose();
              })
              .catch(notifyError)
          }
        >
          {t('cat.dept.mergeDo')}
        </button>
      </p>
    </Dialog>
  );
}
