/** Loads an operation's result for a component; failures go to the one notification path. */
import { useCallback, useEffect, useState } from 'react';
import type { OperationInput, OperationName, OperationOutput } from '../../../contract/operations.ts';
import { call } from './client.ts';
import { notifyError } from '../notify.tsx';

export function useQuery<N extends OperationName>(name: N, input: OperationInput<N>) {
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
  return { data, loading, reload };
}
