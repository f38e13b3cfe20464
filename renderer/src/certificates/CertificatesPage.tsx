import { useCallback, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { certificateUsages, type CertificateUsage, type PendingRequest, type RequestDraft } from '../../../shared/certificates';
import type { Topology } from '../../../shared/domain/topology';
import { useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import { RequestWizard } from './RequestWizard';
import { answersFromDraft, defaultAnswers, visiblePages, wizardPages, type WizardAnswers, type WizardPage } from './wizard-model';

interface Props {
  topology: Topology;
  onBack: () => void;
  onChanged: () => void;
}

type WizardStart = { answers: WizardAnswers; page: WizardPage };

/** The certificate wizard's main page: one row per usage with its state, and the tasks. */
export function CertificatesPage({ topology, onBack, onChanged }: Props) {
  const { t, locale } = useI18n();
  const client = useRpc();
  const [requests, setRequests] = useState<PendingRequest[]>([]);
  const [draft, setDraft] = useState<RequestDraft | null>(null);
  const [documents, setDocuments] = useState<string | null>(null);
  const [wizard, setWizard] = useState<WizardStart | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(() => {
    void Promise.all([client.call('certificates.list', {}), client.call('certificates.draft.get', {}), client.call('app.paths', {})]).then(
      ([list, savedDraft, paths]) => {
        setRequests(list);
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
      const page = saved && visiblePages(answers.certificateType).includes(saved) && wizardPages.indexOf(saved) < wizardPages.indexOf('run') ? saved : 'type';
      setWizard({ answers, page });
    } else {
      setWizard({ answers: defaults, page: 'type' });
    }
  };

  if (wizard && documents !== null) {
    return (
      <RequestWizard
        topology={topology}
        documents={documents}
        initialAnswers={wizard.answers}
        initialPage={wizard.page}
        onClose={(outcome) => {
          setWizard(null);
          setNotice(outcome === 'cancelled' ? t('wiz.cancelled') : null);
          refresh();
          onChanged();
        }}
      />
    );
  }

  const latest = (usage: CertificateUsage) => requests.filter((request) => request.usage === usage).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <IconButton aria-label={t('app.back')} onClick={onBack}>
          <ArrowBackIcon />
        </IconButton>
        <Typography variant="h5" component="h2">
          {t('cert.title')}
        </Typography>
      </Box>
      <Typography color="text.secondary">{t('cert.intro')}</Typography>
      {notice && (
        <Alert severity="info" onClose={() => setNotice(null)}>
          {notice}
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
          const pending = latest(usage);
          return (
            <Paper component="li" variant="outlined" key={usage} sx={{ p: 2, display: 'grid', gap: 1 }} data-testid={`cert-row-${usage}`}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
                  {t(`cert.usage.${usage}`)}
                </Typography>
                <Chip size="small" label={t(pending ? 'cert.state.pending' : 'cert.state.none')} color={pending ? 'warning' : 'default'} variant="outlined" />
              </Box>
              {pending && (
                <Typography variant="body2" color="text.secondary">
                  {pending.friendlyName} — {pending.subject}
                  <br />
                  {t('cert.pendingSince', { date: formatDate(pending.createdAt), path: pending.out })}
                </Typography>
              )}
            </Paper>
          );
        })}
      </Box>
      <Paper variant="outlined" sx={{ p: 2, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button variant="contained" onClick={() => start(Boolean(draft))} disabled={documents === null} data-testid="task-request">
          {t('cert.task.request')}
        </Button>
        {(['import', 'assign', 'view', 'remove'] as const).map((task) => (
          <Button key={task} variant="outlined" disabled aria-describedby="cert-tasks-reason">
            {t(`cert.task.${task}`)}
          </Button>
        ))}
        <Typography id="cert-tasks-reason" variant="body2" color="text.secondary" sx={{ flexBasis: '100%' }}>
          {t('cert.task.notYet')}
        </Typography>
      </Paper>
    </Box>
  );
}
