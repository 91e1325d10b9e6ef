/**
 * A real full disk for tests: a small tmpfs mounted in a temp folder (needs root; tests skip with a
 * message otherwise), and a filler file that leaves only a given number of bytes free.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function tryMount(dir: string, size: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' }).status === 0;
}

/** Whether this process can mount a tmpfs (root in a container that allows it). */
export const canMountTmpfs: boolean = (() => {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-probe-'));
  try {
    if (!tryMount(probe, '64k')) return false;
    spawnSync('umount', [probe]);
    return true;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
})();

export const fullDiskSkipMessage = 'skipped: a real full disk needs a tmpfs mount (run the tests as root on Linux)';

export interface SmallDisk {
  dir: string;
  /** writes a filler file so that only about `bytes` stay free */
  fill(bytes: number): void;
  free(): number;
  /** removes the filler */
  unfill(): void;
  unmount(): void;
}

export function mountSmallDisk(size: string): SmallDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-fulldisk-'));
  if (!tryMount(dir, size)) throw new Error(`mount tmpfs ${size} on ${dir} failed`);
  const filler = path.join(dir, 'filler.bin');
  const free = () => {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    free,
    fill(bytes) {
      const n = free() - bytes;
      if (n > 0) fs.appendFileSync(filler, Buffer.alloc(n));
    },
    unfill: () => fs.rmSync(filler, { force: true }),
    unmount() {
      spawnSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
