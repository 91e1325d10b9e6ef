// The browser benchmark's baseline page (plain JS, bundled by esbuild at bench time): ag-grid Community
// painting rows it already holds, with no app around it. window.paintRows(columns, rows) answers the ms
// from createGrid to the first row painted (the next frame after the first row is in the DOM).
import { AllCommunityModule, ModuleRegistry, createGrid, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

window.paintRows = (columns, rows) =>
  new Promise((resolve) => {
    const host = document.getElementById('grid');
    host.replaceChildren();
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (!host.querySelector('.ag-row[row-id] .ag-cell')?.textContent) return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
    seen.observe(host, { subtree: true, childList: true, characterData: true });
    createGrid(host, {
      theme: themeQuartz,
      columnDefs: columns.map((field) => ({ field, width: 140 })),
      rowData: rows,
      getRowId: (p) => String(p.data.id),
    });
  });
