import {
  startTransition,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/Check';
import type { SavePathCheck } from '../../../shared/certificates';
import type { Topology } from '../../../shared/domain/topology';
import { useRpc } from '../AppContext';
import { useI18n } from '../i18n/i18n';
import { useAcmeOrder } from './useAcmeOrder';
import { errorText, issueText } from '../i18n/issue-text';
import { findingText } from './lint-text';
import { savePathText } from './save-path-text';
import { wizardPageComponents, type RunState } from './wizard-pages';
import { prepareCountryOptions } from './wizard-pages/country-options';
import {
  answerEmpty,
  evaluate,
  pageProblems,
  pageTitles,
  requiredAnswers,
  toProfile,
  visiblePages,
  wizardPages,
  type Evaluation,
  type WizardAnswers,
  type WizardPage,
} from './wizard-model';

const firstFieldSelector = [
  'input:not([type="hidden"]):not([disabled]):not([tabindex="-1"]):not([aria-hidden="true"])',
  'textarea:not([disabled])',
  '[role="combobox"]:not([aria-disabled="true"])',
].join(', ');

/** Read by screen readers, not shown. */
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

interface Props {
  topology: Topology;
  documents: string;
  initialAnswers: WizardAnswers;
  initialPage: WizardPage;
  onClose: () => void;
}

export function RequestWizard({ topology, documents, initialAnswers, initialPage, onClose }: Props) {
  const { t, locale } = useI18n();
  const client = useRpc();
  const [answers, setAnswers] = useState<WizardAnswers>(initialAnswers);
  const [page, setShownPage] = useState<WizardPage>(initialPage);
  // The page last asked for: a page change renders as a transition, in slices rather than one long
  // task, and the page on screen stays until the next one is ready.
  const asked = useRef<WizardPage>(initialPage);
  const setPage = (next: WizardPage) => {
    asked.current = next;
    startTransition(() => setShownPage(next));
  };
  // A key or a click while the next page is still rendering finishes it at once, so it lands on the
  // page it was meant for (typing right after Next goes into the new page's first field).
  const finishPageChange = () => {
    if (asked.current !== page) flushSync(() => setShownPage(asked.current));
  };
  const [pathCheck, setPathCheck] = useState<SavePathCheck | 'checking'>('checking');
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState<ReadonlySet<WizardPage>>(new Set());
  const heading = useRef<HTMLHeadingElement>(null);

  const { certificateType, delivery } = answers;
  const pages = useMemo(() => visiblePages(certificateType, delivery), [certificateType, delivery]);
  const immediate = answers.delivery === 'immediate';
  const acme = useAcmeOrder();
  const index = pages.indexOf(page);
  // A keystroke re-renders its field at once; the rules' verdict on the new answers follows in a
  // transition, so typing is not held up by them. Next always asks them about the answers as typed.
  const checkedAnswers = useDeferredValue(answers);
  const evaluation = useMemo(() => evaluate(topology, checkedAnswers), [topology, checkedAnswers]);
  // What the rules refuse empty depends on the type and the template box, not on what is typed.
  const { useTemplate } = answers;
  const required = useMemo(
    () => requiredAnswers(topology, { ...initialAnswers, certificateType, useTemplate }),
    [topology, initialAnswers, certificateType, useTemplate],
  );
  const hasErrors = (verdict: Evaluation) => verdict.invalid.length > 0 || verdict.findings.some((finding) => finding.severity === 'error');

  useEffect(() => prepareCountryOptions(locale), [locale]);

  // The draft: every answer survives Back, Cancel and a restart until the request is made.
  useEffect(() => {
    if (run.status === 'done' || acme.state.status === 'done' || wizardPages.indexOf(page) >= wizardPages.indexOf('run')) return;
    const timer = setTimeout(() => {
      void client.call('certificates.draft.set', { draft: { page: wizardPages.indexOf(page), answers: { ...answers } } });
    }, 300);
    return () => clearTimeout(timer);
  }, [client, answers, page, run.status, acme.state.status]);

  useEffect(() => {
    setPathCheck('checking');
    const timer = setTimeout(() => {
      client
        .call('files.checkSavePath', { path: answers.out })
        .then(setPathCheck)
        .catch((error: unknown) => setPathCheck({ ok: false, exists: false, message: errorText(t, error) }));
    }, 250);
    return () => clearTimeout(timer);
  }, [client, answers.out, t]);

  // A new page puts the caret in its first field, so typing right after Next is not lost; the
  // page's name is announced by the live region instead. Pages without fields keep focus where it is.
  // In the commit that shows the page, so no key can reach the page before its field has the caret.
  const content = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const field = content.current?.querySelector<HTMLElement>(firstFieldSelector);
    if (field) field.focus();
    else if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  }, [page]);

  // Cancel keeps the answers typed in the last moment too, before the delayed draft save would have.
  const cancel = () => {
    if (wizardPages.indexOf(page) >= wizardPages.indexOf('run')) {
      onClose();
      return;
    }
    void client
      .call('certificates.draft.set', { draft: { page: wizardPages.indexOf(page), answers: { ...answers } } })
      .catch(() => undefined)
      .finally(() => onClose());
  };

  const startRequest = async () => {
    if (immediate) {
      if (await acme.start(toProfile(topology, answers), answers.certificateType === 'externalEdge'))
        void client.call('certificates.draft.set', { draft: null });
      return;
    }
    setRun({ status: 'running', progress: { stage: 'validating', percent: 0 } });
    const stop = client.on('certificates.progress', (progress) => setRun({ status: 'running', progress }));
    try {
      const result = await client.call('certificates.request', {
        profile: toProfile(topology, answers),
        out: answers.out,
        overwrite: answers.overwrite,
      });
      setRun({ status: 'done', result });
      void client.call('certificates.draft.set', { draft: null });
    } catch (error) {
      setRun({ status: 'failed', message: errorText(t, error) });
    } finally {
      stop();
    }
  };

  const fileProblem = (): string | null => {
    if (pathCheck === 'checking') return t('wiz.file.checking');
    if (pathCheck.ok) return null;
    if (pathCheck.reason === 'path.exists') return answers.overwrite ? null : t('wiz.file.confirm');
    return savePathText(pathCheck, t);
  };

  const problem = (verdict: Evaluation): string | null => {
    if (page === 'file') return fileProblem();
    if (page === 'summary' && hasErrors(verdict)) return t('wiz.summary.blocked');
    if (page === 'run' && immediate)
      return acme.state.status === 'done' ? null : acme.state.status === 'failed' ? t('acme.run.failed') : t('acme.run.state.running');
    if (page === 'run') return run.status === 'done' ? null : run.status === 'failed' ? t('wiz.run.failed') : t('wiz.file.checking');
    // An empty field says its problem only once it was left, so the first such problem is said here;
    // everything else is already marked at its field.
    const problems = pageProblems(page, verdict);
    if (problems.length === 0) return null;
    const unsaid = problems.find((candidate) => answerEmpty(candidate.field, answers));
    if (!unsaid) return t('wiz.page.fix');
    return unsaid.kind === 'issue' ? issueText(t, unsaid.issue) : findingText(unsaid.finding, locale, t);
  };
  const blocked = problem(evaluation);
  const PageBody = wizardPageComponents[page];
  const isLast = index === pages.length - 1;
  const afterRun = wizardPages.indexOf(page) >= wizardPages.indexOf('run');

  const goNext = () => {
    if (checkedAnswers === answers ? blocked : problem(evaluate(topology, answers))) {
      // Enter on a page that cannot go on shows every field's message, not only the touched ones.
      setAttempted((current) => new Set(current).add(page));
      return;
    }
    if (isLast) {
      onClose();
      return;
    }
    const next = pages[index + 1];
    setPage(next);
    if (next === 'run' && run.status !== 'done' && acme.state.status !== 'done') void startRequest();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    goNext();
  };

  // While the rules' verdict on the last keystrokes is still rendering, Next may show the verdict
  // before them, disabled, and a disabled Next keeps Enter from submitting: Enter in a field then
  // goes on itself, and goNext asks the rules about the answers as typed.
  const enterWhileChecking = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || event.defaultPrevented || checkedAnswers === answers) return;
    if (!(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    goNext();
  };

  // The list of pages changes with the page and the type, not with each keystroke: typing does not render it again.
  const nav = useMemo(
    () =>
      pages.map((p, i): ReactNode => {
        const current = p === page;
        const done = i < index;
        return (
          <Box
            component="li"
            key={p}
            aria-current={current ? 'step' : undefined}
            sx={{
              display: 'flex',
              gap: 1,
              alignItems: 'center',
              py: 0.75,
              px: 1.5,
              borderRadius: 1,
              fontSize: 14,
              fontWeight: current ? 600 : 400,
              color: current ? 'primary.main' : done ? 'text.primary' : 'text.secondary',
              bgcolor: current ? 'action.selected' : 'transparent',
            }}
          >
            <Box sx={{ width: 18, display: 'grid', placeItems: 'center' }} aria-hidden>
              {done ? <CheckIcon sx={{ fontSize: 16 }} color="success" /> : i + 1}
            </Box>
            {t(pageTitles[p])}
          </Box>
        );
      }),
    [pages, page, index, t],
  );

  return (
    <Paper
      variant="outlined"
      sx={{ display: 'flex', minHeight: 560, overflow: 'hidden' }}
      data-testid="request-wizard"
      onKeyDownCapture={finishPageChange}
      onPointerDownCapture={finishPageChange}
    >
      <Box
        component="nav"
        aria-label={t('wiz.title')}
        sx={{ width: 260, flexShrink: 0, borderRight: 1, borderColor: 'divider', p: 1.5, display: { xs: 'none', md: 'block' } }}
      >
        <Typography variant="overline" color="text.secondary" sx={{ px: 1.5 }}>
          {t('wiz.title')}
        </Typography>
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {nav}
        </Box>
      </Box>
      <Box
        component="form"
        noValidate
        onSubmit={submit}
        onKeyDown={enterWhileChecking}
        sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
      >
        <Box ref={content} sx={{ p: 3, flex: 1, display: 'grid', gap: 2, alignContent: 'start' }}>
          <Box aria-live="polite" sx={visuallyHidden} data-testid="wizard-announce">
            {`${t('wiz.pageOf', { n: index + 1, total: pages.length })}: ${t(pageTitles[page])}`}
          </Box>
          <Box>
            <Typography variant="caption" color="text.secondary">
              {t('wiz.pageOf', { n: index + 1, total: pages.length })}
            </Typography>
            <Typography ref={heading} tabIndex={-1} variant="h5" component="h2" sx={{ outline: 'none' }} data-testid="wizard-page-title">
              {t(pageTitles[page])}
            </Typography>
          </Box>
          <PageBody
            answers={answers}
            setAnswers={setAnswers}
            topology={topology}
            documents={documents}
            evaluation={evaluation}
            required={required}
            showRequired={(field) => attempted.has(page) || touched.has(field)}
            // Leaving a field marks it in a transition: the blur (often the press on Next) is not held up by the whole wizard's render.
            onTouched={(field) =>
              startTransition(() => setTouched((current) => (current.has(field) ? current : new Set(current).add(field))))
            }
            pathCheck={pathCheck}
            run={run}
            acme={acme.state}
            onRetry={() => void startRequest()}
          />
        </Box>
        <Divider />
        <Box sx={{ p: 2, display: 'flex', gap: 1, alignItems: 'center' }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            {blocked && !(page === 'run' && (run.status === 'running' || acme.state.status === 'running')) && (
              <Alert
                severity={page === 'file' && pathCheck === 'checking' ? 'info' : 'warning'}
                sx={{ py: 0 }}
                data-testid="next-blocked-reason"
                id="next-blocked-reason"
              >
                {blocked}
              </Alert>
            )}
          </Box>
          <Button onClick={() => setPage(pages[index - 1])} disabled={index === 0 || afterRun} data-testid="wizard-back">
            {t('wiz.back')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={Boolean(blocked)}
            aria-describedby={blocked ? 'next-blocked-reason' : undefined}
            data-testid="wizard-next"
          >
            {isLast ? t('wiz.finish') : t('wiz.next')}
          </Button>
          {run.status !== 'done' && acme.state.status !== 'done' && (
            <Button onClick={cancel} disabled={run.status === 'running' || acme.state.status === 'running'} data-testid="wizard-cancel">
              {t('wiz.cancel')}
            </Button>
          )}
        </Box>
      </Box>
    </Paper>
  );
}
