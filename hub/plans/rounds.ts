/**
 * Rounds of a plan (s8-rounds16), from the packages the hub holds — pure, no SQL (hub/plans/status.ts reads).
 *
 * The packages say it: the city sends each district its packages numbered 1, 2, 3… (the manifest's `seq` is
 * per sender, recipient and plan; package 1 is the whole plan), and a district's report names its `base`, the
 * state its changes are against — the city's package it had last taken, or its own earlier report when it
 * reports again before taking another (db/exchange/export.ts). So:
 *
 *   round N = the city's N-th package to each district, and every report made on it;
 *   a report's round = the round of its base: the city's package N → N; the district's own report → that
 *   report's round (followed back, at most the district's number of reports).
 *
 * A report whose base the hub does not hold (the base went by file, or a hand-made envelope) is put in the
 * round of the city's last package to the district the hub had received before it (else round 1): the
 * same order the desktop would have seen. A city package sent to one district only (a correction) is that
 * district's next round: the rounds are counted per district, as the packages number them.
 */

export interface PackageMeta {
  /** the hub's sync id (packages.id), in the order the hub received them */
  id: bigint;
  packageId: string;
  /** 'city' or the district's name */
  sender: string;
  recipient: string;
  seq: number;
  basePackageId: string | null;
}

/** The round of each report (district → city) of the plan, by its hub id. */
export function reportRounds(packages: readonly PackageMeta[]): Map<bigint, number> {
  const byPackageId = new Map(packages.map((p) => [p.packageId, p]));
  const rounds = new Map<bigint, number>();
  const sorted = [...packages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lastCityBefore = (district: string, id: bigint): number => {
    let seq = 0;
    for (const p of sorted) {
      if (p.id >= id) break;
      if (p.sender === 'city' && p.recipient === district && p.seq > seq) seq = p.seq;
    }
    return Math.max(seq, 1);
  };
  const roundOf = (report: PackageMeta): number => {
    const known = rounds.get(report.id);
    if (known !== undefined) return known;
    // follow the base back through the district's own reports; `seen` stops a cycle a forged envelope could make
    const chain: PackageMeta[] = [];
    const seen = new Set<bigint>();
    let at: PackageMeta = report;
    let round: number | null = null;
    for (;;) {
      chain.push(at);
      seen.add(at.id);
      const base = at.basePackageId === null ? undefined : byPackageId.get(at.basePackageId);
      const done = base === undefined ? undefined : rounds.get(base.id);
      if (done !== undefined) round = done;
      else if (base && base.sender === 'city' && base.recipient === report.sender) round = base.seq;
      else if (base && base.sender === report.sender && base.recipient === 'city' && !seen.has(base.id)) {
        at = base;
        continue;
      }
      break;
    }
    const r = round ?? lastCityBefore(report.sender, chain[chain.length - 1]!.id);
    for (const p of chain) rounds.set(p.id, r);
    return r;
  };
  for (const p of sorted) if (p.sender !== 'city' && p.recipient === 'city') roundOf(p);
  return rounds;
}
