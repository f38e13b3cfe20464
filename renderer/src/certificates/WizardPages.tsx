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
import { countryCodes, displayName, formatSubject, keySizes, requestStages, type SavePathCheck } from '../../../shared/certificates';
import { normalizeDnsName, toUnicodeName } from '../../../shared/domain/dns-name';
import type { Topology } from '../../../shared/domain/topology';
import { DeliveryChoice } from '../acme/DeliveryChoice';
import { RunLog } from '../components/RunLog';
import { HostContext, useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { findingText } from './lint-text';
import { savePathText, type Evaluation, type RunState } from './RequestWizard';
import { withCertificateType, type WizardAnswers, type WizardPage } from './wizard-model';

interface PageProps {
  page: WizardPage;
  answers: WizardAnswers;
  setAnswers: Dispatch<SetStateAction<WizardAnswers>>;
  topology: Topology;
  documents: string;
  evaluation: Evaluation;
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

function Findings({ evaluation }: { evaluation: Evaluation }) {
  const { t, locale } = useI18n();
  if (evaluation.invalid.length > 0) {
    return (
      <Box sx={{ display: 'grid', gap: 1 }} data-testid="findings">
        {evaluation.invalid.map((text) => (
          <Alert key={text} severity="error">
            {text}
          </Alert>
        ))}
      </Box>
    );
  }
  if (evaluation.findings.length === 0) return <Alert severity="success" data-testid="findings">{t('wiz.summary.clean')}</Alert>;
  return (
    <Box sx={{ display: 'grid', gap: 1 }} data-testid="findings">
      {evaluation.findings.map((finding, i) => (
        <Alert key={`${finding.id}-${i}`} severity={finding.severity} data-lint-id={finding.id}>
          <strong>{t(finding.severity === 'error' ? 'severity.error' : 'severity.warning')}</strong> ({finding.id}) — {findingText(finding, locale, t)}
        </Alert>
      ))}
    </Box>
  );
}

function SanList({ evaluation }: { evaluation: Evaluation }) {
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="san-list">
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
  const [newSan, setNewSan] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const regionNames = useMemo(() => new Intl.DisplayNames([locale], { type: 'region' }), [locale]);
  const countryOptions = useMemo(
    () => [...countryCodes].map((code) => ({ code, label: regionNames.of(code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, locale)),
    [regionNames, locale],
  );

  switch (page) {
    case 'type':
      return (
        <>
          <Intro>{t('wiz.type.intro')}</Intro>
          <RadioGroup
            value={answers.certificateType}
            onChange={(event) => setAnswers((current) => withCertificateType(current, event.target.value as WizardAnswers['certificateType'], topology, documents))}
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
            helperText={pathCheck === 'checking' ? t('wiz.file.checking') : pathCheck.ok ? t('wiz.file.ok') : exists ? t('wiz.file.exists') : savePathText(pathCheck, locale, t) || ' '}
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
            helperText={t('wiz.name.friendlyName.help')}
            autoFocus
            slotProps={{ htmlInput: { 'data-testid': 'field-friendlyName', maxLength: 256 } }}
          />
          <TextField
            select
            label={t('wiz.name.bitLength')}
            value={answers.keySize}
            onChange={(event) => set({ keySize: Number(event.target.value) as WizardAnswers['keySize'] })}
            helperText={answers.keySize < 2048 ? t('wiz.name.weak') : ' '}
            error={answers.keySize < 2048}
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
            helperText={t('wiz.org.organization.help')}
            autoFocus
            slotProps={{ htmlInput: { 'data-testid': 'field-organization' } }}
          />
          <TextField
            label={t('wiz.org.unit')}
            value={answers.organizationalUnit}
            onChange={(event) => set({ organizationalUnit: event.target.value })}
            helperText={t('wiz.org.unit.help')}
            slotProps={{ htmlInput: { 'data-testid': 'field-organizationalUnit' } }}
          />
        </>
      );

    case 'geo': {
      const selected = countryOptions.find((option) => option.code === answers.country) ?? null;
      return (
        <>
          <Intro>{t('wiz.geo.intro')}</Intro>
          <Autocomplete
            options={countryOptions}
            value={selected}
            onChange={(_event, option) => set({ country: option?.code ?? '' })}
            getOptionLabel={(option) => `${option.label} (${option.code})`}
            isOptionEqualToValue={(a, b) => a.code === b.code}
            autoHighlight
            sx={{ maxWidth: 420 }}
            renderInput={(params) => (
              <TextField {...params} label={t('wiz.geo.country')} required slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'field-country' } }} />
            )}
          />
          <TextField
            label={t('wiz.geo.state')}
            value={answers.state}
            required
            onChange={(event) => set({ state: event.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'field-state' } }}
          />
          <TextField
            label={t('wiz.geo.city')}
            value={answers.city}
            required
            onChange={(event) => set({ city: event.target.value })}
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
                      set({ sipDomainSans: event.target.checked ? topology.sipDomains.filter((d) => d === domain || answers.sipDomainSans.includes(d)) : answers.sipDomainSans.filter((d) => d !== domain) })
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
      const asAscii = (name: string) => {
        const result = normalizeDnsName(name, { allowWildcard: true, requireDot: false });
        return result.ok ? result.ascii : name.trim().toLowerCase();
      };
      const duplicate = newSan.trim() !== '' && answers.sans.some((name) => asAscii(name) === asAscii(newSan));
      const add = () => {
        if (newSan.trim() === '' || duplicate) return;
        set({ sans: [...answers.sans, newSan.trim()] });
        setNewSan('');
      };
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
              error={duplicate}
              helperText={duplicate ? t('wiz.sans.duplicate') : ' '}
              slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'field-new-san' } }}
            />
            <Button variant="outlined" onClick={add} disabled={newSan.trim() === '' || duplicate} sx={{ mt: 0.25 }} data-testid="add-san">
              {t('wiz.sans.add')}
            </Button>
            <Button onClick={() => set({ sans: [] })} disabled={answers.sans.length === 0} sx={{ mt: 0.25 }} data-testid="clear-sans">
              {t('wiz.sans.clear')}
            </Button>
          </Box>
          {answers.sans.length === 0 ? (
            <Typography color="text.secondary" sx={{ fontStyle: 'italic' }}>
              {t('wiz.sans.empty')}
            </Typography>
          ) : (
            <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.5 }} data-testid="additional-sans">
              {answers.sans.map((name, i) => (
                <Box component="li" key={`${name}-${i}`} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <Typography sx={{ flex: 1 }}>{name}</Typography>
                  {xmpp.has(asAscii(name)) && <Chip size="small" label={t('wiz.sans.xmpp')} />}
                  <IconButton aria-label={t('wiz.sans.remove', { name })} onClick={() => set({ sans: answers.sans.filter((_, j) => j !== i) })}>
                    <DeleteOutlinedIcon />
                  </IconButton>
                </Box>
              ))}
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
                    <Typography component="li" key={stage} color={reached ? 'text.primary' : 'text.disabled'} sx={{ fontWeight: stage === current.stage ? 600 : 400 }}>
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
          <Box component="pre" data-testid="csr-pem" tabIndex={0} sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, maxHeight: 260, overflow: 'auto' }}>
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
