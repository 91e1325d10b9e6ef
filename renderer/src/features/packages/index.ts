export { PackagesTab } from './PackagesTab.tsx';
export { PlanListImport } from './PlanListImport.tsx';
