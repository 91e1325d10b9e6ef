export { TransferTab } from './TransferTab.tsx';
export { ExportGridButtons, LedgerExportButtons, gridTable } from './ExportGridButtons.tsx';
