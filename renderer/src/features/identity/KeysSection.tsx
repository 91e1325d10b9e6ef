/**
 * 身份与密钥 (issue 15), in the identity dialog: this computer's key code (keys.show) with 导出公钥文件
 * (keys.export), and the keys the plan file trusts (keys.list) with 添加 — choose a key file, see its
 * holder and code, confirm the code the sender read out, choose the role — and 撤销. Trusting and revoking
 * go onto the undo stack of the plan open, if any. The core checks everything again (db/keys).
 */
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { useRoute } from '../../router.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { OperationOutput } from '../../../../contract/operations.ts';
import type { TrustedKeyEntry } from '../../../../contract/ops/keys.ts';
import { MAX_KEY_FILE_BYTES } from '../../../../contract/ops/keys.ts';

type Inspected = OperationOutput<'keys.inspect'> & { text: string };

function download(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function holderLine(h: { name: string; department: string | null; district: string | null }): string {
  const where = [h.department, h.district].filter(Boolean).join(' · ');
  return where ? t('keys.holderLine', { name: h.name, where }) : h.name;
}

function roleLine(k: TrustedKeyEntry): string {
  return k.role === 'city' ? t('keys.role.city') : t('keys.role.district', { district: k.districtName ?? '' });
}

export function KeysSection() {
  const info = useQuery('app.info', {});
  const readonly = info.data?.readonly ?? true;
  const route = useRoute();
  const planId = route.screen === 'plan' ? route.planId : undefined;
  const own = useQuery('keys.show', {});
  const trusted = useQuery('keys.list', {}, ['keys']);
  const [picked, setPicked] = useState<Inspected | null>(null);
  const [busy, setBusy] = useState(false);

  const exportKey = () => {
    setBusy(true);
    call('keys.export', {})
      .then((r) => {
        download(r.fileName, r.mimeType, r.text);
        notify('info', t('keys.exported', { file: r.fileName, code: r.readable }));
      })
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  const choose = (file: File | undefined) => {
    if (!file) return;
    // the core refuses a larger one too; this only spares reading a huge file into the page
    const read = file.size > MAX_KEY_FILE_BYTES * 4 ? Promise.resolve(' '.repeat(MAX_KEY_FILE_BYTES + 1)) : file.text();
    read
      .then((text) => call('keys.inspect', { text }).then((r) => setPicked({ ...r, text })))
      .catch(notifyError);
  };
  const revoke = (k: TrustedKeyEntry) => {
    setBusy(true);
    call('keys.revoke', { ...(planId ? { planId } : {}), fingerprint: k.fingerprint })
      .then(() => notify('info', t('keys.revoked', { name: k.name })))
      .catch(notifyError)
      .finally(() => setBusy(false));
  };

  return (
    <section className="keys-section" data-testid="keys-section">
      <h3>{t('keys.title')}</h3>
      <p className="muted small">{t('keys.intro')}</p>
      <p className="keys-own">
        <span>{t('keys.ownCode')}</span>{' '}
        <code className="keys-code" data-testid="keys-own-code">
          {own.data?.readable ?? '…'}
        </code>{' '}
        <button type="button" onClick={exportKey} disabled={busy || !own.data} data-testid="keys-export">
          {t('keys.export')}
        </button>
      </p>
      <h4>
        {t('keys.trusted')}{' '}
        {!readonly && (
          <label className="keys-add button-like">
            {t('keys.add')}
            <input
              type="file"
              accept=".pdkey,.json,application/json"
              data-testid="keys-add-file"
              onChange={(e) => {
                choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
        )}
      </h4>
      {picked && <TrustPanel picked={picked} planId={planId} onDone={() => setPicked(null)} />}
      {trusted.data && trusted.data.keys.length === 0 && <p className="muted small">{t('keys.trustedNone')}</p>}
      {trusted.data && trusted.data.keys.length > 0 && (
        <table className="keys-table" data-testid="keys-trusted">
          <thead>
            <tr>
              <th>{t('keys.col.holder')}</th>
              <th>{t('keys.col.role')}</th>
              <th>{t('keys.col.code')}</th>
              <th>{t('keys.col.trustedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {trusted.data.keys.map((k) => (
              <tr key={k.fingerprint} data-fingerprint={k.fingerprint}>
                <td>{holderLine(k)}</td>
                <td>{roleLine(k)}</td>
                <td>
                  <code className="keys-code">{k.readable}</code>
                </td>
                <td className="small">{k.trustedAt.slice(0, 10)}</td>
                <td>
                  {!readonly && (
                    <button type="button" onClick={() => revoke(k)} disabled={busy} data-testid="keys-revoke">
                      {t('keys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!planId && !readonly && <p className="muted small">{t('keys.noPlan')}</p>}
    </section>
  );
}

/** A key file chosen: its holder and code, the planner's confirmation and the role, then keys.trust. */
function TrustPanel({ picked, planId, onDone }: { picked: Inspected; planId: string | undefined; onDone: () => void }) {
  const districts = useQuery('districts.list', {});
  const holderDistrict = picked.key.holder.district;
  const [role, setRole] = useState<'city' | 'district'>(holderDistrict ? 'district' : 'city');
  const [district, setDistrict] = useState(holderDistrict ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const trust = () => {
    setBusy(true);
    call('keys.trust', {
      ...(planId ? { planId } : {}),
      text: picked.text,
      role,
      district: role === 'district' ? district : null,
      confirmReadable: picked.key.readable,
    })
      .then((r) => {
        notify('info', r.alreadyTrusted ? t('keys.alreadyTrusted') : t('keys.trustedOk', { name: r.key.name, code: r.key.readable }));
        onDone();
      })
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  const h = picked.key.holder;
  return (
    <div className="keys-confirm" data-testid="keys-confirm" role="group" aria-label={t('keys.confirmTitle')}>
      <h4>{t('keys.confirmTitle')}</h4>
      <p data-testid="keys-confirm-holder">{t('keys.holder', { name: holderLine(h) })}</p>
      <p>
        {t('keys.fileCode')} <code className="keys-code keys-code-big" data-testid="keys-confirm-code">{picked.key.readable}</code>
      </p>
      {picked.own ? (
        <p className="identity-problem">{t('keys.own')}</p>
      ) : (
        <>
          <p className="muted small">{t('keys.confirmAsk')}</p>
          <label className="keys-check">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="keys-confirm-check" /> {t('keys.confirmCheck')}
          </label>
          <p className="keys-role">
            <span>{t('keys.asRole')}</span>{' '}
            <label>
              <input type="radio" name="keys-role" checked={role === 'city'} onChange={() => setRole('city')} data-testid="keys-role-city" /> {t('keys.asCity')}
            </label>{' '}
            <label>
              <input type="radio" name="keys-role" checked={role === 'district'} onChange={() => setRole('district')} data-testid="keys-role-district" /> {t('keys.asDistrict')}
            </label>{' '}
            {role === 'district' && (
              <select value={district} onChange={(e) => setDistrict(e.target.value)} aria-label={t('keys.chooseDistrict')} data-testid="keys-district">
                <option value="">{t('keys.chooseDistrict')}</option>
                {districts.data?.map((d) => (
                  <option key={d.id} value={d.name}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
          </p>
        </>
      )}
      <p className="dialog-actions">
        <button type="button" onClick={onDone} disabled={busy}>
          {t('keys.cancel')}
        </button>{' '}
        {!picked.own && (
          <button type="button" onClick={trust} disabled={busy || !confirmed || (role === 'district' && !district)} data-testid="keys-trust">
            {t('keys.trust')}
          </button>
        )}
      </p>
    </div>
  );
}
