/** Pushing real 报送包 to a hub as the desktop does: the bytes, the envelope made from the manifest, their SHA-256. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { readPackageFile } from '../../db/exchange/file.ts';
import type { Client } from './helpers.ts';
import { keyFileText } from '../../package/key-file.ts';
import { userKey } from '../../db/keys/user-key.ts';
import { trustKey } from '../../hub/keys/keys.ts';
import { openPool, type Db } from '../../hub/pg.ts';

export interface PushAnswer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string; reason: string; params?: Record<string, unknown> } };
}

export interface Envelope {
  packageId: string;
  planId: string;
  sender: { role: 'city' | 'district'; name: string; district: string | null };
  recipient: { kind: 'city' } | { kind: 'district'; name: string };
  seq: number;
  full: boolean;
  base: null | { packageId: string; seq: number };
}

/** the envelope plandesk sync declares for a package file (from its manifest) */
export function envelopeOfFile(file: string): Envelope {
  const m = readPackageFile(file).manifest;
  return {
    packageId: m.packageId,
    planId: m.planId,
    sender: m.sender.role === 'city' ? { role: 'city', name: m.sender.name, district: null } : { role: 'district', name: m.sender.name, district: m.sender.district },
    recipient: m.recipient.kind === 'city' ? { kind: 'city' } : { kind: 'district', name: m.recipient.name },
    seq: m.seq,
    full: m.full,
    base: null,
  };
}

export function pushBytes(hub: string, c: Client, bytes: Buffer, envelope: unknown, sha = createHash('sha256').update(bytes).digest('hex')): Promise<PushAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL('/api/packages', hub), {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.length),
        cookie: `plandesk_hub_session=${c.cookie}`,
        'x-csrf-token': c.csrf ?? '',
        origin: c.origin,
        'x-plandesk-package': Buffer.from(JSON.stringify(envelope)).toString('base64url'),
        'x-content-sha256': sha,
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (b: Buffer) => chunks.push(b));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as PushAnswer['body'] });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: { raw: text } });
        }
      });
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** a package file pushed with the envelope of its manifest (or `envelope` changed by `edit`) */
export function pushFile(hub: string, c: Client, file: string, edit: (e: Envelope) => unknown = (e) => e): Promise<PushAnswer> {
  return pushBytes(hub, c, fs.readFileSync(file), edit(envelopeOfFile(file)));
}

/**
 * The hub trusts the signing key of the desktop whose user folder is `home` (as `plandesk hub key trust`
 * would, from its key file): for the city, or for `district` (its name). `hub` is the hub's pool or a
 * PostgreSQL URL. A push is applied only when its key is trusted so (hub/keys/keys.ts).
 */
export async function trustOnHub(hub: Db | string, home: string, district: string | null = null): Promise<void> {
  const db = typeof hub === 'string' ? openPool(hub, { max: 1 }) : hub;
  try {
    const text = keyFileText(userKey(home), { name: district ? `${district}联络员` : '王经信', department: '市经济信息委', district }, new Date().toISOString());
    await trustKey(db, { keyFile: text, role: district ? 'district' : 'city', district }, { name: 'tests' });
  } finally {
    if (typeof hub === 'string') await db.end();
  }
}

/** the city's key and a district's, trusted on the hub (the one-line trust step of the tests that push) */
export async function trustSidesOnHub(hub: Db | string, cityHome: string, districtHome: string, district: string): Promise<void> {
  await trustOnHub(hub, cityHome);
  await trustOnHub(hub, districtHome, district);
}
