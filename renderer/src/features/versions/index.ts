/** Plan versions: the 版本 tab (screens/planTabs.ts) and the cell history any grid can open. */
import './versions.css';
export { VersionsTab } from './VersionsTab.tsx';
export { openCellHistory, type CellRef } from './CellHistory.tsx';
