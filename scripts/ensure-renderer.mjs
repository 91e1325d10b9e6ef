// Builds the renderer once if build/renderer is missing, so `npm run web` works right after `npm install`.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync(new URL('../build/renderer/index.html', import.meta.url))) {
  console.log('正在构建界面（首次运行）…');
  execSync('npm run build:renderer', { stdio: 'inherit' });
}
