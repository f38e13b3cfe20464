import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Pages load on demand inside transitions, so this only ever keeps the current view up while they do. */}
    <Suspense fallback={null}>
      <App />
    </Suspense>
  </StrictMode>,
);
