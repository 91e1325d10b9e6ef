/**
 * The tabs of a plan's screen, in order. Each feature adds its tab here (one line) and keeps its
 * components in renderer/src/features/<feature>/.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/catalogue.ts';
import { PlanOverview } from './PlanOverview.tsx';
import { ClustersTab, DepartmentsTab, IndicatorsTab, TargetsTab, TasksTab } from '../features/workbench/index.ts';
import { BreakdownTab, ChecksTab, CompletionTab } from '../features/analysis/index.ts';
import { VersionsTab } from '../features/versions/index.ts';
import { TransferTab } from '../features/transfer/index.ts';
import { PackagesTab } from '../features/packages/index.ts'; // s6-ui15

export interface PlanTabProps {
  planId: string;
  /** what to select in the tab (see router.ts), '' for nothing */
  focus: string;
}

export interface PlanTab {
  id: string;
  label: MessageKey;
  component: ComponentType<PlanTabProps>;
}

export const planTabs: PlanTab[] = [
  { id: 'overview', label: 'tab.overview', component: PlanOverview },
  { id: 'targets', label: 'tab.targets', component: TargetsTab },
  { id: 'clusters', label: 'tab.clusters', component: ClustersTab },
  { id: 'indicators', label: 'tab.indicators', component: IndicatorsTab },
  { id: 'tasks', label: 'tab.tasks', component: TasksTab },
  { id: 'departments', label: 'tab.departments', component: DepartmentsTab },
  { id: 'checks', label: 'tab.checks', component: ChecksTab },
  { id: 'breakdown', label: 'tab.breakdown', component: BreakdownTab },
  { id: 'completion', label: 'tab.completion', component: CompletionTab },
  { id: 'versions', label: 'tab.versions', component: VersionsTab },
  { id: 'transfer', label: 'tab.transfer', component: TransferTab },
  { id: 'packages', label: 'tab.packages', component: PackagesTab }, // s6-ui15
];
