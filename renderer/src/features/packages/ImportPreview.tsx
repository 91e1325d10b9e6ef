/**
 * 导入报送包: the preview of a chosen .pdpkg (packagefiles.preview: the checks in order ran in the core; a
 * refusal goes to the one notification path) — sender, key code, sequence, what will change, every conflict
 * with base / mine / theirs — the choices (packages.resolve, one by one or in bulk), 应用 only when no
 * conflict is open (packages.apply: one undoable step, a named version), or 放弃 (packages.discard).
 */
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import { MAX_PACKAGE_UPLOAD_BYTES } from '../../../../contract/ops/packagefiles.ts';
import { planDateTime } from '../../../../domain/calendar.ts';
import { ConflictsTable, type Choice } from './ConflictsTable.tsx';
import { commentBody, entityLabel, fieldLabel, labelOf, readBase64, shown, type Preview } from './shared.ts';

export interface Applied {
  planId: string;
  versionName: string;
  applied: number;
}

/** 导入报送包… : the file chooser; the preview shows below it once the core has checked the file. */
/** `called`: the menu's 导入报送包… asked for it (command.ts): the button is focused and marked; Enter or a click opens the file chooser (a browser opens one only on the user's own gesture) */
export function ImportButton({ onPreview, called = false }: { onPreview: (p: Preview) => void; called?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const label = useRef<HTMLLabelElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (called) label.current?.focus();
  }, [called]);
  const choose = (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    // the core refuses a larger one too; this only spares sending a huge file to the host
    const read = file.size > MAX_PACKAGE_UPLOAD_BYTES ? Promise.resolve('A'.repeat(Math.ceil((MAX_PACKAGE_UPLOAD_BYTES * 4) / 3) + 8)) : readBase64(file);
    read
      .then((dataBase64) => call('packagefiles.preview', { fileName: file.name, dataBase64 }))
      .then(onPreview)
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  return (
    <label
      ref={label}
      tabIndex={0}
      className={`pkg-import-button${busy ? ' busy' : ''}${called ? ' called' : ''}`}
      data-testid="pkg-import"
      data-called={called ? 'true' : undefined}
      title={called ? t('pkg.commandImport') : undefined}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        input.current?.click();
      }}
    >
      {t('pkg.import')}
      <input
        ref={input}
        type="file"
        hidden
        accept=".pdpkg"
        disabled={busy}
        data-testid="pkg-import-file"
        onChange={(e) => {
          choose(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </label>
  );
}

function senderLine(p: Preview): string {
  const where = [p.sender.department, p.sender.role === 'city' ? t('pkg.roleCity') : t('pkg.roleDistrict', { district: p.sender.district ?? p.senderLabel })].filter(Boolean).join(' · ');
  return t('pkg.senderLine', { name: p.sender.name, where });
}

export function ImportPreview({ preview, onClose, onApplied, onConflicts }: { preview: Preview; onClose: () => void; onApplied: (a: Applied) => void; onConflicts?: (p: Preview) => void }) {
  const [conflicts, setConflicts] = useState(preview.conflicts);
  const [busy, setBusy] = useState(false);
  const open = conflicts.filter((c) => !c.resolution).length;
  const p = preview;

  const resolve = (input: { resolutions?: Choice[]; all?: 'mine' | 'theirs' | 'district' }) => {
    setBusy(true);
    call('packages.resolve', { packageId: p.packageId, ...input })
      .then((r) => {
        setConflicts(r.conflicts);
        onConflicts?.({ ...preview, conflicts: r.conflicts });
      })
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  const apply = () => {
    setBusy(true);
    call('packages.apply', { packageId: p.packageId })
      .then((r) => onApplied({ planId: r.planId, versionName: r.versionName, applied: r.applied }))
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  const discard = () => {
    setBusy(true);
    call('packages.discard', { packageId: p.packageId })
      .then(() => {
        notify('info', t('pkg.discarded'));
        onClose();
      })
      .catch(notifyError)
      .finally(() => setBusy(false));
  };

  return (
    <section className="pkg-preview" data-testid="pkg-preview">
      <h3>{t('pkg.previewTitle')}</h3>
      <table className="pkg-kv">
        <tbody>
          <tr><th>{t('pkg.forPlan')}</th><td>{p.planTitle}</td></tr>
          <tr><th>{t('pkg.sender')}</th><td data-testid="pkg-sender">{senderLine(p)}</td></tr>
          <tr><th>{t('pkg.senderKey')}</th><td><code className="keys-code" data-testid="pkg-sender-code">{p.senderCode ?? '—'}</code></td></tr>
          <tr><th>{t('pkg.seq')}</th><td data-testid="pkg-seq">{t('pkg.seqValue', { seq: p.seq, full: p.full ? t('pkg.seqFull') : '' })}</td></tr>
        </tbody>
      </table>
      {p.status === 'already' ? (
        <p data-testid="pkg-already">{t('pkg.already')}</p>
      ) : (
        <p data-testid="pkg-counts">{t('pkg.counts', { changes: p.counts.changes, toApply: p.counts.toApply, unchanged: p.counts.unchanged, conflicts: p.counts.conflicts })}</p>
      )}
      {conflicts.length > 0 && (
        <>
          <h4 data-testid="pkg-conflicts-title">{t('pkg.conflictsTitle', { n: conflicts.length, open })}</h4>
          <p className="pkg-bulk">
            <button type="button" disabled={busy} onClick={() => resolve({ all: 'district' })} data-testid="pkg-all-district">{t('pkg.allDistrict')}</button>{' '}
            <button type="button" disabled={busy} onClick={() => resolve({ all: 'mine' })} data-testid="pkg-all-mine">{t('pkg.allMine')}</button>{' '}
            <button type="button" disabled={busy} onClick={() => resolve({ all: 'theirs' })} data-testid="pkg-all-theirs">{t('pkg.allTheirs')}</button>
          </p>
          <ConflictsTable conflicts={conflicts} labelOf={(c) => labelOf(p, c.entity, c.rowId)} busy={busy} onChoose={(c) => resolve({ resolutions: [c] })} />
        </>
      )}
      {p.status !== 'already' && (
        <>
          <h4>{t('pkg.changesTitle')}</h4>
          {p.items.length === 0 ? (
            <p className="muted">{t('pkg.noItems')}</p>
          ) : (
            <table className="transfer-table" data-testid="pkg-items">
              <thead>
                <tr>
                  <th>{t('pkg.col.table')}</th><th>{t('pkg.col.row')}</th><th>{t('pkg.col.field')}</th><th>{t('pkg.col.from')}</th><th>{t('pkg.col.to')}</th><th>{t('pkg.col.author')}</th><th>{t('pkg.col.at')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.slice(0, 500).map((i, n) => (
                  <tr key={n}>
                    <td>{entityLabel(i.table)}</td>
                    <td>{labelOf(p, i.table, i.rowId)}</td>
                    <td>{i.op === 'set' ? fieldLabel(i.field) : i.op === 'insert' ? t('pkg.op.insert') : t('pkg.op.delete')}</td>
                    <td className="before">{i.op === 'set' ? shown(i.from) : i.op === 'delete' ? commentBody(i.table, i.from) : ''}</td>
                    <td className="after">{i.op === 'set' ? shown(i.to) : i.op === 'insert' ? commentBody(i.table, i.to) : ''}</td>
                    <td>{i.author}</td>
                    <td className="nowrap">{i.at ? planDateTime(i.at) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {(p.truncated || p.items.length > 500) && <p className="muted small">{t('pkg.truncated', { n: Math.min(500, p.items.length) })}</p>}
        </>
      )}
      <p className="transfer-actions">
        {p.status !== 'already' && (
          <button type="button" disabled={busy || open > 0} onClick={apply} data-testid="pkg-apply">
            {t('pkg.apply')}
          </button>
        )}
        {open > 0 && <span className="error small" data-testid="pkg-apply-blocked">{t('pkg.applyBlocked', { n: open })}</span>}
        {p.kept && (
          <button type="button" disabled={busy} onClick={discard} data-testid="pkg-discard">
            {t('pkg.discard')}
          </button>
        )}
        {!p.kept && (
          <button type="button" onClick={onClose} data-testid="pkg-close">
            {t('pkg.cancel')}
          </button>
        )}
      </p>
    </section>
  );
}
