import { certificateProfileSchema, type CertificateProfile, type CertificateProfileInput } from '../../shared/certificates/profile';
import { sampleTopology } from './core';

type ProfileOverrides = {
  topology?: Partial<CertificateProfileInput['topology']>;
  request?: Partial<CertificateProfileInput['request']>;
};

/**
 * A request profile with no findings at all: public names, a 2048-bit key, no OU, every SIP
 * domain ticked, the XMPP domain kept.
 */
export function profileInput(overrides: ProfileOverrides = {}): CertificateProfileInput {
  return {
    topology: { ...sampleTopology, ...overrides.topology },
    request: {
      certificateType: 'externalEdge',
      friendlyName: 'Edge external',
      organization: 'Contoso Ltd',
      country: 'US',
      state: 'Washington',
      city: 'Redmond',
      sipDomainSans: ['contoso.com', 'fabrikam.com'],
      ...overrides.request,
    },
  };
}

export function profile(overrides: ProfileOverrides = {}): CertificateProfile {
  return certificateProfileSchema.parse(profileInput(overrides));
}
