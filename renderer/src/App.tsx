import { lazy, startTransition, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import type { Settings } from '../../shared/domain/settings';
import type { Topology } from '../../shared/domain/topology';
import type { WizardStep, WizardStepId } from '../../shared/domain/wizard';
import type { AppStatus } from '../../shared/rpc/contract';
import { HostContext, RpcContext } from './AppContext';
import type { PageProps } from './feature';
import { loadFeatureMessages, pageFeatures, paneFeatures, type PageFeatureId, type PaneFeatureId } from './features';
import { I18nProvider, resolveLocale, translator, useI18n } from './i18n/i18n';
import { errorText, issueText } from './i18n/issue-text';
import { HomePage } from './pages/HomePage';
import { SidePane } from './panes/SidePane';
import { connect } from './rpc';
import type { AppBarControlsProps } from './AppBarControls';
import { AppTheme } from './theme';

/** Shown in place of a page whose code could not be fetched: the service stopped, or was updated under the open page. */
function Unreachable() {
  const { t } = useI18n();
  return <Alert severity="error">{t('app.disconnected')}</Alert>;
}

/** A view loaded, with the features' strings, when first opened, so the home paints from a small bundle. */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() =>
    Promise.all([load(), loadFeatureMessages()]).then(
      ([view]) => ({ default: view }),
      () => ({ default: Unreachable as ComponentType<P> }),
    ),
  );
}

const pages: Partial<Record<PageFeatureId, ComponentType<PageProps>>> = Object.fromEntries(
  pageFeatures.map((feature) => [feature.id, onDemand(feature.page)]),
);

/**
 * The app bar's pane buttons and its language and theme menus: their inputs, menus and popovers
 * are a good part of the component library, so their code runs in a task of its own. It is fetched
 * now, with the app's, and shown in the commit after the app bar's title, as before.
 */
const appBarControls = import('./AppBarControls').then(
  ({ AppBarControls }) => ({ default: AppBarControls }),
  () => ({ default: Unreachable as ComponentType<AppBarControlsProps> }),
);
const AppBarControls = lazy(() => appBarControls);

/** Each feature's pane, loaded on first use, in the side pane's frame (small, so it comes with the home). */
const panes: Partial<Record<PaneFeatureId, ComponentType<{ onClose: () => void }>>> = Object.fromEntries(
  paneFeatures.map((feature) => [
    feature.id,
    onDemand(() =>
      feature.pane().then(
        (Pane) =>
          function FeaturePane({ onClose }: { onClose: () => void }) {
            return (
              <SidePane id={feature.id} onClose={onClose}>
                <Pane />
              </SidePane>
            );
          },
      ),
    ),
  ]),
);

const isPage = (id: string): id is PageFeatureId => id in pages;
const isPane = (id: string): id is PaneFeatureId => id in panes;

type View = 'home' | PageFeatureId;

