import { useContext, useMemo, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import {
  countryCodes,
  displayName,
  formatSubject,
  keySizes,
  requestStages,
  type FieldPath,
  type LintFinding,
  type SavePathCheck,
} from '../../../shared/certificates';
import { toUnicodeName } from '../../../shared/domain/dns-name';
import type { Topology } from '../../../shared/domain/topology';
import { DeliveryChoice } from '../acme/DeliveryChoice';
import { RunLog } from '../components/RunLog';
import { HostContext, useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { issueText } from '../i18n/issue-text';
import { findingText } from './lint-text';
import { savePathText, type Evaluation, type RunState } from './RequestWizard';
import {
  fieldPage,
  lintAnswers,
  onField,
  sanAscii,
  sanFields,
  withCertificateType,
  type WizardAnswers,
  type WizardPage,
} from './wizard-model';

interface PageProps {
  page: WizardPage;
  answers: WizardAnswers;
  setAnswers: Dispatch<SetStateAction<WizardAnswers>>;
  topology: Topology;
  documents: string;
  evaluation: Evaluation;
  /** Whether an empty required field says so yet: once it was left, or Next was tried. */
  showRequired: (field: string) => boolean;
  onTouched: (field: string) => void;
  pathCheck: SavePathCheck | 'checking';
  run: RunState;
  onRetry: () => void;
  onEditPage: (page: WizardPage) => void;
}

function Intro({ children }: { children: ReactNode }) {
  return <Typography color="text.secondary">{children}</Typography>;
}

function KeyValues({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <Table size="small" data-testid={testId}>
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" sx={{ width: 220, color: 'text.secondary', verticalAlign: 'top' }}>
              {label}
            </TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Long values (an 80-character OU, a name without dots) wrap inside the panel instead of running past it. */
const wrapAnywhere = { minWidth: 0, overflowWrap: 'anywhere', wordBreak: 'break-word' } as const;

function Findings({ evaluation }: { evaluation: Evaluation }) {
  const { t, locale } = useI18n();
  if (evaluation.invalid.length === 0 && evaluation.findings.length === 0)
    return (
      <Alert severity="success" data-testid="findings">
        {t('wiz.summary.clean')}
      </Alert>
    );
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 1 }} data-testid="findings">
      {evaluation.invalid.map((issue) => (
        <Alert key={`${issue.path.join('.')}-${issue.reason}`} severity="error" data-reason={issue.reason} sx={wrapAnywhere}>
          <strong>{t('severity.error')}</strong> — {issueText(t, issue)}
        </Alert>
      ))}
      {evaluation.findings.map((finding, i) => (
        <Alert key={`${finding.id}-${i}`} severity={finding.severity} data-lint-id={finding.id} sx={wrapAnywhere}>
          <strong>{t(finding.severity === 'error' ? 'severity.error' : 'severity.warning')}</strong> — {findingText(finding, locale, t)}
        </Alert>
      ))}
    </Box>
  );
}

interface Note {
  text: string;
  severity: 'error' | 'warning';
}

/** The first error (else warning) of these findings, in the admin's language. */
function firstNote(findings: LintFinding[], locale: Parameters<typeof findingText>[1], t: Parameters<typeof findingText>[2]): Note | null {
  const pick = findings.find((finding) => finding.severity === 'error') ?? findings[0];
  return pick ? { text: findingText(pick, locale, t), severity: pick.severity } : null;
}

/** A field's message; warnings in the theme's warning colour, readable in light and dark. */
function NoteText({ note, fallback, testId }: { note: Note | null; fallback: ReactNode; testId: string }) {
  return (
    <Box
      component="span"
      data-testid={testId}
      data-severity={note?.severity}
      sx={
        note?.severity === 'warning'
          ? {
              color: (theme) => (theme.palette.mode === 'dark' ? theme.palette.warning.light : theme.palette.warning.dark),
              ...wrapAnywhere,
            }
          : wrapAnywhere
      }
    >
      {note ? note.text : fallback}
    </Box>
  );
}

function SanList({ evaluation }: { evaluation: Evaluation }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5, ...wrapAnywhere }} data-testid="san-list">
      {evaluation.sans.map((entry) => (
        <li key={entry.name}>{displayName(entry.name)}</li>
      ))}
    </Box>
  );
}

