/** The workbench tabs, as the plan screen registers them (screens/planTabs.ts). */
import './workbench.css';
export { TargetsTab } from './TargetsTab.tsx';
export { ClustersTab } from './ClustersTab.tsx';
export { IndicatorsTab } from './IndicatorsTab.tsx';
export { TasksTab } from './TasksTab.tsx';
export { DepartmentsTab } from './DepartmentsTab.tsx';
