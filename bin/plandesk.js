#!/usr/bin/env node
// The `plandesk` command line. Runs the TypeScript sources directly through tsx.
import { register } from 'tsx/esm/api';

// `plandesk show … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
