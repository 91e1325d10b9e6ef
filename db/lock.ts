/**
 * One running workbench per plan file: `<file>.lock` holds the owner's pid and host. A second app
 * instance on the same file gets a clear message instead of two editors racing; a lock left by a
 * process that no longer runs (a crash) is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import { PlanDeskError } from './errors.ts';

export interface LockOwner {
  pid: number;
  host: string;
  app: string;
  at: string;
}

export function lockPath(planFile: string): string {
  return `${planFile}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host, app: String(v.app ?? ''), at: String(v.at ?? '') } : null;
  } catch {
    return null;
  }
}

export function acquirePlanLock(planFile: string, app: string): () => void {
  const file = lockPath(planFile);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), app, at: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      return () => {
        const owner = readOwner(file);
        if (owner?.pid === me.pid && owner.host === me.host) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if (!(typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST')) throw err;
      const owner = readOwner(file);
      if (owner && owner.host === me.host && alive(owner.pid)) {
        throw new PlanDeskError(
          'BUSY',
          `规划文件已被另一个规划工作台打开（${owner.app || '程序'}，进程 ${owner.pid}，${owner.at.slice(0, 19).replace('T', ' ')} 起）。请切换到那个窗口，或关闭它后再打开。`,
        );
      }
      if (owner && owner.host !== me.host) {
        throw new PlanDeskError('BUSY', `规划文件正被另一台电脑（${owner.host}）上的规划工作台使用。请在那台电脑上关闭后再打开。`);
      }
      // A stale lock from a process that has ended: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new PlanDeskError('BUSY', '无法锁定规划文件，请稍后重试。');
}
