/**
 * A real PostgreSQL server for a test (issue 16: no mocks of PostgreSQL): Debian's `postgresql`
 * binaries, a fresh cluster in a temp folder, listening only on a Unix socket in that folder (no TCP
 * port, nothing reachable from outside), stopped and removed by `stop()`. initdb refuses to run as
 * root, so as root the server is run as the `postgres` user (`runuser -u postgres --`), the folder
 * handed to it. `restart()` and `kill()` are there for the tests that a hub survives a restart or a
 * crash of its database.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestPostgres {
  /** the cluster's folder (data in ./data, the socket in ./run) */
  dir: string;
  /** a libpq connection URL for the database `plandesk` over the Unix socket */
  url: string;
  /** the socket folder and port, for clients that take them apart (pg's `host`, `port`) */
  host: string;
  port: number;
  /** fast shutdown then start again (what a planned restart of the database server does) */
  restart(): void;
  /** SIGKILL of the postmaster (a crash), then start again: PostgreSQL recovers from its WAL */
  crashAndRecover(): void;
  /** fast shutdown, left down until resume() (a database server stopped for a while) */
  pause(): void;
  resume(): void;
  stop(): void;
}

/** The folder of Debian's PostgreSQL programs (the newest installed major version), or null. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, program: string, args: string[]): string {
  const exe = path.join(bin, program);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Port numbers only name the socket file (.s.PGSQL.<port>); a distinct one per server keeps logs apart. */
let nextPort = 55_000 + (process.pid % 2000) * 4;

export function startPostgres(): TestPostgres {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian package `postgresql`; .ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-pg-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'run');
  fs.mkdirSync(sock);
  fs.chmodSync(dir, 0o755);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = nextPort++;
  run(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  // Unix socket only (listen_addresses ''), in the test's own folder; small and quick for tests.
  const options = `-c listen_addresses='' -c unix_socket_directories='${sock}' -c port=${port} -c max_connections=300 -c shared_buffers=32MB`;
  const start = () => run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  start();
  run(bin, 'createdb', ['-h', sock, '-p', String(port), '-U', 'postgres', 'plandesk']);
  const postmasterPid = () => Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let stopped = false;
  return {
    dir,
    host: sock,
    port,
    url: `postgresql://postgres@/plandesk?host=${encodeURIComponent(sock)}&port=${port}`,
    restart() {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      start();
    },
    pause() {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    resume() {
      start();
    },
    crashAndRecover() {
      // The postmaster and every backend killed at once, as when the machine loses power: nothing is
      // shut down cleanly and the pid file stays; the next start recovers from the WAL.
      const pm = postmasterPid();
      const children = spawnSync('pgrep', ['-P', String(pm)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
      const all = [pm, ...children];
      for (const pid of all) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      const alive = () =>
        all.some((pid) => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        });
      for (let i = 0; i < 100 && alive(); i++) spawnSync('sleep', ['0.05']);
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
