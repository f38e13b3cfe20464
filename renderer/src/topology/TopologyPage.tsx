import { useMemo, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { normalizeDnsName, toUnicodeName } from '../../../shared/domain/dns-name';
import { topologyInputSchema, type Topology, type TopologyInput } from '../../../shared/domain/topology';
import { issuesUnder, toFieldIssues } from '../../../shared/rpc/issues';
import { RpcError, type FieldIssue } from '../../../shared/rpc/protocol';
import { useRpc } from '../AppContext';
import { isMessageKey, useI18n, type Translate } from '../i18n/i18n';
import { errorText } from '../i18n/issue-text';
import { PageHeader } from '../components/PageHeader';

interface TopologyForm {
  sipDomains: string[];
  accessEdgeFqdn: string;
  webConferencingEdgeFqdn: string;
  audioVideoEdgeFqdn: string;
  internalEdgeFqdn: string;
  xmppDomains: string[];
  edgePoolSize: string;
}

function toForm(topology: Topology | null): TopologyForm {
  return {
    sipDomains: topology ? topology.sipDomains.map(toUnicodeName) : [''],
    accessEdgeFqdn: topology ? toUnicodeName(topology.accessEdgeFqdn) : '',
    webConferencingEdgeFqdn: topology?.webConferencingEdgeFqdn ? toUnicodeName(topology.webConferencingEdgeFqdn) : '',
    audioVideoEdgeFqdn: topology?.audioVideoEdgeFqdn ? toUnicodeName(topology.audioVideoEdgeFqdn) : '',
    internalEdgeFqdn: topology ? toUnicodeName(topology.internalEdgeFqdn) : '',
    xmppDomains: topology ? topology.xmppDomains.map(toUnicodeName) : [],
    edgePoolSize: String(topology?.edgePoolSize ?? 1),
  };
}

function toInput(form: TopologyForm): TopologyInput {
  const pool = form.edgePoolSize.trim();
  return {
    sipDomains: form.sipDomains,
    accessEdgeFqdn: form.accessEdgeFqdn,
    webConferencingEdgeFqdn: form.webConferencingEdgeFqdn,
    audioVideoEdgeFqdn: form.audioVideoEdgeFqdn,
    internalEdgeFqdn: form.internalEdgeFqdn,
    xmppDomains: form.xmppDomains,
    edgePoolSize: /^\d+$/.test(pool) ? Number(pool) : Number.NaN,
  };
}

/** A rule's own reason is said as it is; a bare schema check gives way to the field's own reason, which says more. */
function issueText(t: Translate, issue: FieldIssue | undefined, fallbackReason?: string): string | undefined {
  if (!issue) return undefined;
  const key = `reason.${issue.reason}`;
  if (isMessageKey(key) && !issue.reason.startsWith('schema.')) return t(key, issue.params);
  const fallback = fallbackReason ? `reason.${fallbackReason}` : '';
  if (isMessageKey(fallback)) return t(fallback);
  return isMessageKey(key) ? t(key, issue.params) : issue.message;
}

export function TopologyPage({
  topology,
  onSaved,
  onBack,
}: {
  topology: Topology | null;
  onSaved: (t: Topology) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const client = useRpc();
  const [saved, setSaved] = useState<TopologyForm>(() => toForm(topology));
  const [form, setForm] = useState<TopologyForm>(saved);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);

  const localIssues = useMemo(() => {
    const result = topologyInputSchema.safeParse(toInput(form));
    return result.success ? [] : toFieldIssues(result.error);
  }, [form]);
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  // Back with unsaved changes asks first; nothing typed is lost by a stray click.
  const leave = () => (dirty ? setConfirmLeave(true) : onBack());

  const issueFor = (path: string): FieldIssue | undefined => {
    if (!submitted && !touched.has(path)) return undefined;
    const match = (issue: FieldIssue) => issue.path.join('.') === path;
    return localIssues.find(match) ?? serverIssues.find(match);
  };

  const update = (patch: Partial<TopologyForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setServerIssues([]);
  };
  const touch = (path: string) => setTouched((current) => new Set(current).add(path));

  const storedAsHelp = (value: string): string | undefined => {
    const result = normalizeDnsName(value);
    return result.ok && result.ascii !== value.trim().toLowerCase() ? t('topology.storedAs', { ascii: result.ascii }) : undefined;
  };

  const nameField = (key: 'accessEdgeFqdn' | 'webConferencingEdgeFqdn' | 'audioVideoEdgeFqdn' | 'internalEdgeFqdn', required: boolean) => {
    const error = issueText(t, issueFor(key));
    return (
      <TextField
        id={`topology-${key}`}
        name={key}
        label={t(`topology.${key}`)}
        value={form[key]}
        required={required}
        onChange={(event) => update({ [key]: event.target.value })}
        onBlur={() => touch(key)}
        error={Boolean(error)}
        helperText={error ?? storedAsHelp(form[key]) ?? t(`topology.${key}.help`)}
        autoComplete="off"
        slotProps={{ htmlInput: { spellCheck: false, 'data-testid': `field-${key}` } }}
      />
    );
  };

  const domainList = (key: 'sipDomains' | 'xmppDomains') => {
    const values = form[key];
    const isSip = key === 'sipDomains';
    return (
      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, display: 'grid', gap: 1.5 }}>
        <Typography component="legend" variant="subtitle2" sx={{ mb: 0.5 }}>
          {t(isSip ? 'topology.sipDomains' : 'topology.xmppDomains')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t(isSip ? 'topology.sipDomains.help' : 'topology.xmppDomains.help')}
        </Typography>
        {!isSip && values.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
            {t('topology.noXmppDomains')}
          </Typography>
        )}
        {values.map((value, index) => {
          const path = `${key}.${index}`;
          const error = issueText(t, issueFor(path));
          const label = t(isSip ? 'topology.sipDomain' : 'topology.xmppDomain', { n: index + 1 });
          return (
            <Box key={index} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
              <TextField
                label={label}
                value={value}
                required={isSip && index === 0}
                onChange={(event) => update({ [key]: values.map((v, i) => (i === index ? event.target.value : v)) })}
                onBlur={() => touch(path)}
                error={Boolean(error)}
                helperText={error ?? storedAsHelp(value) ?? ' '}
                autoComplete="off"
                slotProps={{
                  htmlInput: { spellCheck: false, 'data-testid': `field-${path}` },
                  input: isSip && index === 0 ? { endAdornment: <Chip size="small" label={t('topology.defaultDomain')} /> } : undefined,
                }}
              />
              <IconButton
                aria-label={t('topology.removeDomain', { name: value || label })}
                disabled={isSip && values.length === 1}
                onClick={() => update({ [key]: values.filter((_, i) => i !== index) })}
                sx={{ mt: 0.25 }}
              >
                <DeleteOutlineIcon />
              </IconButton>
            </Box>
          );
        })}
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => update({ [key]: [...values, ''] })} data-testid={`add-${key}`}>
            {t(isSip ? 'topology.addSipDomain' : 'topology.addXmppDomain')}
          </Button>
        </Box>
      </Box>
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (localIssues.length > 0) {
      setFailure(t('topology.fixErrors'));
      return;
    }
    setSaving(true);
    try {
      const result = await client.call('topology.set', { topology: toInput(form) });
      const next = toForm(result);
      setSaved(next);
      setForm(next);
      onSaved(result);
      setNotice(t('topology.saved'));
    } catch (error) {
      if (error instanceof RpcError && error.code === 'invalid-arguments') {
        setServerIssues(issuesUnder(error.issues, ['topology']));
        setFailure(t('topology.fixErrors'));
      } else {
        setFailure(errorText(t, error));
      }
    } finally {
      setSaving(false);
    }
  };

  const poolError = issueText(t, issueFor('edgePoolSize'), 'topology.pool-size');

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => void submit(event)}
      sx={{ display: 'grid', gap: 2 }}
      aria-labelledby="topology-title"
    >
      <PageHeader
        id="topology-title"
        title={t('topology.title')}
        intro={t('topology.intro')}
        onBack={leave}
        extra={dirty && <Chip label={t('topology.unsaved')} color="warning" variant="outlined" size="small" />}
      />
      {failure && (
        <Alert severity="error" role="alert" data-testid="topology-error">
          {failure}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: 3, display: 'grid', gap: 3 }}>
        {domainList('sipDomains')}
        <Box sx={{ display: 'grid', gap: 2.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
          {nameField('accessEdgeFqdn', true)}
          {nameField('internalEdgeFqdn', true)}
          {nameField('webConferencingEdgeFqdn', false)}
          {nameField('audioVideoEdgeFqdn', false)}
        </Box>
        {domainList('xmppDomains')}
        <TextField
          id="topology-edgePoolSize"
          label={t('topology.edgePoolSize')}
          value={form.edgePoolSize}
          onChange={(event) => update({ edgePoolSize: event.target.value })}
          onBlur={() => touch('edgePoolSize')}
          error={Boolean(poolError)}
          helperText={poolError ?? t('topology.edgePoolSize.help')}
          sx={{ maxWidth: 240 }}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'field-edgePoolSize' } }}
        />
      </Paper>
      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
        <Button onClick={leave} data-testid="topology-back">
          {t('app.back')}
        </Button>
        <Button type="submit" variant="contained" disabled={saving} data-testid="save-topology">
          {saving ? t('topology.saving') : t('topology.save')}
        </Button>
      </Box>
      <Dialog
        open={confirmLeave}
        onClose={() => setConfirmLeave(false)}
        aria-labelledby="topology-leave-title"
        data-testid="topology-leave"
      >
        <DialogTitle id="topology-leave-title">{t('topology.leave.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('topology.leave.text')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmLeave(false)} autoFocus data-testid="topology-leave-stay">
            {t('topology.leave.stay')}
          </Button>
          <Button color="error" onClick={onBack} data-testid="topology-leave-discard">
            {t('topology.leave.discard')}
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice} />
    </Box>
  );
}
