import { StrictMode, Suspense, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = createRoot(document.getElementById('root')!);
// As a transition, so the first render yields to the browser in slices instead of one long task;
// the page's own shell stays up until it is done.
startTransition(() =>
  root.render(
    <StrictMode>
      {/* Pages load on demand inside transitions, so this only ever keeps the current view up while they do. */}
      <Suspense fallback={null}>
        <App />
      </Suspense>
    </StrictMode>,
  ),
);
