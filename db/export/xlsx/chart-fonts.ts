/**
 * The CJK fonts the chart pictures are drawn with: the first family found among those planners'
 * machines carry (Windows 微软雅黑, macOS 苹方, Linux Noto Sans CJK / 文泉驿 …), regular and bold.
 * Fonts are read into memory and handed to the rasteriser once per export: resvg reading a 20 MB
 * font file from disk for every label made a 40-district chart take 1.5 s instead of 0.1 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CjkFontFamily {
  /** the family name as the font declares it (what the SVG asks for) */
  family: string;
  files: string[];
}

/** Families in order of preference, each with its regular and bold file names. */
const FAMILIES: { family: string; files: string[] }[] = [
  { family: 'Noto Sans CJK SC', files: ['NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Regular.otf', 'NotoSansCJKsc-Bold.otf', 'NotoSansCJKSC-Regular.otf', 'NotoSansCJKSC-Bold.otf'] },
  { family: 'Source Han Sans SC', files: ['SourceHanSans-Regular.ttc', 'SourceHanSans-Bold.ttc', 'SourceHanSansSC-Regular.otf', 'SourceHanSansSC-Bold.otf'] },
  { family: 'Microsoft YaHei', files: ['msyh.ttc', 'msyhbd.ttc', 'msyh.ttf', 'msyhbd.ttf'] },
  { family: 'PingFang SC', files: ['PingFang.ttc'] },
  { family: 'WenQuanYi Micro Hei', files: ['wqy-microhei.ttc'] },
  { family: 'WenQuanYi Zen Hei', files: ['wqy-zenhei.ttc'] },
  { family: 'SimHei', files: ['simhei.ttf'] },
  { family: 'Hiragino Sans GB', files: ['Hiragino Sans GB.ttc'] },
  { family: 'Heiti SC', files: ['STHeiti Light.ttc', 'STHeiti Medium.ttc'] },
  { family: 'Droid Sans Fallback', files: ['DroidSansFallbackFull.ttf', 'DroidSansFallback.ttf'] },
];

/**
 * Where fonts live on Windows, macOS and Linux, system-wide and per user; or only the folders in
 * PLANDESK_FONT_DIRS (separated like PATH) when it is set.
 */
export function fontDirectories(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
  if (env.PLANDESK_FONT_DIRS) return env.PLANDESK_FONT_DIRS.split(path.delimiter).filter((d) => d && fs.existsSync(d));
  const dirs = [
    path.join(env.WINDIR ?? 'C:\\Windows', 'Fonts'),
    ...(env.LOCALAPPDATA ? [path.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : []),
    '/System/Library/Fonts',
    '/System/Library/AssetsV2',
    '/Library/Fonts',
    path.join(home, 'Library', 'Fonts'),
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.local', 'share', 'fonts'),
    path.join(home, '.fonts'),
  ];
  return [...new Set(dirs)].filter((d) => d && fs.existsSync(d));
}

/** Every file under the directories, by base name (first found wins), at most 4 levels deep. */
function filesByName(dirs: string[]): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: skip it
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (/\.(ttc|ttf|otf)$/i.test(e.name) && !found.has(e.name.toLowerCase())) found.set(e.name.toLowerCase(), p);
    }
  };
  for (const d of dirs) walk(d, 0);
  return found;
}

/** The first CJK family installed, with the files to load (regular, then bold when there is one). */
export function findCjkFont(dirs: string[] = fontDirectories()): CjkFontFamily | null {
  const files = filesByName(dirs);
  for (const f of FAMILIES) {
    const paths = f.files.map((n) => files.get(n.toLowerCase())).filter((p): p is string => Boolean(p));
    if (paths.length) return { family: f.family, files: paths.slice(0, 2) };
  }
  return null;
}
