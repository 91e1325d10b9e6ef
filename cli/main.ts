/** `plandesk <command>`: the command line over the same core the workbench uses. */
import { runCommand, type Command, type Io } from './command.ts';
import { initCommand } from './commands/init.ts';
import { plansCommand } from './commands/plans.ts';
import { showCommand } from './commands/show.ts';
import { checkCommand } from './commands/check.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { versionCommand } from './commands/version.ts';
import { diffCommand } from './commands/diff.ts';
import { checksCommand } from './commands/checks.ts';
import { backupCommand } from './commands/backup.ts';
import { identityCommand } from './commands/identity.ts';
import { draftCommand } from './commands/draft.ts';
import { departmentsCommand } from './commands/departments.ts';
import { keysCommand } from './commands/keys.ts';
import { packageCommand } from './commands/package.ts';
import { hubCommand } from './commands/hub.ts';
import { syncCommand } from './commands/sync.ts';

export const commands: Command[] = [initCommand, plansCommand, showCommand, checkCommand, checksCommand, backupCommand, versionCommand, diffCommand, exportCommand, importCommand, identityCommand, draftCommand, departmentsCommand, keysCommand, packageCommand, hubCommand, syncCommand];

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function help(io: Io): void {
  io.out('plandesk — 规划工作台命令行\n\n用法：plandesk <命令> [参数]，每个命令都有 --help\n\n命令：\n');
  for (const c of commands) io.out(`  ${c.name.padEnd(10)}${c.summary}\n`);
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`未知命令：${name}\n`);
    help(io);
    return 2;
  }
  return runCommand(cmd, rest, io);
}
