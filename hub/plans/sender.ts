/**
 * Whether a district may send this package to the hub's plan at all (session 8, hostile inputs), checked in the
 * push's transaction before anything is applied — the hub's side of what the desktop refuses on import
 * (db/exchange/checks.ts: exchange.districtFull, and a district without the city's package has no base):
 * - a district never sends a whole plan: only the city's whole-plan package may create a plan on the hub (a key
 *   trusted for a district with no plan there could otherwise create one in its own name);
 * - a district's package to a plan the hub holds must come from one of that plan's districts (its current
 *   plan_district rows), whatever its changes are.
 * A package to a plan the hub does not hold is stored unapplied (hub/plans/apply.ts): its whole plan went by file.
 */
import type { Manifest } from '../../package/manifest.ts';
import { HubError } from '../errors.ts';
import { query, type Tx } from '../pg.ts';

export async function checkDistrictSender(tx: Tx, m: Manifest, planHeld: boolean): Promise<void> {
  if (m.sender.role !== 'district') return;
  const who = m.sender.district ?? m.sender.districtId ?? '';
  if (m.full)
    throw new HubError('FORBIDDEN', `${who}的报送包是整个规划（全量报送包）：只有市里能下发整个规划，已拒绝，未保存。`, 'hub.packageDistrictFull', { field: 'full', district: who });
  if (!planHeld) return;
  const member = await query(tx, "SELECT 1 FROM hub_rows WHERE plan_id = $1 AND entity = 'plan_district' AND to_version IS NULL AND data ->> 'district_id' = $2", [m.planId, m.sender.districtId ?? '']);
  if (member.rowCount === 0)
    throw new HubError('FORBIDDEN', `${who}不是规划“${m.planTitle}”的区县，城市枢纽不接受它对这个规划的报送包，已拒绝，未保存。`, 'hub.packageDistrictNotInPlan', {
      field: 'sender.districtId',
      district: who,
      plan: m.planTitle,
    });
}
