import { describe, expect, it } from 'vitest';
import { certificateProfileSchema, lintProfile } from '../../shared/certificates';
import { topologyInputSchema } from '../../shared/domain/topology';
import {
  answersFromDraft,
  defaultAnswers,
  fieldPage,
  lintAnswers,
  pageProblem,
  sanFields,
  toProfile,
  visiblePages,
  withCertificateType,
  type WizardAnswers,
} from '../../renderer/src/certificates/wizard-model';
import { sampleTopology } from '../support/core';

const topology = topologyInputSchema.parse({ ...sampleTopology, xmppDomains: ['contoso.com', '회사.한국'] });
const documents = '/home/ann/Documents';

function filled(): WizardAnswers {
  return {
    ...defaultAnswers(topology, documents),
    friendlyName: 'Edge',
    organization: 'Contoso',
    country: 'KR',
    state: 'Seoul',
    city: 'Jung-gu',
  };
}

describe('certificate wizard answers', () => {
  it('starts with the defaults of the SPEC: external edge, 2048 bits, exportable, XMPP domains pre-filled', () => {
    const answers = defaultAnswers(topology, documents);
    expect(answers).toMatchObject({
      certificateType: 'externalEdge',
      out: '/home/ann/Documents/cert_external_edge.req',
      keySize: 2048,
      exportable: true,
      useTemplate: false,
      templateName: 'WebServer',
      sipDomainSans: ['contoso.com', 'fabrikam.com'],
      sans: ['contoso.com', '회사.한국'],
    });
  });

  it('switches the default file name and the SAN pages with the certificate type', () => {
    const internal = withCertificateType(defaultAnswers(topology, documents), 'edgeInternal', topology, documents);
    expect(internal.out).toBe('/home/ann/Documents/cert_internal_edge.req');
    expect(internal.sans).toEqual([]);
    expect(visiblePages('edgeInternal')).not.toContain('sans');
    expect(visiblePages('externalEdge')).toHaveLength(14);
    const custom = withCertificateType({ ...defaultAnswers(topology, documents), out: '/srv/x.req' }, 'edgeInternal', topology, documents);
    expect(custom.out).toBe('/srv/x.req');
  });

  it('turns the answers into a profile the core accepts: XMPP domains kept, the rest additional', () => {
    const profile = toProfile(topology, { ...filled(), sans: ['회사.한국', 'meet.contoso.com'], useTemplate: true, templateName: 'T1' });
    const parsed = certificateProfileSchema.parse(profile);
    expect(parsed.request.xmppSans).toEqual(['xn--vf4b131b.xn--3e0b707e']);
    expect(parsed.request.additionalSans).toEqual(['meet.contoso.com']);
    expect(parsed.request.template).toBe('T1');
    // contoso.com was removed from the list: the lint says federation for it will fail.
    expect(lintProfile(parsed).map((f) => f.id)).toContain('xmpp-domain');
  });

  it('says why Next is disabled, page by page', () => {
    const answers = filled();
    expect(pageProblem('name', { ...answers, friendlyName: ' ' })).toBe('wiz.name.friendlyName.required');
    expect(pageProblem('template', { ...answers, useTemplate: true, templateName: '' })).toBe('wiz.template.required');
    expect(pageProblem('org', { ...answers, organization: '' })).toBe('wiz.org.organization.required');
    expect(pageProblem('geo', { ...answers, country: '' })).toBe('wiz.geo.country.required');
    expect(pageProblem('geo', { ...answers, city: '' })).toBe('wiz.geo.city.required');
    for (const page of visiblePages('externalEdge')) expect(pageProblem(page, answers)).toBeNull();
  });

  it('lints a page before the later pages are answered, and points each finding at its page', () => {
    const early = { ...defaultAnswers(topology, documents), friendlyName: 'Edge', keySize: 1024 as const, organization: 'O'.repeat(80) };
    const pages = lintAnswers(topology, early)
      .filter((finding) => finding.severity === 'error')
      .map((finding) => [finding.id, fieldPage(finding.field)]);
    expect(pages).toEqual([
      ['key-size', 'name'],
      ['subject-required', 'geo'],
      ['subject-required', 'geo'],
      ['subject-required', 'geo'],
      ['length', 'org'],
    ]);
    const typedCountry = lintAnswers(topology, { ...filled(), country: 'KOR' }).find((finding) => finding.id === 'country');
    expect(fieldPage(typedCountry?.field)).toBe('geo');
    expect(fieldPage(['topology', 'accessEdgeFqdn'])).toBeNull();
  });

  it('maps page 10 entries to the profile fields the lint names', () => {
    const answers = { ...filled(), sans: ['contoso.com', 'bad_name.contoso.com', '회사.한국', 'edge'] };
    expect(sanFields(topology, answers)).toEqual([
      ['request', 'xmppSans', 0],
      ['request', 'additionalSans', 0],
      ['request', 'xmppSans', 1],
      ['request', 'additionalSans', 1],
    ]);
    const fields = lintAnswers(topology, answers)
      .filter((finding) => finding.severity === 'error')
      .map((finding) => [finding.id, finding.field]);
    expect(fields).toEqual([
      ['name-syntax', ['request', 'additionalSans', 0]],
      ['internal-name', ['request', 'additionalSans', 1]],
    ]);
  });

  it('restores a draft, ignoring values of the wrong shape', () => {
    const defaults = defaultAnswers(topology, documents);
    const restored = answersFromDraft({ friendlyName: 'Kept', keySize: 999, sans: ['a.com', 3], exportable: false }, defaults);
    expect(restored.friendlyName).toBe('Kept');
    expect(restored.exportable).toBe(false);
    expect(restored.keySize).toBe(2048);
    expect(restored.sans).toEqual(defaults.sans);
  });
});