export function App() {
  const [disconnected, setDisconnected] = useState(false);
  const client = useMemo(() => connect(() => setDisconnected(true)), []);
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [steps, setSteps] = useState<WizardStep[]>([]);
  const [topology, setTopology] = useState<Topology | null>(null);
  const [view, setShownView] = useState<View>('home');
  const [returnedFrom, setReturnedFrom] = useState<WizardStepId | null>(null);
  const [pane, setShownPane] = useState<PaneFeatureId | null>(null);
  // As transitions, so the current view stays on screen while a page's code loads (main.tsx holds the Suspense boundary).
  const setView = (next: View) => startTransition(() => setShownView(next));
  const setPane = (next: PaneFeatureId | null) => startTransition(() => setShownPane(next));
  // The app's first frames come in three commits, each a transition after the one before: the app
  // bar's icon and title (as the page's shell drew them), then its buttons and menus, then the view
  // below. Inserting all of their styles in one commit was one long task.
  const [shown, setShown] = useState<0 | 1 | 2>(0);
  useEffect(() => {
    if (shown < 2) startTransition(() => setShown(shown === 0 ? 1 : 2));
  }, [shown]);
  const [recoveryDismissed, setRecoveryDismissed] = useState(false);
  const [loadError, setLoadError] = useState<Error | null>(null);

  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const mode = settings?.theme === 'light' || settings?.theme === 'dark' ? settings.theme : prefersDark ? 'dark' : 'light';
  const locale = resolveLocale(settings?.locale ?? 'system', navigator.languages ?? [navigator.language]);
  const t = useMemo(() => translator(locale), [locale]);

  const refreshSteps = useCallback(() => {
    void client.call('wizard.steps', {}).then(setSteps);
  }, [client]);

  useEffect(() => {
    Promise.all([
      client.call('app.status', {}),
      client.call('settings.get', {}),
      client.call('topology.get', {}),
      client.call('wizard.steps', {}),
    ])
      .then(([appStatus, appSettings, savedTopology, wizardSteps]) =>
        // The home's first full render, sliced like the first one so it is no long task.
        startTransition(() => {
          setStatus(appStatus);
          setSettings(appSettings);
          setTopology(savedTopology);
          setSteps(wizardSteps);
        }),
      )
      .catch((error: unknown) => setLoadError(error instanceof Error ? error : new Error(String(error))));
    const stops = [
      client.on('settings.changed', setSettings),
      client.on('topology.changed', (saved) => {
        setTopology(saved);
        refreshSteps();
      }),
      client.on('partners.changed', refreshSteps),
      client.on('certificates.changed', refreshSteps),
      client.on('gateway.state', refreshSteps),
    ];
    return () => stops.forEach((stop) => stop());
  }, [client, refreshSteps]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && pane) setPane(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pane]);

  const updateSettings = (patch: Partial<Settings>) => {
    void client.call('settings.update', patch).then(setSettings);
  };

  const recovery = status?.storeRecovery;
  const Page = view === 'home' ? undefined : pages[view];
  const Pane = pane ? panes[pane] : undefined;
  const ready = status !== null && settings !== null;
  const viewReady = ready && shown === 2;

  return (
    <RpcContext.Provider value={client}>
      <HostContext.Provider value={status?.host ?? 'serve'}>
        <I18nProvider locale={locale}>
          <AppTheme mode={mode}>
            <Box
              component="a"
              href="#main"
              sx={{ position: 'absolute', left: -9999, '&:focus': { left: 8, top: 8, zIndex: 2000, p: 1, bgcolor: 'background.paper' } }}
            >
              {t('app.skipToContent')}
            </Box>
            <AppBar position="sticky" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
              <Toolbar sx={{ gap: 2 }}>
                <HubOutlinedIcon color="primary" aria-hidden />
                <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                  <Typography variant="h6" component="h1" noWrap>
                    {t('app.title')}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" noWrap component="p">
                    {t('app.subtitle')}
                  </Typography>
                </Box>
                {shown > 0 && (
                  <Suspense fallback={null}>
                    <AppBarControls pane={pane} onPane={setPane} settings={settings} ready={ready} onSettings={updateSettings} />
                  </Suspense>
                )}
              </Toolbar>
            </AppBar>
            <Box sx={{ display: 'flex', alignItems: 'flex-start', minHeight: 'calc(100vh - 65px)' }}>
              <Box component="main" id="main" tabIndex={-1} sx={{ flex: 1, minWidth: 0, p: { xs: 2, md: 4 }, outline: 'none' }}>
                <Box sx={{ maxWidth: 920, mx: 'auto', display: 'grid', gap: 2 }}>
                  {disconnected && <Alert severity="error">{t('app.disconnected')}</Alert>}
                  {loadError !== null && <Alert severity="error">{errorText(t, loadError)}</Alert>}
                  {recovery && !recoveryDismissed && (
                    <Alert severity="warning" onClose={() => setRecoveryDismissed(true)} data-testid="store-recovered">
                      {t('app.storeRecovered', {
                        reason: issueText(t, { reason: recovery.code, params: recovery.params, message: recovery.reason }),
                        path: recovery.movedTo,
                      })}
                    </Alert>
                  )}
                  {!ready && loadError === null && shown === 2 && (
                    <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', p: 4 }}>
                      <CircularProgress size={24} />
                      <Typography>{t('app.loading')}</Typography>
                    </Box>
                  )}
                  {viewReady && view === 'home' && (
                    <HomePage
                      steps={steps}
                      returnedFrom={returnedFrom}
                      onRun={(id) => {
                        // One transition for both: the home is not rendered again in the click's own task.
                        if (isPage(id))
                          startTransition(() => {
                            setShownView(id);
                            setReturnedFrom(id);
                          });
                        if (isPane(id)) setPane(id);
                      }}
                    />
                  )}
                  {viewReady && Page && (
                    <Page topology={topology} onBack={() => setView('home')} onTopologySaved={setTopology} onStepsChanged={refreshSteps} />
                  )}
                </Box>
              </Box>
              {Pane && <Pane onClose={() => setPane(null)} />}
            </Box>
          </AppTheme>
        </I18nProvider>
      </HostContext.Provider>
    </RpcContext.Provider>
  );
}
