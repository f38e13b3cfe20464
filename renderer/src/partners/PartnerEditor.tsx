import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { normalizeDnsName, toUnicodeName } from '../../../shared/domain/dns-name';
import {
  defaultPartner,
  findConflicts,
  negotiationValues,
  negotiationVerdict,
  ownDomainIssues,
  partnerInputSchema,
  partnerTypes,
  type Partner,
} from '../../../shared/partners/partner';
import { toFieldIssues } from '../../../shared/rpc/issues';
import { RpcError, type FieldIssue } from '../../../shared/rpc/protocol';
import { useRpc } from '../AppContext';
import type { Topology } from '../../../shared/domain/topology';
import { isMessageKey, useI18n } from '../i18n/i18n';
import { errorText, issueText } from '../i18n/issue-text';

interface Props {
  /** The partner being edited, or null for a new one. */
  editing: Partner | null;
  others: Partner[];
  onClose: (saved?: Partner) => void;
}

interface Form extends Omit<Partner, 'domain' | 'additionalDomains'> {
  domain: string;
  additionalDomains: string[];
}

export function PartnerEditor({ editing, others, onClose }: Props) {
  const { t } = useI18n();
  const client = useRpc();
  const [form, setForm] = useState<Form>(() =>
    editing
      ? { ...editing, domain: toUnicodeName(editing.domain), additionalDomains: editing.additionalDomains.map(toUnicodeName) }
      : // Lync's own defaults (TLS and SASL required, dialback on) draw its matrix's dialback warning: start clean.
        { ...defaultPartner, supportDialbackNegotiation: false, domain: '' },
  );
  const [own, setOwn] = useState<Topology | null>(null);
  useEffect(() => {
    let live = true;
    client.call('topology.get', {}).then(
      (topology) => live && setOwn(topology),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client]);
  const [newDomain, setNewDomain] = useState('');
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [touched, setTouched] = useState(false);
  const set = (patch: Partial<Form>) => {
    setForm((current) => ({ ...current, ...patch }));
    setServerIssues([]);
  };

  const verdict = negotiationVerdict(form.tlsNegotiation, form.saslNegotiation, form.supportDialbackNegotiation);
  const localIssues = useMemo(() => {
    const parsed = partnerInputSchema.safeParse(form);
    if (!parsed.success) return toFieldIssues(parsed.error);
    const list = [...others, parsed.data];
    const conflicts: FieldIssue[] = findConflicts(list)
      .filter((conflict) => conflict.index === list.length - 1)
      .map((conflict) => ({ path: conflict.path, reason: conflict.reason, message: conflict.message, params: conflict.params }));
    return [...ownDomainIssues(parsed.data, own), ...conflicts];
  }, [form, others, own]);
  const issues = [...localIssues, ...serverIssues];
  const issueAt = (path: string) => {
    const issue = issues.find((i) => i.path.join('.') === path);
    if (!issue || (!touched && path === 'domain' && form.domain === '')) return undefined;
    return issueText(t, issue);
  };
  const blocked = verdict.level === 'invalid' || localIssues.length > 0;
  const verdictKey = verdict.level === 'clean' ? '' : `reason.${verdict.reason}`;
  const verdictText = verdict.level === 'clean' ? '' : isMessageKey(verdictKey) ? t(verdictKey) : verdict.message;

  const addDomain = () => {
    if (newDomain.trim() === '') return;
    set({ additionalDomains: [...form.additionalDomains, newDomain.trim()] });
    setNewDomain('');
  };

  const commit = async () => {
    setTouched(true);
    if (blocked) return;
    setSaving(true);
    try {
      const list = await client.call('partners.commit', { partner: form, replacing: editing?.domain });
      const normalized = normalizeDnsName(form.domain);
      onClose(list.find((p) => normalized.ok && p.domain === normalized.ascii));
    } catch (error) {
      if (error instanceof RpcError && error.issues.length > 0) setServerIssues(error.issues.map((i) => ({ ...i, path: i.path.slice(1) })));
      else setServerIssues([{ path: [], reason: 'internal', message: errorText(t, error) }]);
    } finally {
      setSaving(false);
    }
  };

  const general = serverIssues.filter((i) => i.path.length === 0);
  return (
    <Dialog open onClose={() => onClose()} maxWidth="sm" fullWidth aria-labelledby="partner-editor-title">
      <DialogTitle id="partner-editor-title">{t(editing ? 'partners.editor.edit' : 'partners.editor.new')}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        <TextField
          label={t('partners.field.domain')}
          value={form.domain}
          required
          autoFocus
          onChange={(event) => set({ domain: event.target.value })}
          onBlur={() => setTouched(true)}
          error={Boolean(issueAt('domain'))}
          helperText={issueAt('domain') ?? t('partners.field.domain.help')}
          slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'partner-domain' } }}
        />
        <TextField
          label={t('partners.field.description')}
          value={form.description}
          onChange={(event) => set({ description: event.target.value })}
          multiline
          minRows={1}
          slotProps={{ htmlInput: { 'data-testid': 'partner-description', maxLength: 1024 } }}
        />
        <Box>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <TextField
              label={t('partners.field.additionalDomain')}
              value={newDomain}
              onChange={(event) => setNewDomain(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addDomain();
                }
              }}
              helperText={t('partners.field.additionalDomains.help')}
              slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'partner-additional' } }}
            />
            <Button variant="outlined" onClick={addDomain} disabled={newDomain.trim() === ''} sx={{ mt: 0.25 }}>
              {t('partners.field.add')}
            </Button>
          </Box>
          <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 1 }} aria-label={t('partners.field.additionalDomains')}>
            {form.additionalDomains.map((name, i) => (
              <Chip
                key={`${name}-${i}`}
                label={name}
                color={issueAt(`additionalDomains.${i}`) ? 'error' : 'default'}
                onDelete={() => set({ additionalDomains: form.additionalDomains.filter((_, j) => j !== i) })}
                slotProps={{ root: { 'aria-label': t('partners.field.remove', { name }) } as object }}
              />
            ))}
          </Box>
          {/* The reasons go under the chips: a sentence inside a chip would push the dialog wider than the window. */}
          {form.additionalDomains.map((name, i) => {
            const problem = issueAt(`additionalDomains.${i}`);
            return (
              problem && (
                <FormHelperText key={`${name}-${i}`} error data-testid="partner-additional-problem">
                  {problem}
                </FormHelperText>
              )
            );
          })}
        </Box>
        <TextField
          select
          label={t('partners.field.partnerType')}
          value={form.partnerType}
          onChange={(event) => set({ partnerType: event.target.value as Form['partnerType'] })}
          helperText={t(`partners.type.${form.partnerType}.help`)}
        >
          {partnerTypes.map((type) => (
            <MenuItem key={type} value={type}>
              {t(`partners.type.${type}`)}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
          {(['tlsNegotiation', 'saslNegotiation'] as const).map((field) => (
            <TextField
              key={field}
              select
              label={t(field === 'tlsNegotiation' ? 'partners.field.tls' : 'partners.field.sasl')}
              value={form[field]}
              onChange={(event) => set({ [field]: event.target.value })}
              error={verdict.level === 'invalid' && verdict.field === field}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': `partner-${field}` } as object } }}
            >
              {negotiationValues.map((value) => (
                <MenuItem key={value} value={value}>
                  {t(`partners.negotiation.${value}`)}
                </MenuItem>
              ))}
            </TextField>
          ))}
        </Box>
        <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
          <FormControlLabel
            control={
              <Switch
                checked={form.supportDialbackNegotiation}
                onChange={(event) => set({ supportDialbackNegotiation: event.target.checked })}
              />
            }
            label={t('partners.field.dialback')}
            data-testid="partner-dialback"
          />
          <FormControlLabel
            control={<Switch checked={form.enableKeepAlive} onChange={(event) => set({ enableKeepAlive: event.target.checked })} />}
            label={t('partners.field.keepAlive')}
          />
        </Box>
        {!editing && (
          <Alert severity="info" data-testid="partner-defaults">
            {t('partners.editor.defaults')}
          </Alert>
        )}
        {verdict.level !== 'clean' && (
          <Alert severity={verdict.level === 'invalid' ? 'error' : 'warning'} data-testid="partner-verdict" id="partner-verdict">
            {verdictText}
          </Alert>
        )}
        {general.map((issue) => (
          <Alert key={issue.message} severity="error">
            {issueText(t, issue)}
          </Alert>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>{t('partners.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => void commit()}
          disabled={saving || blocked}
          aria-describedby={verdict.level === 'invalid' ? 'partner-verdict' : undefined}
          data-testid="partner-commit"
        >
          {t('partners.commit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
