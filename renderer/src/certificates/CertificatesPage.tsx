import { startTransition, useCallback, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Radio from '@mui/material/Radio';
import {
  certificateUsages,
  daysUntil,
  displayName,
  isInstalled,
  type CertificateEntry,
  type CertificateView,
  type RequestDraft,
} from '../../../shared/certificates';
import type { Topology } from '../../../shared/domain/topology';
import { useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import { ExportDialog, ExpiryText, ImportDialog, RemoveDialog, ViewDialog } from './CertificateDialogs';
import { errorText } from '../i18n/issue-text';
import { RequestWizard } from './RequestWizard';
import { answersFromDraft, defaultAnswers, visiblePages, wizardPages, type WizardAnswers, type WizardPage } from './wizard-model';
import { PageHeader } from '../components/PageHeader';
import { TrustedRootsPanel, type RootOffer } from './TrustedRootsPanel';

interface Props {
  topology: Topology;
  onBack: () => void;
  onChanged: () => void;
  /** Offered after Assign; absent until the gateway can be restarted from here. */
  onRestartGateway?: () => Promise<void>;
}

type Notice = { severity: 'info' | 'success' | 'error'; text: string; restart?: boolean };
type Task = 'assign' | 'view' | 'remove' | 'export';

type WizardStart = { answers: WizardAnswers; page: WizardPage };

/** The certificate wizard's main page: one row per usage with its state, and the tasks. */
export function CertificatesPage({ topology, onBack, onChanged, onRestartGateway }: Props) {
  const { t, locale } = useI18n();
  const client = useRpc();
  const [entries, setEntries] = useState<CertificateEntry[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [viewing, setViewing] = useState<CertificateView | null>(null);
  const [removing, setRemoving] = useState<CertificateEntry | null>(null);
  const [exporting, setExporting] = useState<CertificateEntry | null>(null);
  const [restarting, setRestarting] = useState(false);
  const [draft, setDraft] = useState<RequestDraft | null>(null);
  const [documents, setDocuments] = useState<string | null>(null);
  const [wizard, setWizard] = useState<WizardStart | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [rootOffer, setRootOffer] = useState<RootOffer | null>(null);

  const refresh = useCallback(() => {
    void Promise.all([client.call('certificates.list', {}), client.call('certificates.draft.get', {}), client.call('app.paths', {})]).then(
      ([list, savedDraft, paths]) => {
        setEntries(list);
        setSelectedId((current) =>
          current && list.some((entry) => entry.id === current) ? current : ((list.find(isInstalled) ?? list[0])?.id ?? null),
        );
        setDraft(savedDraft);
        setDocuments(paths.documents);
      },
    );
  }, [client]);
  useEffect(refresh, [refresh]);

  const formatDate = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

  const start = (fromDraft: boolean) => {
    if (documents === null) return;
    const defaults = defaultAnswers(topology, documents);
    if (fromDraft && draft) {
      const answers = answersFromDraft(draft.answers, defaults);
      const saved = wizardPages[draft.page];
      const page =
        saved &&
        visiblePages(answers.certificateType, answers.delivery).includes(saved) &&
        wizardPages.indexOf(saved) < wizardPages.indexOf('run')
          ? saved
          : 'type';
      // As transitions, like every page change: the page stays until the wizard is ready, instead of one long task.
      startTransition(() => setWizard({ answers, page }));
    } else {
      startTransition(() => setWizard({ answers: defaults, page: 'type' }));
    }
  };

  if (wizard && documents !== null) {
    return (
      <RequestWizard
        topology={topology}
        documents={documents}
        initialAnswers={wizard.answers}
        initialPage={wizard.page}
        onClose={() => {
          startTransition(() => setWizard(null));
          // After Cancel the draft banner alone says the answers are kept: one banner, not two.
          setNotice(null);
          refresh();
          onChanged();
        }}
      />
    );
  }

  const selected = entries.find((entry) => entry.id === selectedId) ?? null;
  const after = (next: Notice | null) => {
    setNotice(next);
    refresh();
    onChanged();
  };

  const unavailable = (task: Task): string | null => {
    if (!selected) return t('cert.reason.select');
    if (task === 'view' || task === 'remove') return null;
    if (!isInstalled(selected)) return t('cert.reason.pending');
    if (task === 'export') return selected.exportable ? null : t('cert.reason.notExportable');
    if (selected.usage !== 'externalEdge') return t('cert.reason.internal');
    if (selected.state === 'assigned') return t('cert.reason.assigned');
    if (daysUntil(selected.notAfter) < 0) return t('cert.reason.expired');
    return null;
  };

  const run = async (task: Task) => {
    if (!selected) return;
    if (task === 'remove') return setRemoving(selected);
    if (task === 'export') return setExporting(selected);
    try {
      if (task === 'view') {
        setViewing(await client.call('certificates.view', { id: selected.id }));
        return;
      }
      const result = await client.call('certificates.assign', { id: selected.id });
      const domains = [topology.accessEdgeFqdn, ...topology.xmppDomains].map(displayName).join(', ');
      after({ severity: 'success', text: t('cert.assign.done', { name: result.certificate.friendlyName, domains }), restart: true });
    } catch (error) {
      setNotice({ severity: 'error', text: errorText(t, error) });
    }
  };

  const restart = async () => {
    if (!onRestartGateway) return;
    setRestarting(true);
    try {
      await onRestartGateway();
      setNotice({ severity: 'success', text: t('cert.assign.restarted') });
    } catch (error) {
      setNotice({ severity: 'error', text: errorText(t, error) });
    } finally {
      setRestarting(false);
    }
  };

  const stateColor = (entry: CertificateEntry) => (entry.state === 'assigned' ? 'success' : entry.state === 'issued' ? 'info' : 'warning');
  const taskReason = selected
    ? (['assign', 'export'] as const).map(unavailable).find((reason) => reason !== null)
    : t('cert.reason.select');

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <PageHeader title={t('cert.title')} intro={t('cert.intro')} onBack={onBack} />
      {notice && (
        <Alert
          severity={notice.severity}
          onClose={() => setNotice(null)}
          data-testid="cert-notice"
          action={
            notice.restart && onRestartGateway ? (
              <Button color="inherit" onClick={() => void restart()} disabled={restarting} data-testid="restart-gateway">
                {restarting ? t('cert.assign.restarting') : t('cert.assign.restart')}
              </Button>
            ) : undefined
          }
        >
          {notice.text}
          {notice.restart && !onRestartGateway && (
            <Box component="span" sx={{ display: 'block' }}>
              {t('cert.assign.noRestart')}
            </Box>
          )}
        </Alert>
      )}
      {draft && (
        <Alert
          severity="info"
          data-testid="draft-banner"
          action={
            <Box sx={{ display: 'flex', gap: 1 }}>
              <Button color="inherit" onClick={() => start(true)} data-testid="resume-draft">
                {t('cert.resume.continue')}
              </Button>
              <Button color="inherit" onClick={() => start(false)}>
                {t('cert.resume.startOver')}
              </Button>
            </Box>
          }
        >
          {t('cert.resume', { date: formatDate(draft.updatedAt) })}
        </Alert>
      )}
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5 }}>
        {certificateUsages.map((usage) => {
          const rows = entries.filter((entry) => entry.usage === usage);
          return (
            <Paper component="li" variant="outlined" key={usage} sx={{ p: 2, display: 'grid', gap: 1 }} data-testid={`cert-row-${usage}`}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
                  {t(`cert.usage.${usage}`)}
                </Typography>
                {rows.length === 0 && <Chip size="small" label={t('cert.state.none')} variant="outlined" />}
              </Box>
              {rows.map((entry) => (
                <Box
                  key={entry.id}
                  onClick={() => setSelectedId(entry.id)}
                  data-testid={`cert-entry-${entry.state}`}
                  sx={{
                    display: 'flex',
                    gap: 1,
                    alignItems: 'flex-start',
                    p: 1,
                    borderRadius: 1,
                    cursor: 'pointer',
                    border: 1,
                    borderColor: entry.id === selectedId ? 'primary.main' : 'divider',
                    bgcolor: entry.id === selectedId ? 'action.selected' : 'transparent',
                  }}
                >
                  <Radio
                    checked={entry.id === selectedId}
                    onChange={() => setSelectedId(entry.id)}
                    size="small"
                    slotProps={{ input: { 'aria-label': t('cert.selected', { name: entry.friendlyName }) } }}
                    sx={{ p: 0.5 }}
                  />
                  <Box sx={{ flex: 1, minWidth: 0 }}>
                    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                      <Typography variant="body1" sx={{ fontWeight: 600 }}>
                        {entry.friendlyName}
                      </Typography>
                      <Chip
                        size="small"
                        label={t(`cert.state.${entry.state}`)}
                        color={stateColor(entry)}
                        variant={entry.state === 'pending' ? 'outlined' : 'filled'}
                      />
                    </Box>
                    <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-word' }}>
                      {entry.subject}
                    </Typography>
                    {isInstalled(entry) ? (
                      <>
                        <ExpiryText notAfter={entry.notAfter} daysLeft={daysUntil(entry.notAfter)} />
                        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
                          {t('cert.thumbprint', { sha1: entry.sha1 })}
                        </Typography>
                      </>
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {t('cert.pendingSince', { date: formatDate(entry.createdAt), path: entry.out })}
                      </Typography>
                    )}
                  </Box>
                </Box>
              ))}
            </Paper>
          );
        })}
      </Box>
      <Paper variant="outlined" sx={{ p: 2, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button variant="contained" onClick={() => start(Boolean(draft))} disabled={documents === null} data-testid="task-request">
          {t('cert.task.request')}
        </Button>
        <Button variant="outlined" onClick={() => startTransition(() => setImporting(true))} data-testid="task-import">
          {t('cert.task.import')}
        </Button>
        {(['assign', 'view', 'remove', 'export'] as const).map((task) => (
          <Button
            key={task}
            variant="outlined"
            color={task === 'remove' ? 'error' : 'primary'}
            disabled={unavailable(task) !== null}
            title={unavailable(task) ?? undefined}
            aria-describedby={unavailable(task) ? 'cert-tasks-reason' : undefined}
            onClick={() => void run(task)}
            data-testid={`task-${task}`}
          >
            {t(`cert.task.${task}`)}
          </Button>
        ))}
        {taskReason && (
          <Typography id="cert-tasks-reason" variant="body2" color="text.secondary" sx={{ flexBasis: '100%' }}>
            {taskReason}
          </Typography>
        )}
        {entries.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ flexBasis: '100%' }}>
            {t('cert.empty')}
          </Typography>
        )}
      </Paper>
      <TrustedRootsPanel offer={rootOffer} onOfferDone={() => setRootOffer(null)} />
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(result) => {
          setImporting(false);
          setSelectedId(result.id);
          setRootOffer(result.untrustedRoot);
          after({ severity: 'success', text: t('cert.import.done', { name: result.certificate.friendlyName }) });
        }}
      />
      <ViewDialog view={viewing} onClose={() => setViewing(null)} />
      <RemoveDialog
        entry={removing}
        onClose={() => setRemoving(null)}
        onRemoved={() => {
          const name = removing?.friendlyName ?? '';
          setRemoving(null);
          after({ severity: 'info', text: t('cert.remove.done', { name }) });
        }}
      />
      <ExportDialog
        entry={exporting}
        documents={documents ?? ''}
        onClose={() => setExporting(null)}
        onExported={(path) => {
          setExporting(null);
          setNotice({ severity: 'success', text: t('cert.export.done', { path }) });
        }}
      />
    </Box>
  );
}
