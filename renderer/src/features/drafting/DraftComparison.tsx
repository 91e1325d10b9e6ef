/** The draft of a document already in the file, compared with its plan: the versions' ComparisonView fed by draft.compare. */
import { useCallback } from 'react';
import { call } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import type { DraftPlan } from '../../../../contract/ops/draft.ts';
import type { VersionedTable } from '../../../../contract/ops/versions.ts';
import { ComparisonView } from '../versions/ComparisonView.tsx';

export function DraftComparison({ draft, planId }: { draft: DraftPlan; planId: string }) {
  const load = useCallback((table: VersionedTable | undefined, limit: number) => call('draft.compare', { draft, planId, ...(table ? { table } : {}), limit }), [draft, planId]);
  return (
    <section className="dr-compare" data-testid="dr-comparison">
      <h3>{t('dr.compareHeading')}</h3>
      <ComparisonView planId={planId} from="current" to="current" load={load} />
    </section>
  );
}
