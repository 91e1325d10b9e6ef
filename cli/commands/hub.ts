/** `plandesk hub …`: the city hub's server and accounts (issue 16), defined in hub/cli.ts. */
import type { Command } from '../command.ts';
import { hubCommandSpec } from '../../hub/cli.ts';

export const hubCommand: Command = { ...hubCommandSpec, options: { ...hubCommandSpec.options } };
