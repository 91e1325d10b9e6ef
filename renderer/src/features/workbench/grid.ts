/** ag-grid (Community) set up once for the workbench: modules, the look, and Chinese/English grid texts. */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { t } from '../../i18n/index.ts';

ModuleRegistry.registerModules([AllCommunityModule]);

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
