/**
 * Who may push and pull which 报送包 on the hub — the package scope of issue 15 seen from the server:
 * a district account may push only packages its own district sends to the city, and read only the
 * packages addressed to its district (and those it sent); a city officer may push and read any (it
 * uploads the packages of air-gapped districts and the city's packages to districts); a reviewer reads
 * everything and pushes nothing (hub/roles.ts). The change-by-change scope (a district changes only
 * its own actual values and the progress of its tasks: domain/exchange/scope.ts outOfScope) is checked
 * by the hub when it applies the package (hub/plans/apply.ts, against its copy of the plan) and again
 * by the receiving desktop's core when the package is imported, against its base.
 */
import type { Account } from '../accounts/accounts.ts';
import { HubError } from '../errors.ts';
import type { Envelope } from './envelope.ts';

const forbidden = (message: string, reason: string, params: Record<string, string>) => new HubError('FORBIDDEN', message, reason, params);

export function checkPush(a: Account, e: Envelope): void {
  if (a.role === 'officer') return;
  if (a.role !== 'district' || !a.district) throw forbidden(`您的角色不能上传报送包。`, 'hub.roleForbidden', { role: a.role });
  if (e.sender.role !== 'district' || e.sender.district !== a.district)
    throw forbidden(
      `区县账号（${a.district}）只能上传本区县的报送包，这个报送包的报送方是${e.sender.role === 'city' ? '市里' : `“${e.sender.district ?? ''}”`}，已拒绝。`,
      'hub.packageNotYourDistrict',
      { district: a.district, sender: e.sender.district ?? 'city' },
    );
  if (e.recipient.kind !== 'city')
    throw forbidden(`区县账号（${a.district}）只能向市里报送，已拒绝。`, 'hub.packageNotToCity', { district: a.district });
}

/** The recipient a list may ask for: a district account only its own district's (the default); others any, or all (null). */
export function listScope(a: Account, to: string | null): string | null {
  if (a.role !== 'district') return to;
  if (to !== null && to !== a.district)
    throw forbidden(`区县账号（${a.district ?? ''}）只能收取发给本区县的报送包，不能收取发给“${to}”的报送包。`, 'hub.packageOtherDistrict', { district: a.district ?? '', to });
  return a.district;
}

export function checkRead(a: Account, p: { sender: string; recipient: string; id: string }): void {
  if (a.role !== 'district') return;
  if (p.recipient !== a.district && p.sender !== a.district)
    throw forbidden(`区县账号（${a.district ?? ''}）只能收取发给本区县的报送包，第 ${p.id} 号报送包不是。`, 'hub.packageOtherDistrict', { district: a.district ?? '', to: p.recipient });
}
