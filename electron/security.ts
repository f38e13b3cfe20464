import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * Everything security-relevant about the Electron window, as pure values and predicates that
 * plain Node tests check. The shell files only apply them.
 */

export const APP_SCHEME = 'app';
const APP_HOST = 'edgewiz';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Channel names of the IPC adapter and the preload. */
export const RPC_CHANNEL = 'edgewiz:rpc';
export const EVENT_CHANNEL = 'edgewiz:event';

/** https documentation hosts that links in the UI may open in the system browser. */
const EXTERNAL_LINK_HOSTS = ['learn.microsoft.com', 'prosody.im', 'www.rfc-editor.org', 'datatracker.ietf.org'];

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for pages served by the app's own protocol. */
function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** will-navigate: the window may only ever show the app's own pages. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** IPC: a message is served only when its sender frame shows the app's own page. */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return isAppUrl(frameUrl);
}

/** shell.openExternal: https links to a short list of documentation sites, nothing else. */
export function isExternalLinkAllowed(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    EXTERNAL_LINK_HOSTS.includes(parsed.hostname) &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(preload: string, prefersDark: boolean) {
  return {
    width: 1180,
    height: 780,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'Edge Wizard',
    backgroundColor: prefersDark ? '#121212' : '#f5f6f8',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preload),
  };
}

/**
 * The page's Content-Security-Policy. Styles allow inline because the component library
 * injects its styles at run time; scripts never do.
 */
export function contentSecurityPolicy(extraConnectSources: string[] = []): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...extraConnectSources]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Headers sent with every page and asset of the UI. */
export function securityHeaders(extraConnectSources: string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(extraConnectSources),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * Maps a request for the UI (app://edgewiz/… or http://127.0.0.1:port/…) to a file under
 * `root`, or null when it would leave it. "/" is the entry page.
 */
export function resolveUiAsset(root: string, requestUrl: string): string | null {
  const parsed = parseUrl(requestUrl);
  if (!parsed) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const candidate = normalize(join(root, pathname));
  const rel = relative(root, candidate);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..') || isAbsolute(rel)) return null;
  return candidate;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[path.slice(dot).toLowerCase()]) || 'application/octet-stream';
}
