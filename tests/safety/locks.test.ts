/**
 * Two writers at once: processes racing for one plan file's lock — from a stale lock left by a crash,
 * and from none — never hold it together; each write is whole and the lock is gone at the end.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPath } from '../../db/lock.ts';
import { tempDir } from '../helpers/store.ts';

function race(file: string, racers: number): Promise<{ log: string[]; held: number[] }> {
  const log = path.join(path.dirname(file), 'race.log');
  fs.writeFileSync(log, '');
  const startAt = Date.now() + 2500;
  const runs = Array.from({ length: racers }, (_, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/safety/fixtures/lock-racer.ts', file, log, String(i), String(startAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise<number>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(err)))));
  });
  return Promise.all(runs).then((held) => ({ log: fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean), held }));
}

function expectOneAtATime(log: string[]): void {
  expect(log.length).toBeGreaterThan(0);
  for (let i = 0; i < log.length; i += 2) {
    expect(log[i], `line ${i + 1} of\n${log.join('\n')}`).toMatch(/^\+\d+$/);
    expect(log[i + 1], `line ${i + 2} of\n${log.join('\n')}`).toBe(`-${log[i]!.slice(1)}`);
  }
}

describe('two writers at once', () => {
  it('racing from a stale lock (a crashed app), never two hold it together', { timeout: 60_000 }, async () => {
    const file = path.join(tempDir(), 'plans.plandesk');
    fs.writeFileSync(lockPath(file), JSON.stringify({ pid: 999_999, host: os.hostname(), app: '崩溃的程序', at: '2026-01-01T00:00:00Z' }));
    const { log, held } = await race(file, 5);
    expectOneAtATime(log);
    expect(held.reduce((a, b) => a + b, 0)).toBe(log.length / 2);
    expect(fs.existsSync(lockPath(file))).toBe(false);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['race.log']);
  });

  it('racing from no lock, never two hold it together', { timeout: 60_000 }, async () => {
    const file = path.join(tempDir(), 'plans.plandesk');
    const { log } = await race(file, 5);
    expectOneAtATime(log);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['race.log']);
  });
});
