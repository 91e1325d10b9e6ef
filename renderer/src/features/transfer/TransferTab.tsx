/**
 * 导出与报告: export the plan as a workbook (the core draws its chart pictures), import targets and tasks (file →
 * preview of every change and problem → apply as one undoable step), open the printable report.
 */
import { useEffect, useRef, useState } from 'react';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import { routeHref } from '../../router.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { ImportPreviewOut } from '../../../../contract/ops/import.ts';
import { readFileBase64, runJob, saveExported } from './jobs.ts';
import { ReportPage } from './ReportPage.tsx';
import './transfer.css';
import { localizedError } from '../../i18n/errors.ts';

const MAX_BYTES = 32 * 1024 * 1024;

function Progress({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="transfer-progress" role="status" data-testid="transfer-progress">
      <span>{label}</span>
      <progress max={total || undefined} value={total ? done : undefined} />
      {total > 0 && <span className="muted small">{t('tr.progress', { done, total })}</span>}
    </div>
  );
}

function PreviewView({ preview }: { preview: ImportPreviewOut }) {
  const s = preview.summary;
  const kind = { tasks: t('tr.sheetTasks'), matrix: t('tr.sheetMatrix'), catalog: t('cat.sheetCatalog'), plan: t('author.sheetPlan'), districts: t('author.sheetDistricts'), skipped: t('tr.sheetSkipped') };
  return (
    <div className="import-preview" data-testid="import-preview">
      <h3>{t('tr.previewOf', { file: preview.fileName })}</h3>
      <p className="muted small">
        {t('tr.sheetsRead')}：{preview.sheets.map((x) => `${x.name}（${kind[x.kind]}，${x.rows}）`).join('；')}
      </p>
      {preview.notices.length > 0 && (
        <ul className="import-notices small" data-testid="import-notices">
          {preview.notices.map((n, i) => <li key={i}>{n}</li>)}
        </ul>
      )}
      {preview.problemsTotal > 0 && (
        <div className="import-problems" data-testid="import-problems">
          <p className="error">{t('tr.problemsFound', { n: preview.problemsTotal })}</p>
          <table className="transfer-table">
            <thead><tr><th>{t('tr.colSheet')}</th><th>{t('tr.colRow')}</th><th>{t('tr.colColumn')}</th><th>{t('tr.colReason')}</th></tr></thead>
            <tbody>
              {preview.problems.map((p, i) => (
                <tr key={i}><td>{p.sheet}</td><td>{p.row ?? ''}</td><td>{p.column ?? ''}</td><td>{p.reason}</td></tr>
              ))}
            </tbody>
          </table>
          {preview.problemsTotal > preview.problems.length && <p className="muted small">{t('tr.moreRows', { shown: preview.problems.length, total: preview.problemsTotal })}</p>}
        </div>
      )}
      <p data-testid="import-summary">
        {preview.changesTotal === 0 && preview.problemsTotal === 0
          ? t('tr.noChanges')
          : t('tr.summary', { updated: s.tasksUpdated, added: s.tasksAdded, targets: s.targetsChanged, changes: preview.changesTotal })}
      </p>
      {preview.changes.length > 0 && (
        <table className="transfer-table" data-testid="import-changes">
          <thead><tr><th>{t('tr.colSheet')}</th><th>{t('tr.colRow')}</th><th>{t('tr.colSubject')}</th><th>{t('tr.colColumn')}</th><th>{t('tr.colBefore')}</th><th>{t('tr.colAfter')}</th></tr></thead>
          <tbody>
            {preview.changes.map((c, i) => (
              <tr key={i}><td>{c.sheet}</td><td>{c.row}</td><td>{c.subject}</td><td>{c.column}</td><td className="before">{c.before ?? ''}</td><td className="after">{c.after ?? ''}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.changesTotal > preview.changes.length && <p className="muted small">{t('tr.moreRows', { shown: preview.changes.length, total: preview.changesTotal })}</p>}
    </div>
  );
}

export function TransferTab({ planId, focus }: PlanTabProps) {
  const [busy, setBusy] = useState<{ label: string; done: number; total: number } | null>(null);
  const [pending, setPending] = useState<{ name: string; data: string; preview: ImportPreviewOut } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // `action=export` (the desktop menu's 导出…) starts the workbook export once, with its progress shown here.
  const exportRef = useRef<(() => Promise<void>) | null>(null);
  const autoExport = new URLSearchParams(focus).get('action') === 'export';
  useEffect(() => {
    if (!autoExport) return;
    window.location.hash = routeHref({ screen: 'plan', planId, tab: 'transfer', focus: '' });
    void exportRef.current?.();
  }, [autoExport, planId]);
  if (new URLSearchParams(focus).get('view') === 'report') return <ReportPage planId={planId} />;

  const progress = (label: string) => (done: number, total: number) => setBusy({ label, done, total });

  const exportWorkbook = async () => {
    setBusy({ label: t('tr.exporting'), done: 0, total: 0 });
    try {
      const s = await runJob('export.planXlsx', { planId }, progress(t('tr.exporting')));
      if (s.file) {
        saveExported(s.file);
        if (!s.file.warnings.length) notify('info', t('tr.exported', { file: s.file.fileName }));
      }
    } catch (err) {
      notifyError(localizedError(err));
    } finally {
      setBusy(null);
    }
  };

  exportRef.current = exportWorkbook;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) return notify('error', t('tr.fileTooBig'));
    setPending(null);
    setBusy({ label: t('tr.reading'), done: 0, total: 0 });
    try {
      const data = await readFileBase64(file);
      const s = await runJob('import.preview', { planId, fileName: file.name, dataBase64: data }, progress(t('tr.reading')));
      if (s.preview) setPending({ name: file.name, data, preview: s.preview });
    } catch (err) {
      notifyError(localizedError(err));
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  const apply = async () => {
    if (!pending) return;
    setBusy({ label: t('tr.applying'), done: 0, total: 0 });
    try {
      const s = await runJob('import.apply', { planId, fileName: pending.name, dataBase64: pending.data, fingerprint: pending.preview.fingerprint });
      if (s.applied) notify('info', t('tr.applied', { updated: s.applied.tasksUpdated, added: s.applied.tasksAdded, targets: s.applied.targetsChanged }));
      setPending(null);
    } catch (err) {
      notifyError(localizedError(err));
    } finally {
      setBusy(null);
    }
  };

  const canApply = pending && pending.preview.problemsTotal === 0 && pending.preview.changesTotal > 0;
  return (
    <div className="transfer" data-testid="transfer-tab">
      {busy && <Progress {...busy} />}
      <section className="card">
        <h2>{t('tr.exportTitle')}</h2>
        <p className="muted">{t('tr.exportHint')}</p>
        <button type="button" onClick={() => void exportWorkbook()} disabled={busy !== null} data-testid="export-workbook">
          {t('tr.exportButton')}
        </button>
      </section>
      <section className="card">
        <h2>{t('tr.importTitle')}</h2>
        <p className="muted">{t('tr.importHint')}</p>
        <label className="button-like">
          {t('tr.chooseFile')}
          <input ref={input} type="file" accept=".xlsx,.csv" hidden disabled={busy !== null} onChange={(e) => void choose(e.target.files?.[0])} data-testid="import-file" />
        </label>
        {pending && (
          <>
            <PreviewView preview={pending.preview} />
            <div className="transfer-actions">
              <button type="button" disabled={!canApply || busy !== null} onClick={() => void apply()} data-testid="import-apply">
                {t('tr.apply')}
              </button>
              <button type="button" onClick={() => setPending(null)}>{t('tr.cancel')}</button>
            </div>
          </>
        )}
      </section>
      <section className="card">
        <h2>{t('tr.reportTitle')}</h2>
        <p className="muted">{t('tr.reportHint')}</p>
        <a className="button-like" href={routeHref({ screen: 'plan', planId, tab: 'transfer', focus: 'view=report' })} data-testid="open-report">
          {t('tr.openReport')}
        </a>
      </section>
    </div>
  );
}
