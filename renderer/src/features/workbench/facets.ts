/** The plan's departments and districts with their task counts (tasks.facets), asked again a moment after a write changes tasks. */
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import { notifyError } from '../../notify.tsx';
import { useChanges } from '../../api/changes.ts';
import type { TaskFacets } from '../../../../contract/ops/tasks.ts';

export function useTaskFacets(planId: string): TaskFacets | null {
  const [facets, setFacets] = useState<TaskFacets | null>(null);
  const [version, setVersion] = useState(0);
  useChanges(['tasks', 'departments', 'districts'], (c) => {
    if (c.everything || c.planId === planId || c.departments || c.districts) setVersion((v) => v + 1);
  });
  useEffect(() => {
    let live = true;
    // A burst of edits costs one count.
    const h = window.setTimeout(
      () =>
        call('tasks.facets', { planId })
          .then((f) => live && setFacets(f))
          .catch(notifyError),
      version === 0 ? 0 : 300,
    );
    return () => {
      live = false;
      window.clearTimeout(h);
    };
  }, [planId, version]);
  return facets;
}