export function WizardPageBody(props: PageProps) {
  const { page, answers, setAnswers, topology, documents, evaluation, pathCheck, run } = props;
  const { t, locale } = useI18n();
  const client = useRpc();
  const desktop = useContext(HostContext) === 'electron';
  const set = (patch: Partial<WizardAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  /** What the shared rules say about one profile field: a schema problem first, then lint. */
  const noteAt = (path: FieldPath): Note | null => {
    const issue = evaluation.invalid.find((candidate) => onField(candidate.path, path));
    if (issue) return { text: issueText(t, issue), severity: 'error' };
    return firstNote(
      evaluation.findings.filter((finding) => onField(finding.field, path)),
      locale,
      t,
    );
  };
  type TextAnswer = 'friendlyName' | 'organization' | 'organizationalUnit' | 'country' | 'state' | 'city';
  /** error / helperText / onBlur for a field: an empty required one says so once left; a rule's message shows at once. */
  const fieldState = (name: TextAnswer, help: ReactNode, requiredKey?: MessageKey) => {
    const empty = answers[name].trim() === '';
    const required = requiredKey && empty && props.showRequired(name) ? { text: t(requiredKey), severity: 'error' as const } : null;
    const note = required ?? (empty ? null : noteAt(['request', name]));
    return {
      error: note?.severity === 'error',
      helperText: <NoteText note={note} fallback={help} testId={`note-${name}`} />,
      onBlur: () => props.onTouched(name),
    };
  };
  const [newSan, setNewSan] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: 'region' }), [locale]);
  const countryOptions = useMemo(
    () =>
      [...countryCodes]
        .map((code) => ({ code, label: regionNames.of(code) ?? code }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [regionNames, locale],
  );

  switch (page) {
    case 'type':
      return (
        <>
          <Intro>{t('wiz.type.intro')}</Intro>
          <RadioGroup
            value={answers.certificateType}
            onChange={(event) =>
              setAnswers((current) =>
                withCertificateType(current, event.target.value as WizardAnswers['certificateType'], topology, documents),
              )
            }
            aria-label={t('wiz.type.intro')}
          >
            {(['externalEdge', 'edgeInternal'] as const).map((usage) => (
              <Box key={usage} sx={{ mb: 1 }}>
                <FormControlLabel value={usage} control={<Radio />} label={t(`cert.usage.${usage}`)} data-testid={`type-${usage}`} />
                <FormHelperText sx={{ ml: 4, mt: -0.5 }}>{t(`wiz.type.${usage}.help`)}</FormHelperText>
              </Box>
            ))}
          </RadioGroup>
        </>
      );

    case 'delay':
      return <DeliveryChoice answers={answers} setAnswers={setAnswers} />;

    case 'file': {
      const exists = pathCheck !== 'checking' && pathCheck.reason === 'path.exists';
      const error = pathCheck !== 'checking' && !pathCheck.ok && !exists;
      return (
        <>
          <Intro>{t('wiz.file.intro')}</Intro>
          <TextField
            label={t('wiz.file.label')}
            value={answers.out}
            onChange={(event) => set({ out: event.target.value, overwrite: false })}
            error={error}
            helperText={
              pathCheck === 'checking'
                ? t('wiz.file.checking')
                : pathCheck.ok
                  ? t('wiz.file.ok')
                  : exists
                    ? t('wiz.file.exists')
                    : savePathText(pathCheck, t) || ' '
            }
            slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'field-out' } }}
            autoFocus
          />
          {desktop && (
            <Box>
              <Button
                variant="outlined"
                onClick={() => {
                  void client.call('desktop.chooseSavePath', { defaultPath: answers.out }).then(({ path }) => {
                    if (path) set({ out: path, overwrite: false });
                  });
                }}
              >
                {t('wiz.file.browse')}
              </Button>
            </Box>
          )}
          {exists && (
            <FormControlLabel
              control={<Checkbox checked={answers.overwrite} onChange={(event) => set({ overwrite: event.target.checked })} />}
              label={t('wiz.file.overwrite')}
              data-testid="overwrite"
            />
          )}
        </>
      );
    }

    case 'template':
      return (
        <>
          <Intro>{t('wiz.template.intro')}</Intro>
          <FormControlLabel
            control={<Checkbox checked={answers.useTemplate} onChange={(event) => set({ useTemplate: event.target.checked })} />}
            label={t('wiz.template.use')}
            data-testid="use-template"
          />
          {answers.useTemplate && (
            <TextField
              label={t('wiz.template.name')}
              value={answers.templateName}
              onChange={(event) => set({ templateName: event.target.value })}
              helperText={answers.templateName.trim() === '' ? t('wiz.template.required') : t('wiz.template.name.help')}
              error={answers.templateName.trim() === ''}
              sx={{ maxWidth: 420 }}
              slotProps={{ htmlInput: { 'data-testid': 'field-template' } }}
            />
          )}
        </>
      );

    case 'name':
      return (
        <>
          <TextField
            label={t('wiz.name.friendlyName')}
            value={answers.friendlyName}
            required
            onChange={(event) => set({ friendlyName: event.target.value })}
            {...fieldState('friendlyName', t('wiz.name.friendlyName.help'), 'wiz.name.friendlyName.required')}
            autoFocus
            slotProps={{ htmlInput: { 'data-testid': 'field-friendlyName', maxLength: 256 } }}
          />
          <TextField
            select
            label={t('wiz.name.bitLength')}
            value={answers.keySize}
            onChange={(event) => set({ keySize: Number(event.target.value) as WizardAnswers['keySize'] })}
            helperText={<NoteText note={noteAt(['request', 'keySize'])} fallback=" " testId="note-keySize" />}
            error={noteAt(['request', 'keySize'])?.severity === 'error'}
            sx={{ maxWidth: 260 }}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'field-keySize' } as object } }}
          >
            {keySizes.map((bits) => (
              <MenuItem key={bits} value={bits}>
                {bits === 2048 ? t('wiz.name.default', { n: bits }) : t('wiz.name.bits', { n: bits })}
              </MenuItem>
            ))}
          </TextField>
          <Box>
            <FormControlLabel
              control={<Checkbox checked={answers.exportable} onChange={(event) => set({ exportable: event.target.checked })} />}
              label={t('wiz.name.exportable')}
              data-testid="exportable"
            />
            <FormHelperText sx={{ ml: 4, mt: -0.5 }}>{t('wiz.name.exportable.help')}</FormHelperText>
          </Box>
        </>
      );

    case 'org':
      return (
        <>
          <TextField
            label={t('wiz.org.organization')}
            value={answers.organization}
            required
            onChange={(event) => set({ organization: event.target.value })}
            {...fieldState('organization', t('wiz.org.organization.help'), 'wiz.org.organization.required')}
            autoFocus
            slotProps={{ htmlInput: { 'data-testid': 'field-organization' } }}
          />
          <TextField
            label={t('wiz.org.unit')}
            value={answers.organizationalUnit}
            onChange={(event) => set({ organizationalUnit: event.target.value })}
            {...fieldState('organizationalUnit', t('wiz.org.unit.help'))}
            slotProps={{ htmlInput: { 'data-testid': 'field-organizationalUnit' } }}
          />
        </>
      );

    case 'geo': {
      // Typed text that is not in the list is kept (not silently cleared) so the country rule can mark it.
      const selected =
        countryOptions.find((option) => option.code === answers.country) ?? (answers.country === '' ? null : answers.country);
      const fold = (text: string) => text.trim().toLocaleLowerCase(locale);
      const resolveCountry = (text: string): string => {
        const typed = fold(text);
        const match = countryOptions.find(
          (option) => fold(option.code) === typed || fold(option.label) === typed || fold(`${option.label} (${option.code})`) === typed,
        );
        return match ? match.code : text.trim();
      };
      return (
        <>
          <Intro>{t('wiz.geo.intro')}</Intro>
          <Autocomplete
            freeSolo
            autoSelect
            options={countryOptions}
            value={selected}
            onChange={(_event, option) =>
              set({ country: option === null ? '' : typeof option === 'string' ? resolveCountry(option) : option.code })
            }
            getOptionLabel={(option) => (typeof option === 'string' ? option : `${option.label} (${option.code})`)}
            isOptionEqualToValue={(a, b) => typeof b !== 'string' && a.code === b.code}
            sx={{ maxWidth: 420 }}
            renderInput={(params) => (
              <TextField
                {...params}
                label={t('wiz.geo.country')}
                required
                {...fieldState('country', ' ', 'wiz.geo.country.required')}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'field-country' } }}
              />
            )}
          />
          <TextField
            label={t('wiz.geo.state')}
            value={answers.state}
            required
            onChange={(event) => set({ state: event.target.value })}
            {...fieldState('state', ' ', 'wiz.geo.state.required')}
            slotProps={{ htmlInput: { 'data-testid': 'field-state' } }}
          />
          <TextField
            label={t('wiz.geo.city')}
            value={answers.city}
            required
            onChange={(event) => set({ city: event.target.value })}
            {...fieldState('city', ' ', 'wiz.geo.city.required')}
            slotProps={{ htmlInput: { 'data-testid': 'field-city' } }}
          />
        </>
      );
    }

    case 'subject':
      return (
        <>
          <Intro>{t('wiz.subject.intro')}</Intro>
          <KeyValues
            testId="subject-preview"
            rows={[
              [t('wiz.subject.subject'), formatSubject(evaluation.subject) || '—'],
              [t('wiz.subject.sans'), <SanList key="sans" evaluation={evaluation} />],
            ]}
          />
        </>
      );

    case 'sip':
      return (
        <>
          <Intro>{t('wiz.sip.intro')}</Intro>
          <Box sx={{ display: 'grid' }}>
            {topology.sipDomains.map((domain) => (
              <FormControlLabel
                key={domain}
                control={
                  <Checkbox
                    checked={answers.sipDomainSans.includes(domain)}
                    onChange={(event) =>
                      set({
                        sipDomainSans: event.target.checked
                          ? topology.sipDomains.filter((d) => d === domain || answers.sipDomainSans.includes(d))
                          : answers.sipDomainSans.filter((d) => d !== domain),
                      })
                    }
                  />
                }
                label={`sip.${toUnicodeName(domain)}`}
                data-testid={`sip-${domain}`}
              />
            ))}
          </Box>
        </>
      );

    case 'sans': {
      const xmpp = new Set(topology.xmppDomains);
      const key = (name: string) => sanAscii(name).toLowerCase();
      const candidate = newSan.trim();
      const duplicate = candidate !== '' && answers.sans.some((name) => key(name) === key(candidate));
      // The name as typed is checked by the same rules as the summary, as if it were already added.
      const candidateNote = (() => {
        if (candidate === '' || duplicate) return null;
        const withCandidate = { ...answers, sans: [...answers.sans, candidate] };
        const path = sanFields(topology, withCandidate).at(-1);
        return path
          ? firstNote(
              lintAnswers(topology, withCandidate).filter((finding) => onField(finding.field, path)),
              locale,
              t,
            )
          : null;
      })();
      const refused = candidate === '' || duplicate || candidateNote?.severity === 'error';
      const add = () => {
        if (refused) return;
        set({ sans: [...answers.sans, candidate] });
        setNewSan('');
      };
      const rowFields = sanFields(topology, answers);
      const rowNote = (i: number): Note | null => {
        const path = rowFields[i];
        return path ? noteAt(path) : null;
      };
      // Findings about the list as a whole, such as a removed XMPP domain.
      const listNotes = [
        ...evaluation.invalid
          .filter((issue) => fieldPage(issue.path) === 'sans' && issue.path.length === 2)
          .map((issue) => ({ text: issueText(t, issue), severity: 'error' as const })),
        ...evaluation.findings
          .filter((finding) => fieldPage(finding.field) === 'sans' && finding.field?.length === 2)
          .map((finding) => ({ text: findingText(finding, locale, t), severity: finding.severity })),
      ];
      return (
        <>
          <Intro>{t('wiz.sans.intro')}</Intro>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <TextField
              label={t('wiz.sans.name')}
              value={newSan}
              onChange={(event) => setNewSan(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  add();
                }
              }}
              error={duplicate || candidateNote?.severity === 'error'}
              helperText={
                <NoteText
                  note={duplicate ? { text: t('wiz.sans.duplicate'), severity: 'error' } : candidateNote}
                  fallback=" "
                  testId="note-new-san"
                />
              }
              sx={{ flex: 1, maxWidth: 420 }}
              slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'field-new-san' } }}
            />
            <Button variant="outlined" onClick={add} disabled={refused} sx={{ mt: 0.25 }} data-testid="add-san">
              {t('wiz.sans.add')}
            </Button>
            <Button onClick={() => set({ sans: [] })} disabled={answers.sans.length === 0} sx={{ mt: 0.25 }} data-testid="clear-sans">
              {t('wiz.sans.clear')}
            </Button>
          </Box>
          {listNotes.map((note) => (
            <Alert key={note.text} severity={note.severity} sx={wrapAnywhere} data-testid="sans-list-note">
              {note.text}
            </Alert>
          ))}
          {answers.sans.length === 0 ? (
            <Typography color="text.secondary" sx={{ fontStyle: 'italic' }}>
              {t('wiz.sans.empty')}
            </Typography>
          ) : (
            <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.5 }} data-testid="additional-sans">
              {answers.sans.map((name, i) => {
                const note = rowNote(i);
                return (
                  <Box
                    component="li"
                    key={`${name}-${i}`}
                    sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
                    data-severity={note?.severity}
                  >
                    <Box sx={{ flex: 1, ...wrapAnywhere }}>
                      <Typography color={note?.severity === 'error' ? 'error' : undefined}>{name}</Typography>
                      {note && (
                        <FormHelperText error={note.severity === 'error'} sx={{ m: 0 }}>
                          <NoteText note={note} fallback="" testId={`note-san-${i}`} />
                        </FormHelperText>
                      )}
                    </Box>
                    {xmpp.has(sanAscii(name)) && <Chip size="small" label={t('wiz.sans.xmpp')} />}
                    <IconButton
                      aria-label={t('wiz.sans.remove', { name })}
                      onClick={() => set({ sans: answers.sans.filter((_, j) => j !== i) })}
                    >
                      <DeleteOutlinedIcon />
                    </IconButton>
                  </Box>
                );
              })}
            </Box>
          )}
        </>
      );
    }

    case 'summary': {
      const yesNo = (value: boolean) => t(value ? 'wiz.summary.yes' : 'wiz.summary.no');
      const country = answers.country ? `${regionNames.of(answers.country) ?? answers.country} (${answers.country})` : '—';
      return (
        <>
          <Intro>{t('wiz.summary.intro')}</Intro>
          <KeyValues
            testId="summary"
            rows={[
              [t('wiz.type.title'), t(`cert.usage.${answers.certificateType}`)],
              [t('wiz.file.label'), answers.out],
              [t('wiz.summary.template'), answers.useTemplate ? answers.templateName : t('wiz.summary.noTemplate')],
              [t('wiz.name.friendlyName'), answers.friendlyName],
              [t('wiz.name.bitLength'), t('wiz.name.bits', { n: answers.keySize })],
              [t('wiz.name.exportable'), yesNo(answers.exportable)],
              [t('wiz.org.organization'), answers.organization || '—'],
              [t('wiz.org.unit'), answers.organizationalUnit || '—'],
              [t('wiz.geo.country'), country],
              [t('wiz.geo.state'), answers.state || '—'],
              [t('wiz.geo.city'), answers.city || '—'],
              [t('wiz.subject.subject'), formatSubject(evaluation.subject) || '—'],
              [t('wiz.subject.sans'), <SanList key="sans" evaluation={evaluation} />],
            ]}
          />
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t('wiz.summary.checks')}
          </Typography>
          <Findings evaluation={evaluation} />
        </>
      );
    }

    case 'run': {
      const stageKey = (stage: string) => `wiz.run.stage.${stage === 'building-request' ? 'building' : stage}` as MessageKey;
      const current = run.status === 'running' ? run.progress : run.status === 'done' ? { stage: 'done' as const, percent: 100 } : null;
      return (
        <>
          {current && (
            <Box sx={{ display: 'grid', gap: 1 }} data-testid="run-progress">
              <LinearProgress variant="determinate" value={current.percent} aria-label={t('wiz.run.title')} />
              <Box component="ol" sx={{ m: 0, pl: 3 }}>
                {requestStages.map((stage) => {
                  const reached = requestStages.indexOf(stage) <= requestStages.indexOf(current.stage);
                  return (
                    <Typography
                      component="li"
                      key={stage}
                      color={reached ? 'text.primary' : 'text.disabled'}
                      sx={{ fontWeight: stage === current.stage ? 600 : 400 }}
                    >
                      {t(stageKey(stage))}
                    </Typography>
                  );
                })}
              </Box>
            </Box>
          )}
          {run.status === 'done' && <Alert severity="success">{t('wiz.run.done')}</Alert>}
          {run.status === 'failed' && (
            <Alert
              severity="error"
              action={
                <Button color="inherit" onClick={props.onRetry}>
                  {t('wiz.run.retry')}
                </Button>
              }
              data-testid="run-failed"
            >
              {t('wiz.run.failed')} {run.message}
            </Alert>
          )}
          {run.status === 'done' && <RunLog commands={[run.result.commands.edgewiz, run.result.commands.powershell]} />}
        </>
      );
    }

    case 'csr': {
      if (run.status !== 'done') return null;
      const { result } = run;
      const copy = () => {
        navigator.clipboard.writeText(result.csrPem).then(
          () => setCopied(t('wiz.csr.copied')),
          () => setCopied(t('wiz.csr.copyFailed')),
        );
      };
      return (
        <>
          <Intro>{t('wiz.csr.intro', { path: result.out })}</Intro>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t('wiz.csr.decoded')}
          </Typography>
          <KeyValues
            testId="csr-decoded"
            rows={[
              [t('wiz.subject.subject'), result.subject],
              [t('wiz.subject.sans'), result.sans.map(displayName).join(', ')],
              [t('wiz.csr.keySize'), `RSA ${t('wiz.name.bits', { n: answers.keySize })}`],
              [t('wiz.csr.signature'), 'sha256WithRSAEncryption'],
              [t('wiz.csr.fingerprint'), <code key="fp">{result.publicKeySha256}</code>],
            ]}
          />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
              {t('wiz.csr.pem')}
            </Typography>
            <Button variant="outlined" onClick={copy} data-testid="copy-csr">
              {t('wiz.csr.copy')}
            </Button>
            {desktop && (
              <Button variant="outlined" onClick={() => void client.call('desktop.showItemInFolder', { path: result.out })}>
                {t('wiz.csr.openFolder')}
              </Button>
            )}
          </Box>
          <Box
            component="pre"
            data-testid="csr-pem"
            tabIndex={0}
            sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, maxHeight: 260, overflow: 'auto' }}
          >
            {result.csrPem}
          </Box>
          <Snackbar open={copied !== null} autoHideDuration={3000} onClose={() => setCopied(null)} message={copied} />
        </>
      );
    }

    case 'next':
      return (
        <>
          {run.status === 'done' && <Intro>{t('wiz.next.file', { path: run.result.out })}</Intro>}
          <Box component="ol" sx={{ m: 0, pl: 3, display: 'grid', gap: 1.5 }}>
            <li>
              <Typography>{t('wiz.next.submit')}</Typography>
            </li>
            {(['wiz.next.import', 'wiz.next.assign', 'wiz.next.restart'] as const).map((key) => (
              <li key={key}>
                <Typography>{t(key)}</Typography>
              </li>
            ))}
            <Typography component="li" variant="body2" color="text.secondary" sx={{ listStyle: 'none' }}>
              {t('wiz.next.where')}
            </Typography>
          </Box>
        </>
      );
  }
}
