/**
 * vitest globalSetup: bundles the CLI and the web host (build/node/, scripts/build-node.mjs) once per
 * test run, so every test that starts them as a process (bin/plandesk.js, the browser tests' web
 * host) runs the bundled build a user runs, and none of them pays for, or races, a rebuild.
 */
import { buildNode } from '../../scripts/build-node.mjs';

export default async function setup(): Promise<void> {
  await buildNode({ logLevel: 'error' });
}
