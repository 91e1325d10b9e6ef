/** The analysis tabs (一致性检查, 目标分解, 完成情况), as the plan screen registers them (screens/planTabs.ts). */
import './analysis.css';
export { ChecksTab } from './ChecksTab.tsx';
export { BreakdownTab } from './BreakdownTab.tsx';
export { CompletionTab } from './CompletionTab.tsx';
