/**
 * 市领导分工: the city leaders' 分工 (渝府办发〔2023〕27号), read-only, each leader's 负责 / 分管 / 联系 as the
 * document writes them. A body the file's department list knows is marked (and named as the list does when
 * the document's spelling differs); one it does not know is shown as written, unmarked. Esc closes.
 */
import { t } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { Leader, LeaderDuty } from '../../../../contract/ops/leaders.ts';
import { useLeaders } from './useLeaders.ts';
import './leaders.css';
import { Dialog } from '../../components/Dialog.tsx';

const KINDS: [LeaderDuty['kind'], MessageKey][] = [
  ['负责', 'ldr.kind.fuze'],
  ['分管', 'ldr.kind.fenguan'],
  ['联系', 'ldr.kind.lianxi'],
];

export function LeadersPanel({ onClose }: { onClose: () => void }) {
  const { leaders, loading } = useLeaders();
  const doc = leaders[0];
  return (
    <Dialog label={t('ldr.title')} testId="leaders-panel" className="leaders-dialog" onEscape={onClose}>
      <div className="toolbar">
        <h2 style={{ margin: 0 }}>{t('ldr.title')}</h2>
        <span className="spacer" />
        <button type="button" onClick={onClose} data-testid="leaders-close" autoFocus>{t('ldr.close')}</button>
      </div>
      {doc && <p className="muted small" data-testid="leaders-source">{t('ldr.source', { source: doc.source })}</p>}
      {loading && !leaders.length && <p className="muted">{t('app.loading')}</p>}
      {!loading && !leaders.length && <p className="muted" data-testid="leaders-empty">{t('ldr.empty')}</p>}
      <div className="leaders-list">
        {leaders.map((l) => (
          <LeaderCard key={l.id} leader={l} />
        ))}
      </div>
    </Dialog>
  );
}

function LeaderCard({ leader }: { leader: Leader }) {
  return (
    <section className="leader-card card" data-testid={`leader-${leader.name}`}>
      <h3>
        {leader.name} <span className="muted small">{leader.title}</span>
      </h3>
      <dl>
        {KINDS.map(([kind, label]) => {
          const duties = leader.duties.filter((d) => d.kind === kind);
          if (!duties.length) return null;
          return (
            <div key={kind} className="leader-duties" data-testid={`leader-${leader.name}-${kind}`}>
              <dt>{t(label)}</dt>
              <dd>
                {duties.map((d, i) => (
                  <span key={i} className={d.departmentId ? 'duty known' : 'duty'} title={t('ldr.line', { line: d.sourceLine ?? '—', text: d.sourceText })}>
                    {d.verb !== kind && <span className="muted small">{d.verb} </span>}
                    {d.text}
                    {d.departmentName && d.departmentName !== d.text && !d.text.startsWith(d.departmentName) && (
                      <span className="muted small"> → {d.departmentName}</span>
                    )}
                  </span>
                ))}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
