export { TransferTab } from './TransferTab.tsx';
export { CompletionExportButtons, ExportGridButtons, LedgerExportButtons, gridTable } from './ExportGridButtons.tsx';
