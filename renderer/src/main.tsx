import { StrictMode, Suspense, startTransition } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { resolveLocale, translator } from './i18n/translate';

const container = document.getElementById('root')!;
let root: Root | undefined;

// The home's code runs in slices, each in a task of its own (a module loaded with import() runs in a
// later task than its importer): React here, then the styling engine with the app's theme and the
// React root, then the app. Run at once, they were one long task.
import('./theme')
  .then(() => {
    root = createRoot(container);
    return import('./App');
  })
  .then(
    ({ App }) =>
      // As a transition, so the first render yields to the browser in slices instead of one long task;
      // the page's own shell stays up until it is done.
      startTransition(() =>
        root!.render(
          <StrictMode>
            {/* Pages load on demand inside transitions, so this only ever keeps the current view up while they do. */}
            <Suspense fallback={null}>
              <App />
            </Suspense>
          </StrictMode>,
        ),
      ),
    // The service stopped, or was updated, between the page and the rest of its code.
    () => {
      const t = translator(resolveLocale('system', navigator.languages ?? [navigator.language]));
      (root ??= createRoot(container)).render(
        <p role="alert" style={{ margin: 24, fontFamily: 'system-ui, sans-serif' }}>
          {t('app.disconnected')}
        </p>,
      );
    },
  );
