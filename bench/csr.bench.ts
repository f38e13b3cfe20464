import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import forge from 'node-forge';
import { FileSecretProvider, KeyVault } from '../electron/certificates/key-vault';
import { generateRsaKeyPair } from '../electron/certificates/csr';
import { CertificateRequestService } from '../electron/certificates/request-service';
import { AppStore } from '../electron/store/app-store';
import { confBacking } from '../electron/store/conf-backing';
import { buildSans } from '../shared/certificates/names';
import { certificateProfileSchema, type CertificateProfile } from '../shared/certificates/profile';
import { formatResult, loopDelayResult, maxLoopDelay, median, type BenchResult } from './harness';

/**
 * The certificate request: (a) how long one 2048-bit request takes in-process against the
 * openssl command doing the same; (b) how long the main event loop is ever blocked during a
 * whole 4096-bit request; (c) the same for a naive request signed with forge, for contrast.
 */

const OPENSSL = '/usr/bin/openssl';
const RUNS = 15;
const LARGE_RUNS = 5;

function profileFor(keySize: 2048 | 4096): CertificateProfile {
  return certificateProfileSchema.parse({
    topology: {
      sipDomains: ['contoso.com', 'fabrikam.com'],
      accessEdgeFqdn: 'sip.contoso.com',
      webConferencingEdgeFqdn: 'webcon.contoso.com',
      internalEdgeFqdn: 'edge-int.contoso.local',
      xmppDomains: ['contoso.com'],
    },
    request: {
      certificateType: 'externalEdge',
      friendlyName: 'Edge external',
      keySize,
      organization: 'Contoso Ltd',
      country: 'US',
      state: 'Washington',
      city: 'Redmond',
      sipDomainSans: ['contoso.com', 'fabrikam.com'],
      template: 'WebServer',
    },
  });
}

function createService(dir: string): CertificateRequestService {
  const dataDir = join(dir, 'data');
  const store = new AppStore(dataDir, confBacking);
  return new CertificateRequestService({ store, vault: new KeyVault(dataDir, new FileSecretProvider(dataDir)), dataDir });
}

function opensslRequest(dir: string, index: number, sans: string[]): Promise<void> {
  const args = [
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    join(dir, `openssl-${index}.key`),
    '-out',
    join(dir, `openssl-${index}.req`),
    '-subj',
    '/C=US/ST=Washington/L=Redmond/O=Contoso Ltd/CN=sip.contoso.com',
    '-addext',
    `subjectAltName=${sans.map((name) => `DNS:${name}`).join(',')}`,
    '-addext',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    '-addext',
    'extendedKeyUsage=serverAuth',
  ];
  return new Promise((resolve, reject) => execFile(OPENSSL, args, (error) => (error ? reject(error) : resolve())));
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** The request as a quick forge-based implementation would do it: build and sign on the main thread. */
async function naiveForgeRequest(profile: CertificateProfile, out: string): Promise<void> {
  const { privateKey } = await generateRsaKeyPair(profile.request.keySize);
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  csr.setSubject([
    { shortName: 'C', value: profile.request.country },
    { shortName: 'ST', value: profile.request.state },
    { shortName: 'L', value: profile.request.city },
    { shortName: 'O', value: profile.request.organization },
    { shortName: 'CN', value: profile.topology.accessEdgeFqdn },
  ]);
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [
        { name: 'subjectAltName', altNames: buildSans(profile).map((value) => ({ type: 2, value })) },
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
      ],
    },
  ]);
  csr.sign(key, forge.md.sha256.create());
  writeFileSync(out, forge.pki.certificationRequestToPem(csr));
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'edgewiz-bench-csr-'));
  try {
    const service = createService(dir);
    const profile2048 = profileFor(2048);
    const profile4096 = profileFor(4096);
    const sans = buildSans(profile2048);
    let counter = 0;
    const request = (profile: CertificateProfile) => service.createRequest(profile, join(dir, `request-${counter++}.req`));

    // Warm-up: module loading, the store's first open, the master key, JIT.
    await request(profile2048);
    await opensslRequest(dir, -1, sans);

    // (a) Interleaved, so drift in machine load hits both sides alike.
    const inProcess: number[] = [];
    const openssl: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      inProcess.push(await timed(() => request(profile2048)));
      openssl.push(await timed(() => opensslRequest(dir, i, sans)));
    }

    // (b) Full 4096-bit requests, each with its largest delay; and after each, the same span
    // idle, to tell the machine's own scheduling noise (shared vCPUs) from the request's work.
    const delays: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < LARGE_RUNS; i++) {
      const start = performance.now();
      delays.push(await maxLoopDelay(() => request(profile4096)));
      const span = performance.now() - start;
      idle.push(await maxLoopDelay(() => new Promise((resolve) => setTimeout(resolve, span))));
    }

    // (c) The contrast: forge signs a 4096-bit request on the event loop.
    const naive = await maxLoopDelay(() => naiveForgeRequest(profile4096, join(dir, 'naive.req')));

    return [
      {
        name: 'csr: one 2048-bit request in-process (median)',
        value: median(inProcess),
        unit: 'ms',
        baseline: { name: 'openssl req -newkey rsa:2048 as a process (median)', value: median(openssl) },
        target: 1.3,
        note: `${RUNS} runs each; the request includes lint, key encryption, file write and store update`,
      },
      loopDelayResult('csr: max event-loop delay during a 4096-bit request', delays, idle, 'per request'),
      {
        name: 'csr: max event-loop delay during a naive forge-signed 4096-bit request',
        value: naive,
        unit: 'ms',
        note: 'contrast only: forge signs on the main thread',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const result of await run()) console.log(formatResult(result));
}
