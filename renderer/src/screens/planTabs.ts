/**
 * The tabs of a plan's screen, in order. Each feature adds its tab here (one line) and keeps its
 * components in renderer/src/features/<feature>/.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/catalogue.ts';
import { PlanOverview } from './PlanOverview.tsx';

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
];
