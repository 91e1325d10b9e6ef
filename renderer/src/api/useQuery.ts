/**
 * Loads an operation's result for a component; failures go to the one notification path. With
 * `refreshOn`, it loads again when a write changes one of those domains (api/changes.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useChanges, type ChangeDomain } from './changes.ts';
import type { OperationInput, OperationName, OperationOutput } from '../../../contract/operations.ts';
import { call } from './client.ts';
import { currentPlace, notifyError } from '../notify.tsx';

export function useQuery<N extends OperationName>(name: N, input: OperationInput<N>, refreshOn: readonly ChangeDomain[] = []) {
  const [data, setData] = useState<OperationOutput<N> | null>(null);
  const [loading, setLoading] = useState(true);
  // the last load was refused or not answered (components/Pending.tsx shows it with a retry)
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(input);
  // Only the latest call of a mounted view answers: a view gone meanwhile (its plan removed by an undo,
  // the plan screen left for the list) neither shows its result nor notifies its refusal on another screen.
  const latest = useRef(0);
  useEffect(() => {
    if (latest.current < 0) latest.current = 0; // mounted again (React's strict mode mounts twice)
    return () => {
      latest.current = -1;
    };
  }, []);
  const reload = useCallback(() => {
    if (latest.current < 0) return;
    const n = ++latest.current;
    const place = currentPlace(); // a refusal arriving after the screen changed is told on the screen that asked
    setLoading(true);
    setFailed(false);
    call(name, JSON.parse(key) as OperationInput<N>)
      .then((v) => {
        if (latest.current === n) setData(v);
      })
      .catch((err: unknown) => {
        if (latest.current !== n) return;
        setFailed(true);
        notifyError(err, place);
      })
      .finally(() => {
        if (latest.current === n) setLoading(false);
      });
  }, [name, key]);
  useEffect(reload, [reload]);
  useChanges(refreshOn, () => {
    if (refreshOn.length) reload();
  });
  return { data, loading, failed, reload };
}
