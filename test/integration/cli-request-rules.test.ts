import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFeatureMessages } from '../../renderer/src/features';
import { catalog } from '../../renderer/src/i18n/i18n';
import { defaultAnswers, evaluate, pageProblems, toProfile, type WizardAnswers } from '../../renderer/src/certificates/wizard-model';
import { certificateProfileSchema } from '../../shared/certificates/profile';
import { topologySchema } from '../../shared/domain/topology';
import { runEdgewiz } from '../support/cli';
import { profileInput } from '../support/certificates';
import { sampleTopology, tempDir } from '../support/core';

// The app's English, with every feature's strings, as the wizard shows them.
await loadFeatureMessages();
const en = catalog('en');

const topology = topologySchema.parse(certificateProfileSchema.parse(profileInput()).topology);

/** The wizard's answers for the profile file below: everything filled but O and C. */
function wizardAnswers(): WizardAnswers {
  return {
    ...defaultAnswers(topology, '/home/ann/Documents'),
    friendlyName: 'Edge external',
    organization: '',
    country: '',
    state: 'Washington',
    city: 'Redmond',
  };
}

describe('edgewiz request and lint apply the wizard’s rules (the built CLI, as a process)', () => {
  it('refuses a profile without O and C with the code and sentence the wizard shows at those fields', async () => {
    const answers = wizardAnswers();
    const folder = tempDir('edgewiz-rules-');
    const file = join(folder, 'profile.json');
    writeFileSync(file, JSON.stringify(toProfile(topology, answers)));
    const out = join(folder, 'edge.req');

    // The wizard keeps the admin on the organization and geography pages for exactly these findings.
    const evaluation = evaluate(topology, answers);
    expect(evaluation.invalid).toEqual([]);
    const wizard = [...pageProblems('geo', evaluation), ...pageProblems('org', evaluation)].map((problem) =>
      problem.kind === 'finding' ? { id: problem.finding.id, severity: problem.finding.severity, message: problem.finding.message } : null,
    );
    expect(wizard).toEqual([
      { id: 'subject-required', severity: 'error', message: en['lint.subject-required.C'] },
      { id: 'subject-required', severity: 'error', message: en['lint.subject-required.O'] },
    ]);

    const request = await runEdgewiz(['--data-dir', tempDir(), '--json', 'request', '--profile', file, '--out', out]);
    expect(request.timedOut).toBe(false);
    expect(request.code).toBe(1);
    expect(JSON.parse(request.stdout).findings).toEqual(wizard);
    expect(request.stderr.trim().split('\n')).toHaveLength(1);
    expect(request.stderr).toContain(
      'the request was not written: 2 errors must be fixed first: [subject-required] Choose a country or region',
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(folder)).toEqual(['profile.json']);

    const lint = await runEdgewiz(['--data-dir', tempDir(), 'lint', '--profile', file]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toBe(wizard.map((finding) => `error [subject-required] ${finding?.message}\n`).join(''));
  });

  it('refuses an empty O on the edge internal certificate too, and writes the request once O and C are given', async () => {
    const folder = tempDir('edgewiz-rules-');
    const internal = join(folder, 'internal.json');
    writeFileSync(internal, JSON.stringify(profileInput({ request: { certificateType: 'edgeInternal', organization: ' ' } })));
    const refused = await runEdgewiz(['--data-dir', tempDir(), '--json', 'lint', '--profile', internal]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).findings).toEqual([
      { id: 'subject-required', severity: 'error', message: en['lint.subject-required.O'] },
    ]);

    const complete = join(folder, 'complete.json');
    writeFileSync(complete, JSON.stringify(profileInput({ topology: sampleTopology })));
    const out = join(folder, 'edge.req');
    const written = await runEdgewiz(['--data-dir', tempDir(), '--json', 'request', '--profile', complete, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout).findings).toEqual([]);
    expect(existsSync(out)).toBe(true);
  });
});
