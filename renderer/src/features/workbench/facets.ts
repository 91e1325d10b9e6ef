/** The plan's departments and districts with their task counts (tasks.facets), asked again a moment after a write changes tasks. */
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import { notifyError } from '../../notify.tsx';
import { useChanges } from '../../api/changes.ts';
import type { TaskFacets } from '../../../../contract/ops/tasks.ts';

/** the stored fields whose change moves a count (db/tasks/edits.ts records them under these names) */
const COUNTED = ['lead_departments', 'participating_departments', 'districts', '*'];

export function useTaskFacets(planId: string): TaskFacets | null {
  const [facets, setFacets] = useState<TaskFacets | null>(null);
  const [version, setVersion] = useState(0);
  // Counted again only when a change can move the counts: tasks added or removed, units or districts of a task
  // changed, or the department/district lists themselves; an edit of a status or a text costs nothing here.
  useChanges(['tasks', 'departments', 'districts'], (c) => {
    const t = c.tasks;
    const counts = t !== undefined && c.planId === planId && (t.truncated || t.added.length > 0 || t.removed.length > 0 || t.fields.some((f) => COUNTED.includes(f)));
    if (c.everything || c.departments || c.districts || counts) setVersion((v) => v + 1);
  });
  useEffect(() => {
    let live = true;
    // Asked after the ledger's first page (the host answers one call at a time, and on a 100,000-task plan
    // this count takes a few hundred ms); after a change, a burst of edits costs one count.
    const h = window.setTimeout(
      () =>
        call('tasks.facets', { planId })
          .then((f) => live && setFacets(f))
          .catch(notifyError),
      version === 0 ? 400 : 300,
    );
    return () => {
      live = false;
      window.clearTimeout(h);
    };
  }, [planId, version]);
  return facets;
}
