/** Where PlanDesk keeps the user's plan file by default: the same folder Electron uses as userData. */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'PlanDesk';
export const PLAN_FILE_EXTENSION = 'plandesk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

export function defaultPlanFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return path.join(defaultDataDir(env, platform), `plans.${PLAN_FILE_EXTENSION}`);
}
