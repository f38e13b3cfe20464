import { certificateMessages } from '../certificates/messages';
import { partnerMessages } from '../partners/messages';
import { dnsMessages } from '../dns/messages';
import { gatewayMessages } from '../gateway/messages';
import { gatewaySessionMessages } from '../gateway/sessions-messages';
import { trustMessages } from '../trust/messages';
import { acmeUiMessages } from '../acme/messages';

/** English strings. Every string the UI shows comes from here, from ko.ts, or from a feature's messages.ts. */
export const en = {
  'app.title': 'Edge Wizard',
  'app.subtitle': 'Edge server deployment',
  'app.skipToContent': 'Skip to content',
  'app.language': 'Language',
  'app.theme': 'Theme',
  'app.theme.system': 'Follow system',
  'app.theme.light': 'Light',
  'app.theme.dark': 'Dark',
  'app.locale.system': 'System language',
  'app.locale.en': 'English',
  'app.locale.ko': '한국어',
  'app.disconnected': 'The connection to Edge Wizard was lost. Reload the page once the service is running again.',
  'app.loading': 'Loading…',
  'app.storeRecovered':
    'Your settings file could not be used because {reason}. It was kept as {path}, and Edge Wizard started with default settings.',
  'app.close': 'Close',
  'app.back': 'Back',

  'home.title': 'Deploy the edge server',
  'home.intro':
    'Work through these steps in order. Each step can be run again later; Edge Wizard keeps what you entered.',
  'home.step': 'Step {n}',
  'home.step.topology': 'Edge topology',
  'home.step.topology.description':
    'The SIP domains, the edge server names and the XMPP domains that every other step uses.',
  'home.step.certificates': 'Request, Install or Assign Certificates',
  'home.step.certificates.description':
    'Request the external edge certificate, import it when the CA returns it, and assign it to the gateway.',
  'home.step.gateway': 'Start services',
  'home.step.gateway.description': 'Start, stop and restart the XMPP gateway service.',
  'home.step.partners': 'XMPP federation partners',
  'home.step.partners.description': 'The XMPP domains allowed to federate, and how they must negotiate.',
  'home.step.dns': 'DNS records',
  'home.step.dns.description': 'The SRV records partners need to find the access edge, and a check that they are right.',
  'home.run': 'Run',
  'home.runAgain': 'Run again',
  'home.open': 'Open',
  'home.state.todo': 'Not done',
  'home.state.done': 'Complete',
  'home.state.blocked': 'Waiting',
  'home.reason.needsTopology': 'Fill in the edge topology first (step 1).',

  'topology.title': 'Edge topology',
  'topology.intro':
    'Names may be typed in any script: internationalized names are stored in their ASCII (xn--) form and shown as typed.',
  'topology.sipDomains': 'SIP domains',
  'topology.sipDomains.help': 'The first one is the default SIP domain.',
  'topology.sipDomain': 'SIP domain {n}',
  'topology.defaultDomain': 'default',
  'topology.addSipDomain': 'Add SIP domain',
  'topology.removeDomain': 'Remove {name}',
  'topology.accessEdgeFqdn': 'Access edge FQDN',
  'topology.accessEdgeFqdn.help': 'Subject of the external certificate; target of the SRV records.',
  'topology.webConferencingEdgeFqdn': 'Web conferencing edge FQDN (optional)',
  'topology.webConferencingEdgeFqdn.help': 'Added to the external edge certificate when set.',
  'topology.audioVideoEdgeFqdn': 'A/V edge FQDN (optional)',
  'topology.audioVideoEdgeFqdn.help': 'Not put in the certificate.',
  'topology.internalEdgeFqdn': 'Internal edge FQDN',
  'topology.internalEdgeFqdn.help': 'Subject of the edge internal certificate.',
  'topology.xmppDomains': 'XMPP domains',
  'topology.xmppDomains.help': 'Domains served by the XMPP gateway. Leave empty if the XMPP proxy is not installed.',
  'topology.xmppDomain': 'XMPP domain {n}',
  'topology.addXmppDomain': 'Add XMPP domain',
  'topology.noXmppDomains': 'No XMPP domains: the XMPP proxy is not installed.',
  'topology.edgePoolSize': 'Edge pool size',
  'topology.edgePoolSize.help': 'Number of edge servers in the pool.',
  'topology.storedAs': 'Stored as {ascii}',
  'topology.save': 'Save topology',
  'topology.saving': 'Saving…',
  'topology.saved': 'Edge topology saved.',
  'topology.fixErrors': 'Fix the highlighted fields, then save again.',
  'topology.unsaved': 'Unsaved changes',

  'pane.gateway.title': 'Gateway',
  'pane.partners.title': 'Partners',

  'reason.dns.required': 'Enter a domain name.',
  'reason.dns.whitespace': 'A domain name cannot contain spaces.',
  'reason.dns.trailing-dot': 'Remove the trailing dot.',
  'reason.dns.ip-address': 'Enter a DNS name, not an IP address.',
  'reason.dns.underscore': 'Underscores are not allowed in host names.',
  'reason.dns.wildcard': 'Wildcard names are not allowed here.',
  'reason.dns.bad-character': 'Only letters, digits, hyphens and dots are allowed.',
  'reason.dns.empty-label': 'A domain name cannot contain empty labels (two dots in a row).',
  'reason.dns.label-too-long': 'Each part of a domain name must be at most 63 characters.',
  'reason.dns.too-long': 'A domain name must be at most 253 characters.',
  'reason.dns.hyphen': 'A part of a domain name cannot start or end with a hyphen.',
  'reason.dns.bad-punycode': 'This name contains an invalid internationalized (xn--) label.',
  'reason.dns.single-label': 'Enter a fully qualified name, such as contoso.com.',
  'reason.topology.duplicate': 'This domain is listed twice.',
  'reason.topology.sip-required': 'Enter at least one SIP domain.',
  'reason.topology.pool-size': 'Enter a whole number from 1 to 1000.',
  'reason.topology.internal-equals-external': 'The internal edge must have its own name, different from the access edge.',
  ...certificateMessages.en,
  ...partnerMessages.en,
  ...dnsMessages.en,
  ...gatewayMessages.en,
  ...gatewaySessionMessages.en,
  ...trustMessages.en,
  ...acmeUiMessages.en,
} as const;

export type MessageKey = keyof typeof en;
