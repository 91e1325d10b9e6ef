/**
 * 报送情况 of any round of a plan (contract/hub.ts hubStatus; rounds defined in hub/plans/rounds.ts): per
 * district of the plan, the city's package of the round (sent or not, when, by whom) and the district's last
 * report in it (when, by whom, how many reports, cells changed, conflicts kept, the hub version it made).
 * A district account's call is scoped to its district here: its row, its packages, its counts of the rounds.
 *
 * The packages' envelopes are read (never their bytes): a plan has a few per district and round.
 */
import type { HubRound, HubStatusRow } from '../../contract/hub.ts';
import { HubError } from '../errors.ts';
import { query, type Db } from '../pg.ts';
import { reportRounds, type PackageMeta } from './rounds.ts';

/**
 * A district's name where no package of this plan has named it yet: the plan_district row's own district_name
 * (the desktop puts it there, db/versions/rows.ts), else the name another plan's packages gave the same id
 * (district ids are the city's, shared by its plans).
 */
const OTHER_PLANS_NAME = `SELECT o.name FROM hub_districts o WHERE o.district_id = d.district_id ORDER BY o.plan_id LIMIT 1`;

interface DistrictRow {
  district_id: string;
  district: string;
  /** the name packages route by (hub_districts), null when no package has named the district yet */
  key: string | null;
}

interface PackageRow {
  id: string;
  package_id: string;
  sender: string;
  sender_name: string;
  recipient: string;
  seq: number;
  base_package_id: string | null;
  received_at: Date;
  state: 'applied' | 'conflicts' | 'unapplied' | null;
  change_count: number | null;
  conflict_count: number | null;
  version: number | null;
  message: string | null;
}

export interface PlanStatus {
  round: number | null;
  rounds: HubRound[];
  rows: HubStatusRow[];
}

