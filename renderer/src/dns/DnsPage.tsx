import { Fragment, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Switch from '@mui/material/Switch';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import {
  dnsFormats,
  dnsSettingsSchema,
  XMPP_S2S_PORT,
  type DnsFormat,
  type DnsSettings,
  type FederationProbe,
  type VerifiedRecord,
} from '../../../shared/dns/records';
import { renderProblem } from '../../../shared/acme/messages';
import type { RolloverStatus } from '../../../shared/dns/rollover';
import { toUnicodeName } from '../../../shared/domain/dns-name';
import type { Topology } from '../../../shared/domain/topology';
import { useRpc } from '../AppContext';
import { downloadText } from '../download';
import { useI18n } from '../i18n/i18n';
import { errorText, issueText } from '../i18n/issue-text';
import { PageHeader } from '../components/PageHeader';

type Records = { text: string; fileName: string; target: string };

/** Home step 5: the SRV records federation needs, in the admin's DNS format, and their check. */
export function DnsPage({ topology, onBack }: { topology: Topology; onBack: () => void }) {
  const { t, locale } = useI18n();
  const client = useRpc();
  const [format, setFormat] = useState<DnsFormat>('zone');
  const [records, setRecords] = useState<Records | null>(null);
  const [settings, setSettings] = useState<DnsSettings | null>(null);
  const [draft, setDraft] = useState<Record<Exclude<keyof DnsSettings, 'tlsa'>, string> | null>(null);
  const [server, setServer] = useState('');
  const [verifying, setVerifying] = useState(false);
  const [results, setResults] = useState<VerifiedRecord[] | null>(null);
  // Which key the TLSA records were checked against, and a DANE key rollover under way.
  const [tlsaKey, setTlsaKey] = useState<{ source: 'gateway' | 'assigned'; address: string | null } | null>(null);
  const [rollover, setRollover] = useState<RolloverStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Each check keeps its own outcome next to its own button: one does not clear the other's.
  const [verifyFailure, setVerifyFailure] = useState<string | null>(null);
  const [probeFailure, setProbeFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [probeDomain, setProbeDomain] = useState(topology.xmppDomains[0] ? toUnicodeName(topology.xmppDomains[0]) : '');
  const [probing, setProbing] = useState(false);
  const [probe, setProbe] = useState<FederationProbe | null>(null);
  // The path shows the port the gateway really listens on, as the SRV records publish it.
  const [s2sPort, setS2sPort] = useState(XMPP_S2S_PORT);

  useEffect(() => {
    void client.call('gateway.settings.get', {}).then((gateway) => setS2sPort(gateway.s2sPort));
  }, [client]);

  const loadRollover = () =>
    client.call('acme.status', {}).then(
      (status) => setRollover(status.rollover),
      () => setRollover(null),
    );
  useEffect(() => {
    void loadRollover();
  }, [client]);

  useEffect(() => {
    void client.call('dns.settings.get', {}).then((saved) => {
      setSettings(saved);
      setDraft({
        ttl: String(saved.ttl),
        priority: String(saved.priority),
        weight: String(saved.weight),
        publicIpv4: saved.publicIpv4,
        publicIpv6: saved.publicIpv6,
      });
    });
  }, [client]);

  useEffect(() => {
    client
      .call('dns.records', { format })
      .then(setRecords)
      .catch((error: unknown) => setFailure(errorText(t, error)));
  }, [client, format, settings, topology, t]);

  const parsedDraft = draft
    ? dnsSettingsSchema.safeParse({
        ...draft,
        ttl: Number(draft.ttl),
        priority: Number(draft.priority),
        weight: Number(draft.weight),
        tlsa: settings?.tlsa ?? false,
      })
    : null;
  // The schema's own sentences are English (and zod's for the numbers): say each field's rule from the catalog.
  const draftError = (field: Exclude<keyof DnsSettings, 'tlsa'>) =>
    parsedDraft?.error?.issues.some((issue) => issue.path[0] === field) ? t(`dns.invalid.${field}`) : undefined;

  const saveSettings = async () => {
    if (!parsedDraft?.success) return;
    setSettings(await client.call('dns.settings.set', { settings: parsedDraft.data }));
    setNotice(t('dns.saved'));
  };

  // DANE is saved as soon as it is switched: the records below follow at once.
  const setTlsa = async (tlsa: boolean) => {
    if (!settings) return;
    setFailure(null);
    try {
      setSettings(await client.call('dns.settings.set', { settings: { ...settings, tlsa } }));
    } catch (error) {
      setFailure(errorText(t, error));
    }
  };

  const verify = async () => {
    setVerifying(true);
    setVerifyFailure(null);
    try {
      const { records: checked, tlsaKey: key } = await client.call('dns.verify', server.trim() ? { server: server.trim() } : {});
      setResults(checked);
      setTlsaKey(key);
      void loadRollover();
    } catch (error) {
      setResults(null);
      setVerifyFailure(errorText(t, error));
    } finally {
      setVerifying(false);
    }
  };

  const runProbe = async () => {
    setProbing(true);
    setProbeFailure(null);
    try {
      setProbe(await client.call('dns.probe', server.trim() ? { domain: probeDomain, server: server.trim() } : { domain: probeDomain }));
    } catch (error) {
      setProbe(null);
      setProbeFailure(errorText(t, error));
    } finally {
      setProbing(false);
    }
  };

  const copy = () => {
    if (!records) return;
    navigator.clipboard.writeText(records.text).then(
      () => setNotice(t('dns.copied')),
      () => setNotice(t('dns.copyFailed')),
    );
  };

  const firstDomain = topology.xmppDomains[0];
  const problems = results?.filter((r) => r.status !== 'ok') ?? [];
  const pathSteps = firstDomain
    ? [
        t('dns.path.partner'),
        t('dns.path.srv', { name: `_xmpp-server._tcp.${toUnicodeName(firstDomain)}` }),
        t('dns.path.edge', { target: toUnicodeName(topology.accessEdgeFqdn), port: s2sPort }),
        t('dns.path.gateway'),
      ]
    : [];

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <PageHeader title={t('dns.title')} intro={t('dns.intro')} onBack={onBack} />
      {failure && <Alert severity="error">{failure}</Alert>}

      {pathSteps.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2 }} aria-label={t('dns.path')}>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            {t('dns.path')}
          </Typography>
          <Box
            component="ol"
            sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}
            data-testid="dns-path"
          >
            {pathSteps.map((step, i) => (
              <Fragment key={step}>
                {i > 0 && <ArrowForwardIcon fontSize="small" color="action" aria-hidden />}
                <Box
                  component="li"
                  sx={{
                    px: 1.5,
                    py: 0.75,
                    borderRadius: 1,
                    border: 1,
                    borderColor: 'divider',
                    bgcolor: i === 1 ? 'action.selected' : 'background.paper',
                    fontSize: 14,
                    fontFamily: i === 1 || i === 2 ? 'monospace' : undefined,
                  }}
                >
                  {step}
                </Box>
              </Fragment>
            ))}
          </Box>
        </Paper>
      )}

      <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }}>
        <Tabs value={format} onChange={(_e, value: DnsFormat) => setFormat(value)} aria-label={t('dns.title')}>
          {dnsFormats.map((f) => (
            <Tab key={f} value={f} label={t(`dns.format.${f}`)} data-testid={`dns-format-${f}`} />
          ))}
        </Tabs>
        {/* The file itself stays in English (it is read by DNS tools and is the same from the CLI); its note is said here. */}
        {records && settings && !settings.publicIpv4 && !settings.publicIpv6 && (
          <Alert severity="info" data-testid="dns-address-needed">
            {t('dns.records.addressNeeded', { target: records.target })}
          </Alert>
        )}
        <Box
          component="pre"
          tabIndex={0}
          data-testid="dns-records"
          sx={{ m: 0, p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}
        >
          {records?.text ?? ''}
        </Box>
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button variant="outlined" onClick={copy} disabled={!records}>
            {t('dns.copy')}
          </Button>
          <Button variant="outlined" onClick={() => records && downloadText(records.text, records.fileName)} disabled={!records}>
            {t('dns.save')}
          </Button>
        </Box>
      </Paper>

      {draft && (
        <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {t('dns.settings')}
          </Typography>
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' } }}>
            {(['ttl', 'priority', 'weight'] as const).map((field) => (
              <TextField
                key={field}
                label={t(`dns.${field}`)}
                value={draft[field]}
                onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
                error={Boolean(draftError(field))}
                helperText={draftError(field) ?? ' '}
                slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': `dns-${field}` } }}
              />
            ))}
          </Box>
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
            <TextField
              label={t('dns.ipv4')}
              value={draft.publicIpv4}
              onChange={(e) => setDraft({ ...draft, publicIpv4: e.target.value.trim() })}
              error={Boolean(draftError('publicIpv4'))}
              helperText={draftError('publicIpv4') ?? ' '}
            />
            <TextField
              label={t('dns.ipv6')}
              value={draft.publicIpv6}
              onChange={(e) => setDraft({ ...draft, publicIpv6: e.target.value.trim() })}
              error={Boolean(draftError('publicIpv6'))}
              helperText={draftError('publicIpv6') ?? ' '}
            />
          </Box>
          <FormControlLabel
            control={
              <Switch
                checked={settings?.tlsa ?? false}
                onChange={(e) => void setTlsa(e.target.checked)}
                slotProps={{ input: { 'aria-describedby': 'dns-tlsa-help' } }}
              />
            }
            label={t('dns.tlsa')}
            data-testid="dns-tlsa"
          />
          <Typography id="dns-tlsa-help" variant="body2" color="text.secondary" sx={{ mt: -1 }}>
            {t('dns.tlsa.help')}
          </Typography>
          {rollover && (
            <Alert severity="info" data-testid="dns-rollover">
              {renderProblem(rollover.waiting, locale)}
            </Alert>
          )}
          <Box>
            <Button variant="outlined" onClick={() => void saveSettings()} disabled={!parsedDraft?.success}>
              {t('dns.saveSettings')}
            </Button>
          </Box>
        </Paper>
      )}

      <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t('dns.verify')}
        </Typography>
        <Box
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            void verify();
          }}
          sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
        >
          <TextField
            label={t('dns.verify.server')}
            value={server}
            onChange={(e) => setServer(e.target.value)}
            helperText={t('dns.verify.server.help')}
            sx={{ maxWidth: 360 }}
            slotProps={{ htmlInput: { 'data-testid': 'dns-server', spellCheck: false } }}
          />
          <Button type="submit" variant="contained" disabled={verifying} sx={{ mt: 0.25 }} data-testid="dns-verify">
            {verifying ? t('dns.verify.running') : t('dns.verify.run')}
          </Button>
        </Box>
        {verifyFailure && (
          <Alert severity="error" data-testid="dns-verify-error">
            {verifyFailure}
          </Alert>
        )}
        {results && (
          <>
            <Alert severity={problems.length ? 'warning' : 'success'} data-testid="dns-summary">
              {problems.length ? t('dns.verify.problems', { count: problems.length }) : t('dns.verify.allOk')}
            </Alert>
            {tlsaKey && (
              <Typography variant="body2" color="text.secondary" data-testid="dns-tlsa-key">
                {tlsaKey.source === 'gateway'
                  ? t('dns.verify.key.gateway', { address: tlsaKey.address ?? '' })
                  : t('dns.verify.key.assigned')}
              </Typography>
            )}
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="dns-results">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('dns.col.name')}</TableCell>
                    <TableCell>{t('dns.col.type')}</TableCell>
                    <TableCell>{t('dns.col.status')}</TableCell>
                    <TableCell>{t('dns.col.expected')}</TableCell>
                    <TableCell>{t('dns.col.found')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {results.map((r) => (
                    <TableRow key={`${r.type}-${r.name}`} data-status={r.status}>
                      <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{r.name}</TableCell>
                      <TableCell>{r.type}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          label={t(`dns.status.${r.status}`)}
                          color={r.status === 'ok' ? 'success' : 'error'}
                          variant={r.status === 'ok' ? 'outlined' : 'filled'}
                        />
                      </TableCell>
                      <TableCell sx={{ fontFamily: r.expectedReason ? undefined : 'monospace', wordBreak: 'break-word' }}>
                        {r.expectedReason
                          ? issueText(t, { reason: r.expectedReason, params: { domain: r.name }, message: r.expected })
                          : r.expected}
                      </TableCell>
                      <TableCell sx={{ fontFamily: r.foundReason ? undefined : 'monospace', wordBreak: 'break-word' }}>
                        {r.foundReason ? issueText(t, { reason: r.foundReason, params: { domain: r.name }, message: r.found }) : r.found}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </>
        )}
      </Paper>
      <Paper variant="outlined" sx={{ p: 2, display: 'grid', gap: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t('dns.probe')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('dns.probe.intro')}
        </Typography>
        <Box
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            void runProbe();
          }}
          sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
        >
          <TextField
            label={t('dns.probe.domain')}
            value={probeDomain}
            onChange={(e) => setProbeDomain(e.target.value)}
            sx={{ maxWidth: 360 }}
            slotProps={{ htmlInput: { 'data-testid': 'dns-probe-domain', spellCheck: false } }}
          />
          <Button
            type="submit"
            variant="contained"
            disabled={probing || probeDomain.trim() === ''}
            sx={{ mt: 0.25 }}
            data-testid="dns-probe"
          >
            {probing ? t('dns.verify.running') : t('dns.probe.run')}
          </Button>
        </Box>
        {probeFailure && (
          <Alert severity="error" data-testid="dns-probe-error">
            {probeFailure}
          </Alert>
        )}
        {probe && (
          <Box component="ol" sx={{ m: 0, pl: 3, display: 'grid', gap: 0.75 }} data-testid="dns-probe-steps">
            {probe.steps.map((step) => (
              <li key={step.id} data-status={step.status}>
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography sx={{ fontWeight: 600 }}>{t(`dns.probe.step.${step.id}`)}</Typography>
                  <Chip
                    size="small"
                    label={t(`dns.probe.status.${step.status}`)}
                    color={step.status === 'ok' ? 'success' : step.status === 'warning' ? 'warning' : 'error'}
                    variant="outlined"
                  />
                </Box>
                <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}>
                  {step.reason ? issueText(t, { reason: step.reason, params: step.params, message: step.detail }) : step.detail}
                </Typography>
              </li>
            ))}
          </Box>
        )}
      </Paper>
      <Snackbar open={notice !== null} autoHideDuration={3000} onClose={() => setNotice(null)} message={notice} />
    </Box>
  );
}
