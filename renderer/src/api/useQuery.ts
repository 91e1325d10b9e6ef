/**
 * Loads an operation's result for a component; failures go to the one notification path. With
 * `refreshOn`, it loads again when a write changes one of those domains (api/changes.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { useChanges, type ChangeDomain } from './changes.ts';
import type { OperationInput, OperationName, OperationOutput } from '../../../contract/operations.ts';
import { call } from './client.ts';
import { notifyError } from '../notify.tsx';

export function useQuery<N extends OperationName>(name: N, input: OperationInput<N>, refreshOn: readonly ChangeDomain[] = []) {
  const [data, setData] = useState<OperationOutput<N> | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  const reload = useCallback(() => {
    setLoading(true);
    call(name, JSON.parse(key) as OperationInput<N>)
      .then(setData)
      .catch(notifyError)
      .finally(() => setLoading(false));
  }, [name, key]);
  useEffect(reload, [reload]);
  useChanges(refreshOn, () => {
    if (refreshOn.length) reload();
  });
  return { data, loading, reload };
}
