import punycode from 'punycode/punycode.js';

/**
 * DNS host names as the edge uses them: entered as Unicode or ASCII, stored and emitted as
 * A-labels, shown as U-labels. IDNA mapping is delegated to the WHATWG URL host parser, which
 * Node and Chromium both implement (UTS #46), so the renderer and the main process agree.
 */

export type DnsNameReason =
  | 'dns.required'
  | 'dns.whitespace'
  | 'dns.trailing-dot'
  | 'dns.ip-address'
  | 'dns.underscore'
  | 'dns.wildcard'
  | 'dns.bad-character'
  | 'dns.empty-label'
  | 'dns.label-too-long'
  | 'dns.too-long'
  | 'dns.hyphen'
  | 'dns.bad-punycode'
  | 'dns.single-label';

export type DnsNameResult = { ok: true; ascii: string; unicode: string } | { ok: false; reason: DnsNameReason; message: string };

export interface DnsNameOptions {
  /** Allow a leading "*." label (certificate SANs); lint warns about it separately. */
  allowWildcard?: boolean;
  /** Require at least two labels (a fully qualified name). Default true. */
  requireDot?: boolean;
}

const messages: Record<DnsNameReason, string> = {
  'dns.required': 'Enter a domain name.',
  'dns.whitespace': 'A domain name cannot contain spaces.',
  'dns.trailing-dot': 'Remove the trailing dot.',
  'dns.ip-address': 'Enter a DNS name, not an IP address.',
  'dns.underscore': 'Underscores are not allowed in host names.',
  'dns.wildcard': 'Wildcard names are not allowed here.',
  'dns.bad-character': 'Only letters, digits, hyphens and dots are allowed.',
  'dns.empty-label': 'A domain name cannot contain empty labels (two dots in a row).',
  'dns.label-too-long': 'Each part of a domain name must be at most 63 characters.',
  'dns.too-long': 'A domain name must be at most 253 characters.',
  'dns.hyphen': 'A part of a domain name cannot start or end with a hyphen.',
  'dns.bad-punycode': 'This name contains an invalid internationalized (xn--) label.',
  'dns.single-label': 'Enter a fully qualified name, such as contoso.com.',
};

function fail(reason: DnsNameReason): DnsNameResult {
  return { ok: false, reason, message: messages[reason] };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const LDH_LABEL = /^[a-z0-9-]+$/;

function toAsciiViaUrl(name: string): string | null {
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return null;
  }
}

function isValidALabel(label: string): boolean {
  if (!label.startsWith('xn--')) return true;
  try {
    const decoded = punycode.toUnicode(label);
    return decoded !== label && toAsciiViaUrl(decoded) === label;
  } catch {
    return false;
  }
}

export function normalizeDnsName(input: string, options: DnsNameOptions = {}): DnsNameResult {
  const requireDot = options.requireDot ?? true;
  const trimmed = input.trim();
  if (trimmed === '') return fail('dns.required');
  if (/\s/.test(trimmed)) return fail('dns.whitespace');
  if (trimmed.endsWith('.') || trimmed.endsWith('。')) return fail('dns.trailing-dot');
  if (trimmed.includes('_')) return fail('dns.underscore');
  if (trimmed.startsWith('[') || trimmed.includes(':') || IPV4.test(trimmed)) return fail('dns.ip-address');

  let body = trimmed;
  let prefix = '';
  if (body.startsWith('*.')) {
    if (!options.allowWildcard) return fail('dns.wildcard');
    prefix = '*.';
    body = body.slice(2);
  }
  if (body.includes('*')) return fail('dns.wildcard');
  if (/[/\\?#@%]/.test(body)) return fail('dns.bad-character');
  if (body.split('.').some((label) => label === '')) return fail('dns.empty-label');

  const ascii = toAsciiViaUrl(body);
  if (ascii === null) return fail('dns.bad-punycode');
  if (IPV4.test(ascii)) return fail('dns.ip-address');

  const labels = ascii.split('.');
  for (const label of labels) {
    if (label === '') return fail('dns.empty-label');
    if (!LDH_LABEL.test(label)) return fail('dns.bad-character');
    if (label.length > 63) return fail('dns.label-too-long');
    if (label.startsWith('-') || label.endsWith('-')) return fail('dns.hyphen');
    if (!isValidALabel(label)) return fail('dns.bad-punycode');
  }
  const full = prefix + ascii;
  if (full.length > 253) return fail('dns.too-long');
  if (requireDot && labels.length < 2) return fail('dns.single-label');
  return { ok: true, ascii: full, unicode: prefix + toUnicodeName(ascii) };
}

/** A-label name → how people read it. Names that fail to decode are shown as they are. */
export function toUnicodeName(ascii: string): string {
  try {
    return punycode.toUnicode(ascii);
  } catch {
    return ascii;
  }
}

export function dnsNameMessage(reason: DnsNameReason): string {
  return messages[reason];
}
