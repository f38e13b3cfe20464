import { describe, expect, it } from 'vitest';
import { certificateProfileSchema, lintProfile } from '../../shared/certificates';
import { topologyInputSchema } from '../../shared/domain/topology';
import {
  answerEmpty,
  answersFromDraft,
  defaultAnswers,
  evaluate,
  fieldPage,
  lintAnswers,
  pageProblems,
  requiredAnswers,
  sanFields,
  toProfile,
  visiblePages,
  withCertificateType,
  wizardPages,
  type WizardAnswers,
  type WizardPage,
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
  it('starts with the defaults: external edge, 2048 bits, exportable, XMPP domains pre-filled', () => {
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

  it('keeps the admin on a page exactly for the lint errors the CLI finds at that page’s fields', () => {
    // Valid for the schema, wrong for the lint: a 1024-bit key, no O, C, ST or L, a bad name, an XMPP domain removed.
    const answers: WizardAnswers = {
      ...defaultAnswers(topology, documents),
      friendlyName: 'Edge',
      keySize: 1024,
      organizationalUnit: 'IT',
      sans: ['회사.한국', 'bad_name.contoso.com'],
    };
    // What `edgewiz lint` and `edgewiz request` find in the same answers as a profile file.
    const cli = lintProfile(certificateProfileSchema.parse(toProfile(topology, answers)));
    const evaluation = evaluate(topology, answers);
    expect(evaluation.invalid).toEqual([]);
    expect(evaluation.findings).toEqual(cli);

    const fieldsOf: Partial<Record<WizardPage, string[]>> = {
      type: ['certificateType'],
      template: ['template'],
      name: ['friendlyName', 'keySize', 'exportable'],
      org: ['organization', 'organizationalUnit'],
      geo: ['country', 'state', 'city'],
      sip: ['sipDomainSans'],
      sans: ['xmppSans', 'additionalSans'],
    };
    for (const page of wizardPages) {
      const expected = cli.filter(
        (finding) =>
          finding.severity === 'error' && finding.field?.[0] === 'request' && (fieldsOf[page] ?? []).includes(String(finding.field[1])),
      );
      const problems = pageProblems(page, evaluation);
      expect(problems.every((problem) => problem.kind === 'finding')).toBe(true);
      expect(
        problems.map((problem) => (problem.kind === 'finding' ? problem.finding : null)),
        page,
      ).toEqual(expected);
    }
    const byPage = (page: WizardPage) =>
      pageProblems(page, evaluation).map((problem) => (problem.kind === 'finding' ? problem.finding.id : ''));
    expect(byPage('name')).toEqual(['key-size']);
    expect(byPage('org')).toEqual(['subject-required']);
    expect(byPage('geo')).toEqual(['subject-required', 'subject-required', 'subject-required']);
    expect(byPage('sans')).toEqual(['name-syntax', 'xmpp-domain']);
    // Every error the CLI reports keeps the admin on some page; the OU warning keeps no one.
    const onPages = wizardPages.flatMap((page) => pageProblems(page, evaluation));
    expect(onPages).toHaveLength(cli.filter((finding) => finding.severity === 'error').length);
    expect(cli.some((finding) => finding.id === 'ou' && finding.severity === 'warning')).toBe(true);

    const fixed = evaluate(topology, { ...filled(), sans: ['contoso.com', '회사.한국'] });
    for (const page of visiblePages('externalEdge')) expect(pageProblems(page, fixed), page).toEqual([]);
  });

  it('keeps the admin on a page for the schema’s problems at its fields too', () => {
    const noName = evaluate(topology, { ...filled(), friendlyName: ' ' });
    expect(pageProblems('name', noName)).toEqual([
      expect.objectContaining({ kind: 'issue', issue: expect.objectContaining({ reason: 'certificate.friendly-name-required' }) }),
    ]);
    const noTemplate = evaluate(topology, { ...filled(), useTemplate: true, templateName: '' });
    expect(pageProblems('template', noTemplate)).toEqual([
      expect.objectContaining({ kind: 'issue', issue: expect.objectContaining({ reason: 'certificate.template-required' }) }),
    ]);
    expect(answerEmpty(['request', 'template'], { ...filled(), useTemplate: true, templateName: ' ' })).toBe(true);
    expect(answerEmpty(['request', 'organization'], filled())).toBe(false);
    expect(answerEmpty(['request', 'keySize'], filled())).toBe(false);
  });

  it('marks as required exactly the answers the rules refuse empty', () => {
    const answers = filled();
    expect([...requiredAnswers(topology, answers)].sort()).toEqual(['city', 'country', 'friendlyName', 'organization', 'state']);
    expect([...requiredAnswers(topology, { ...answers, certificateType: 'edgeInternal' })].sort()).toEqual([
      'city',
      'country',
      'friendlyName',
      'organization',
      'state',
    ]);
    expect(requiredAnswers(topology, { ...answers, useTemplate: true }).has('template')).toBe(true);
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
    // Each answer is normalised by the profile schema's own field, also while another field does not parse yet.
    const typed = { ...filled(), friendlyName: '', country: ' kr ', organization: '  Contoso  ' };
    expect(certificateProfileSchema.safeParse(toProfile(topology, typed)).success).toBe(false);
    expect(lintAnswers(topology, typed)).toEqual(lintProfile(certificateProfileSchema.parse(toProfile(topology, filled()))));
    expect(lintAnswers(topology, typed)).toEqual([]);
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
