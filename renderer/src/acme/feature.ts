import { defineFeature } from '../feature';

/** Ordering from an ACME CA; its views are part of the certificate request wizard. */
export const acmeFeature = defineFeature({
  id: 'acme',
  messages: () => import('./messages').then((m) => m.acmeUiMessages),
});
