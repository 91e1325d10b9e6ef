import { defineConfig } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(here, '../build/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    // two pages in one build: the workbench (index.html) and the city hub's pages (hub.html, served by
    // the hub itself: hub/server/static.ts), sharing their chunks (React, echarts, the i18n catalogue)
    rollupOptions: { input: { main: path.resolve(here, 'index.html'), hub: path.resolve(here, 'hub.html') } },
  },
});
