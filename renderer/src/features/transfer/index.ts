export { TransferTab } from './TransferTab.tsx';
export { ExportGridButtons, type GridExportColumn } from './ExportGridButtons.tsx';
