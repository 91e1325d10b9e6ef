/**
 * Department and district names as a document writes them, matched against the file's reference
 * lists: departments with their aliases (department_aliases), districts and areas. A name matched
 * through an alias keeps the document's wording (the seeds do: 市金融工作局 stays 市金融工作局) and says
 * which department it resolves to; an unknown name is proposed as a new department, never merged.
 */
export interface Reference {
  departments: { id: string; name: string; aliases: string[] }[];
  districts: { id: string; name: string; code: string | null; group: string | null }[];
}

export interface NameMatch {
  /** the name as the document writes it (trailing 等 dropped) */
  name: string;
  /** the department or district it resolves to, or null: a proposed new one */
  id: string | null;
  via: 'name' | 'alias' | null;
}

export interface Matcher {
  department(raw: string): NameMatch;
  district(raw: string): NameMatch;
  /** a district written short (江津 for 江津区) or as its government (江津区政府) */
  districtIn(raw: string): NameMatch | null;
  isDepartment(raw: string): boolean;
}

export function matcher(ref: Reference): Matcher {
  const byName = new Map<string, { id: string; via: 'name' | 'alias' }>();
  for (const d of ref.departments) byName.set(d.name, { id: d.id, via: 'name' });
  for (const d of ref.departments) for (const a of d.aliases) if (!byName.has(a)) byName.set(a, { id: d.id, via: 'alias' });
  const districts = new Map(ref.districts.map((d) => [d.name, d.id]));
  const shortDistricts = new Map<string, string>();
  for (const d of ref.districts) {
    const short = d.name.replace(/(区|县|自治县)$/, '');
    if (short.length >= 2 && short !== d.name) shortDistricts.set(short, d.name);
  }
  const tidy = (raw: string) => raw.trim().replace(/^[、，,；;]+|[、，,；;。]+$/g, '').replace(/等$/, '');
  return {
    department(raw) {
      const name = tidy(raw);
      const hit = byName.get(name);
      return { name, id: hit?.id ?? null, via: hit?.via ?? null };
    },
    district(raw) {
      const name = tidy(raw);
      const id = districts.get(name) ?? null;
      return { name, id, via: id ? 'name' : null };
    },
    districtIn(raw) {
      const name = tidy(raw).replace(/(人民)?政府$/, '').replace(/管委会$/, '');
      const full = districts.has(name) ? name : shortDistricts.get(name);
      if (!full) return null;
      return { name: full, id: districts.get(full) ?? null, via: 'name' };
    },
    isDepartment(raw) {
      return byName.has(tidy(raw));
    },
  };
}

/** Splits a list of names on 、，, outside brackets ("A（B、C）、D" → A（B、C）, D). */
export function splitList(raw: string, seps = '、，,；;'): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of raw) {
    if ('（(《“'.includes(ch)) depth++;
    if ('）)》”'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.includes(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
