/**
 * `npm run bench [-- name…]`: speed and memory figures, each beside a baseline measured in the same
 * run (raw better-sqlite3, raw ExcelJS, the daff package), because these machines are noisy.
 * Each feature registers its benchmarks here.
 */
import { benchLoad } from './load.bench.ts';
import { benchGrid } from './grid.bench.ts';
import { benchTransfer } from './transfer.bench.ts';
import { benchVersions } from './versions.bench.ts';
import { benchBackup } from './backup.bench.ts';
import { benchCli } from './cli.bench.ts';
import { benchBrowser } from './browser.bench.ts';
import { benchDraft } from './draft.bench.ts';
import { benchDelete } from './delete.bench.ts';
import { benchExchange } from './exchange.bench.ts';
import { benchExchangeResponsive } from './exchange-responsive.bench.ts';
import { benchHubLoad } from './hub-load.ts'; // s7-sync16

const benches: Record<string, () => void | Promise<void>> = {
  load: () => benchLoad(),
  grid: () => benchGrid(),
  transfer: () => benchTransfer(),
  versions: () => benchVersions(),
  backup: () => benchBackup(),
  cli: () => benchCli(),
  browser: () => benchBrowser(),
  draft: () => benchDraft(),
  delete: () => benchDelete(),
  exchange: () => benchExchange(),
  'exchange-responsive': () => benchExchangeResponsive(),
  'hub-load': () => benchHubLoad(), // s7-sync16
};

const wanted = process.argv.slice(2);
console.log(`PlanDesk benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run();
}
