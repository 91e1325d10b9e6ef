/** Pushing real 报送包 to a hub as the desktop does: the bytes, the envelope made from the manifest, their SHA-256. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { readPackageFile } from '../../db/exchange/file.ts';
import type { Client } from './helpers.ts';

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
