/**
 * 密钥 on the admin page (s7-hubkeys): the keys the hub trusts — for the city, or for one district —, trust
 * one by uploading its key file (.pdkey: the page reads its text and sends it; the hub checks it with the
 * package layer's reader, package/key-file.ts), revoke. A push is applied only when its signing key is
 * trusted here for its sender (hub/keys/keys.ts). The same core as `plandesk hub key trust|list|revoke`.
 */
import { useState, type FormEvent } from 'react';
import { hubKeyAnswer, hubKeys, type HubKey } from '../../../contract/hub.ts';
import { t, useLanguage } from '../i18n/index.ts';
import { hubPost } from './api.ts';
import { shownTime } from './text.ts';
import { ListTable, NoticeLine, useNotice } from './adminParts.tsx';
import { LoadError, useHub } from './useHub.tsx';

const useOf = (k: Pick<HubKey, 'role' | 'district'>) => (k.role === 'city' ? t('hubweb.keys.roleCity') : (k.district ?? ''));

export function KeysSection() {
  useLanguage();
  const [keys, reload] = useHub('api/keys', hubKeys);
  const [file, setFile] = useState<File | null>(null);
  const [role, setRole] = useState<'city' | 'district'>('district');
  const [district, setDistrict] = useState('');
  const [formKey, setFormKey] = useState(0);
  const { notice, setNotice, info, fail, invalid } = useNotice<'file' | 'district'>();
  const [busy, setBusy] = useState(false);
  const trust = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setNotice({ kind: 'error', text: () => t('hubweb.keys.noFile'), field: 'file' });
      return;
    }
    setBusy(true);
    file
      .text()
      .then((keyFile) => hubPost('api/keys', { keyFile, role, district: role === 'district' ? district.trim() || null : null }, hubKeyAnswer))
      .then(({ key }) => {
        setFile(null);
        setDistrict('');
        setFormKey((n) => n + 1);
        info(() => t('hubweb.keys.trusted', { fingerprint: key.readable, holder: key.holder.name, use: useOf(key) }));
        reload();
      }, fail)
      .finally(() => setBusy(false));
  };
  const revoke = (k: HubKey) => {
    if (!window.confirm(t('hubweb.keys.confirmRevoke', { fingerprint: k.readable, use: useOf(k) }))) return;
    hubPost('api/keys/revoke', { fingerprint: k.fingerprint }, hubKeyAnswer).then(({ key }) => {
      info(() => t('hubweb.keys.revokedDone', { fingerprint: key.readable }));
      reload();
    }, fail);
  };
  return (
    <section data-testid="hub-keys-section">
      <h1>{t('hubweb.keys.title')}</h1>
      <p className="muted">{t('hubweb.keys.hint')}</p>
      <NoticeLine notice={notice} onClose={() => setNotice(null)} testId="hub-keys-notice" />
      <form className="card hub-form" onSubmit={trust} data-testid="hub-key-form" key={formKey}>
        <h2>{t('hubweb.keys.trust')}</h2>
        <label>
          {t('hubweb.keys.file')}
          <input type="file" accept=".pdkey,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="hub-key-file" {...invalid('file')} />
        </label>
        <label>
          {t('hubweb.keys.role')}
          <select value={role} onChange={(e) => setRole(e.target.value === 'city' ? 'city' : 'district')} data-testid="hub-key-role">
            <option value="district">{t('hubweb.keys.roleDistrict')}</option>
            <option value="city">{t('hubweb.keys.roleCity')}</option>
          </select>
        </label>
        {role === 'district' ? (
          <label>
            {t('hubweb.keys.district')}
            <input value={district} onChange={(e) => setDistrict(e.target.value)} data-testid="hub-key-district" {...invalid('district')} />
          </label>
        ) : null}
        <button type="submit" disabled={busy} data-testid="hub-key-trust">
          {t('hubweb.keys.trust')}
        </button>
      </form>
      <div className="card" data-testid="hub-keys">
        {keys.state === 'loading' ? <p className="muted">{t('hubweb.loading')}</p> : null}
        {keys.state === 'error' ? <LoadError error={keys.error} /> : null}
        {keys.state === 'ok' && keys.value.keys.length === 0 ? <p className="muted">{t('hubweb.keys.none')}</p> : null}
        {keys.state === 'ok' && keys.value.keys.length > 0 ? (
          <ListTable heads={[t('hubweb.keys.fingerprint'), t('hubweb.keys.role'), t('hubweb.keys.holder'), t('hubweb.keys.addedBy'), t('hubweb.keys.addedAt'), t('hubweb.keys.state')]}>
            {keys.value.keys.map((k) => (
              <tr key={k.id} data-testid="hub-key-row" data-fingerprint={k.readable} className={k.revokedAt ? 'hub-disabled' : ''}>
                <td className="nowrap mono">{k.readable}</td>
                <td>{useOf(k)}</td>
                <td>
                  {k.holder.name}
                  {k.holder.department ? <span className="muted"> {k.holder.department}</span> : null}
                </td>
                <td>{k.addedBy}</td>
                <td className="nowrap">{shownTime(k.addedAt)}</td>
                <td data-testid="hub-key-state">{k.revokedAt ? t('hubweb.keys.revoked', { at: shownTime(k.revokedAt), by: k.revokedBy ?? '' }) : t('hubweb.keys.active')}</td>
                <td>
                  {k.revokedAt ? null : (
                    <button type="button" className="small danger" onClick={() => revoke(k)} data-testid="hub-key-revoke">
                      {t('hubweb.keys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </ListTable>
        ) : null}
      </div>
    </section>
  );
}
