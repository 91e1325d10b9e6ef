import { useMemo } from 'react';
import { useQuery } from '../../api/useQuery.ts';
import { leadersByDepartment } from './leaders.ts';

/** leaders.list, and who 分管 each department; asked again when departments change (a rename or merge relinks). */
export function useLeaders() {
  const q = useQuery('leaders.list', {}, ['departments']);
  const byDepartment = useMemo(() => leadersByDepartment(q.data ?? []), [q.data]);
  return { leaders: q.data ?? [], byDepartment, loading: q.loading };
}
