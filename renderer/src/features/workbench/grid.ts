/** ag-grid (Community) set up once for the workbench: modules, the look, and Chinese/English grid texts. */
import { AllCommunityModule, ColumnHoverModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { t } from '../../i18n/index.ts';

/**
 * Every Community module but column hover: we never highlight the hovered column (columnHoverHighlight),
 * yet with the module each pointer move onto another cell tells every cell drawn (hundreds) to recompute its
 * hover class — after an edit's Enter too, when the editor closes under the pointer.
 */
export const GRID_MODULES = (AllCommunityModule.dependsOn ?? []).filter((m) => m !== ColumnHoverModule);
ModuleRegistry.registerModules(GRID_MODULES);

export const gridTheme = themeQuartz.withParams({
  fontFamily: "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif",
  fontSize: 13,
  headerFontWeight: 600,
  headerBackgroundColor: '#eef2f6',
  accentColor: '#1b5fa8',
  rowHeight: 32,
  headerHeight: 36,
  spacing: 6,
  wrapperBorderRadius: 4,
  borderColor: '#dde3ea',
  rowBorder: { color: '#e8ecf1' },
  columnBorder: { color: '#eef1f4' },
});

/** The few texts the grid itself shows. */
export function gridLocaleText(): Record<string, string> {
  return {
    noRowsToShow: t('wb.grid.noRows'),
    // ag-grid 35+ shows this overlay when a filter leaves no rows (also in the infinite row model).
    noMatchingRows: t('wb.grid.noRows'),
    loadingOoo: t('wb.grid.loading'),
    loading: t('wb.grid.loading'),
  };
}
