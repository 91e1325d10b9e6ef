/** What every CLI command is: a name, its help text and a run function returning the exit code. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ApiError } from '../contract/result.ts';
import { Refused } from './client.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): number | Promise<number>;
}

export class UsageError extends Error {}

export function requireString(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new UsageError(`缺少参数 --${key}`);
  return v;
}

/**
 * The ApiError of a refusal: what an operation answered (Refused), or what opening the file threw
 * (the store opener's typed error: a code, a Chinese message and issues), told apart from a bug.
 */
function refusalOf(err: unknown): ApiError | null {
  if (err instanceof Refused) return err.error;
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && 'issues' in err && Array.isArray(err.issues))
    return { code: err.code, message: err.message, issues: err.issues.filter((i): i is ApiError['issues'][number] => typeof i === 'object' && i !== null && 'message' in i) };
  return null;
}

export async function runCommand(cmd: Command, argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: cmd.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    io.err(`plandesk ${cmd.name}: ${(err as Error).message}\n用法：${cmd.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(`${cmd.summary}\n\n用法：${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`plandesk ${cmd.name}: ${err.message}\n用法：${cmd.usage}\n`);
      return 2;
    }
    const refusal = refusalOf(err);
    if (refusal) {
      io.err(`错误：${refusal.message}\n`);
      for (const i of refusal.issues.slice(0, 50)) io.err(`  - ${i.row ? `第 ${i.row} 行 ` : ''}${i.field ? `${i.field}：` : ''}${i.message}\n`);
      return 1;
    }
    io.err(`内部错误：${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
