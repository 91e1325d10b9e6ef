/**
 * The desktop shell's security rules as pure functions, so they are unit-tested without launching
 * Electron (tests/electron/security.test.ts). main.ts only wires them to Electron's events.
 */
import { pathToFileURL } from 'node:url';

/** Web preferences of the one window: isolated, sandboxed, no Node, no webview. */
export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  enableBlinkFeatures: '',
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The URL of the app's own page (the built renderer's index.html). */
export function appPageUrl(indexHtmlPath: string): string {
  return pathToFileURL(indexHtmlPath).href;
}

/** Strips query and hash: "file:///x/index.html#/plan/1" → "file:///x/index.html". */
export function pageOf(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.search = '';
    return u.href;
  } catch {
    return '';
  }
}

/** An IPC call is accepted only from the app's own page in the top-level frame. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean } | null, appUrl: string): boolean {
  if (!sender || !sender.isMainFrame) return false;
  return pageOf(sender.url) === pageOf(appUrl);
}

/** In-window navigation is allowed only within the app's own page (hash routes). */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  return pageOf(targetUrl) === pageOf(appUrl);
}

/** Every permission request (camera, notifications, geolocation…) is denied. */
export function permissionDecision(_permission: string): false {
  return false;
}
