import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  isExternalLinkAllowed,
  isNavigationAllowed,
  isTrustedSender,
  mainWindowOptions,
  resolveUiAsset,
  secureWebPreferences,
  securityHeaders,
} from '../../electron/security';

describe('window options (Electron security checklist)', () => {
  const prefs = secureWebPreferences('/app/preload.cjs');

  it('isolates, sandboxes and keeps Node out of the page (items 2, 3, 4)', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on, insecure content and experiments off, no webview (6, 8, 9, 10, 11)', () => {
    expect(prefs).toMatchObject({ webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('puts those preferences on the main window', () => {
    const options = mainWindowOptions('/app/preload.cjs', true);
    expect(options.webPreferences).toEqual(prefs);
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toBe('#121212');
  });
});

describe('content security policy (item 7)', () => {
  const csp = contentSecurityPolicy();
  it("allows only the app's own scripts and never eval", () => {
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('adds the loopback WebSocket for serve mode only', () => {
    expect(contentSecurityPolicy(['ws://127.0.0.1:4000'])).toContain("connect-src 'self' ws://127.0.0.1:4000");
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('navigation, window.open and IPC sender guards (items 1, 13, 14, 15, 17)', () => {
  it('allows only the app protocol', () => {
    expect(isNavigationAllowed(APP_ENTRY_URL)).toBe(true);
    expect(isNavigationAllowed('app://edgewiz/other.html')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://edgewiz.evil.example/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isNavigationAllowed(url)).toBe(false);
    }
  });

  it('trusts IPC only from frames showing the app', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('https://example.com/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('')).toBe(false);
  });

  it('opens only https documentation links externally', () => {
    expect(isExternalLinkAllowed('https://learn.microsoft.com/en-us/lyncserver/')).toBe(true);
    expect(isExternalLinkAllowed('http://learn.microsoft.com/')).toBe(false);
    expect(isExternalLinkAllowed('https://learn.microsoft.com.evil.example/')).toBe(false);
    expect(isExternalLinkAllowed('https://user:pw@learn.microsoft.com/')).toBe(false);
    expect(isExternalLinkAllowed('file:///C:/Windows/System32/calc.exe')).toBe(false);
  });
});

describe('UI asset resolution (item 18)', () => {
  const root = '/opt/edgewiz/renderer';
  it('maps the entry page and assets under the root', () => {
    expect(resolveUiAsset(root, 'app://edgewiz/')).toBe(`${root}/index.html`);
    expect(resolveUiAsset(root, 'app://edgewiz/assets/index.js')).toBe(`${root}/assets/index.js`);
    expect(resolveUiAsset(root, 'http://127.0.0.1:9000/index.html?x=1#token=a')).toBe(`${root}/index.html`);
  });

  it('refuses to leave the root', () => {
    // The URL parser resolves dot segments itself: this stays inside the root.
    expect(resolveUiAsset(root, 'app://edgewiz/%2e%2e/%2e%2e/etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolveUiAsset(root, 'app://edgewiz/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveUiAsset(root, 'app://edgewiz/%00')).toBeNull();
    expect(resolveUiAsset(root, 'app://edgewiz/%E0%A4%A')).toBeNull();
  });
});

describe('fuses set at packaging (item 19)', () => {
  it('turns off every fuse the app does not use, file:// privileges included', () => {
    const config = readFileSync(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8');
    const fuses = config.slice(config.indexOf('electronFuses:'));
    for (const off of [
      'runAsNode',
      'enableNodeOptionsEnvironmentVariable',
      'enableNodeCliInspectArguments',
      'grantFileProtocolExtraPrivileges',
    ]) {
      expect(fuses, off).toMatch(new RegExp(`^\\s+${off}: false$`, 'm'));
    }
  });
});
