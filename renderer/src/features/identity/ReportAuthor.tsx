/** The printable report's "编制人" line: who made it (the identity, else the old user name, else 未署名). */
import { useQuery } from '../../api/useQuery.ts';
import { shownUserName, t } from '../../i18n/index.ts';

export function ReportAuthor() {
  const q = useQuery('identity.get', {});
  if (!q.data) return null;
  const a = q.data.author;
  const where = [a.department, a.district].filter(Boolean).join(' · ');
  return (
    <div className="muted small" data-testid="report-author">
      {t('identity.reportBy', { name: where ? `${a.name}（${where}）` : shownUserName(a.name) })}
    </div>
  );
}
