/** 任务台账 tab. */
import { useMemo } from 'react';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import { parseFocus } from './data.ts';
import { TaskLedger } from './TaskLedger.tsx';

export function TasksTab({ planId, focus }: PlanTabProps) {
  const f = useMemo(() => parseFocus(focus), [focus]);
  return <TaskLedger planId={planId} focus={f} />;
}