/** 报送情况 of round `round` (null: the latest) of a plan; `onlyDistrict`: a district account's district id. */
export async function planStatus(db: Db, planId: string, onlyDistrict: string | null, round: number | null = null): Promise<PlanStatus> {
  const districts = (
    await query<DistrictRow>(
      db,
      `WITH d AS (
         SELECT r.data ->> 'district_id' AS district_id, r.data ->> 'sort_order' AS sort_order, r.data ->> 'district_name' AS row_name
           FROM hub_rows r WHERE r.plan_id = $1 AND r.entity = 'plan_district' AND r.to_version IS NULL)
       SELECT d.district_id, coalesce(n.name, d.row_name, (${OTHER_PLANS_NAME}), d.district_id) AS district, n.name AS key
         FROM d LEFT JOIN hub_districts n ON n.plan_id = $1 AND n.district_id = d.district_id
        WHERE $2::text IS NULL OR d.district_id = $2
        ORDER BY CASE WHEN d.sort_order ~ '^[0-9]+$' THEN d.sort_order::integer END NULLS LAST, d.district_id`,
      [planId, onlyDistrict],
    )
  ).rows;
  // a district account sees its own packages only (its reports and the city's to it)
  const own = onlyDistrict === null ? null : (districts[0]?.key ?? '');
  const packages = (
    await query<PackageRow>(
      db,
      `SELECT p.id::text AS id, p.package_id, p.sender, p.sender_name, p.recipient, p.seq, p.base_package_id, p.received_at,
              ap.state, ap.change_count, ap.conflict_count, ap.version, ap.message
         FROM packages p LEFT JOIN hub_applied ap ON ap.package_row = p.id
        WHERE p.plan_id = $1 AND ($2::text IS NULL OR p.sender = $2 OR p.recipient = $2)
        ORDER BY p.id`,
      [planId, own],
    )
  ).rows;
  const refusals = (
    await query<{ sender: string; at: Date; message: string | null }>(
      db,
      `SELECT DISTINCT ON (details ->> 'sender') details ->> 'sender' AS sender, at, details ->> 'message' AS message
         FROM audit_log WHERE action = 'package.refused' AND details ->> 'planId' = $1 AND details ->> 'sender' <> 'city'
          AND ($2::text IS NULL OR details ->> 'sender' = $2)
        ORDER BY details ->> 'sender', id DESC`,
      [planId, own],
    )
  ).rows;

  const meta = (p: PackageRow): PackageMeta => ({ id: BigInt(p.id), packageId: p.package_id, sender: p.sender, recipient: p.recipient, seq: p.seq, basePackageId: p.base_package_id });
  const placed = reportRounds(packages.map(meta));
  const keys = new Set(districts.flatMap((d) => (d.key === null ? [] : [d.key])));
  // by district (its routing name): the city's packages by number, its reports by round (in the hub's order)
  const issues = new Map<string, Map<number, PackageRow>>();
  const reports = new Map<string, Map<number, PackageRow[]>>();
  for (const p of packages) {
    if (p.sender === 'city') {
      const m = issues.get(p.recipient) ?? new Map<number, PackageRow>();
      if (!m.has(p.seq)) m.set(p.seq, p);
      issues.set(p.recipient, m);
    } else if (p.recipient === 'city') {
      const r = placed.get(BigInt(p.id)) ?? 1;
      const m = reports.get(p.sender) ?? new Map<number, PackageRow[]>();
      const list = m.get(r) ?? [];
      list.push(p);
      m.set(r, list);
      reports.set(p.sender, m);
    }
  }
  const issuedTo = (key: string, r: number) => issues.get(key)?.get(r) ?? null;
  const reportsOf = (key: string, r: number) => reports.get(key)?.get(r) ?? [];
  /** the rounds the district has a package in: the city's to it, its reports' */
  const roundsOf = (key: string): number[] => [...(issues.get(key)?.keys() ?? []), ...(reports.get(key)?.keys() ?? [])];
  const lastRoundOf = (key: string) => roundsOf(key).reduce((a, b) => Math.max(a, b), 0);

  // the rounds that have a package (seq numbers are consecutive from the desktop; a forged seq of 10⁹ makes one
  // round, not a billion empty ones)
  const numbers = [...new Set([...keys].flatMap(roundsOf))].sort((a, b) => a - b);
  const latest = numbers.at(-1) ?? 0;
  if (round !== null && (round < 1 || round > latest))
    throw latest === 0
      ? new HubError('INVALID_INPUT', '这个规划还没有下发过报送包，没有轮次。', 'hub.noRounds', { field: 'round' })
      : new HubError('INVALID_INPUT', `参数“round”：这个规划只有第 1 到第 ${latest} 轮。`, 'hub.noSuchRound', { field: 'round', max: latest });
  const shown = round ?? (latest === 0 ? null : latest);

  const rounds: HubRound[] = [];
  for (const r of numbers) {
    const sent = [...keys].map((k) => issuedTo(k, r)).filter((p) => p !== null);
    rounds.push({
      round: r,
      issued: sent.length,
      reported: [...keys].filter((k) => reportsOf(k, r).length > 0).length,
      issuedAt: sent.length ? new Date(Math.min(...sent.map((p) => p.received_at.getTime()))).toISOString() : null,
    });
  }

  const rows = districts.map((d): HubStatusRow => {
    const sent = d.key === null || shown === null ? null : issuedTo(d.key, shown);
    const made = d.key === null || shown === null ? [] : reportsOf(d.key, shown);
    const last = made[made.length - 1] ?? null;
    // a refused push shows in the district's latest round, when nothing it reported was stored after it
    const lastRound = d.key === null ? 0 : lastRoundOf(d.key);
    const lastStored = d.key === null ? null : ([...(reports.get(d.key)?.values() ?? [])].flat().reduce<Date | null>((a, p) => (a === null || p.received_at > a ? p.received_at : a), null));
    const refusal = refusals.find((f) => f.sender === d.key) ?? null;
    const refused = refusal !== null && shown === lastRound && (lastStored === null || refusal.at > lastStored);
    const state: HubStatusRow['state'] = refused
      ? 'refused'
      : last
        ? last.state === 'applied' ? 'applied' : last.state === 'conflicts' ? 'conflicts' : 'reported'
        : sent ? 'sent' : 'none';
    const applied = last !== null && last.state !== null && last.state !== 'unapplied';
    return {
      districtId: d.district_id,
      district: d.district,
      sentSeq: sent?.seq ?? null,
      sentAt: sent?.received_at.toISOString() ?? null,
      sentBy: sent?.sender_name ?? null,
      reportSeq: last?.seq ?? null,
      reportAt: last?.received_at.toISOString() ?? null,
      reportBy: last?.sender_name ?? null,
      reportCount: made.length,
      changeCount: applied ? last.change_count : null,
      conflictCount: applied ? last.conflict_count : null,
      appliedVersion: applied ? last.version : null,
      state,
      message: (refused ? refusal.message : last?.message)?.slice(0, 2000) ?? null,
    };
  });
  return { round: shown, rounds, rows };
}
