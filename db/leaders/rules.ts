/**
 * Which department of the file a duty's text names (pure). The text is matched whole, by the department's
 * name or an alias; a text with a second name in brackets (市发展改革委（市粮食局）, 市金融监管局（市金融工作局）)
 * is matched by the name before the bracket, then by the one inside. Nothing else: an unknown body
 * (市审计局 in a file whose list lacks it, 西部科学城重庆高新区 — an area, not its 管委会) stays unlinked.
 */
export function departmentNamed(text: string, byName: ReadonlyMap<string, string>): string | null {
  const whole = byName.get(text);
  if (whole) return whole;
  const m = /^([^（(]+)[（(]([^）)]+)[）)]$/.exec(text);
  if (!m) return null;
  return byName.get(m[1]!.trim()) ?? byName.get(m[2]!.trim()) ?? null;
}
