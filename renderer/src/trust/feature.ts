import { defineFeature } from '../feature';

/** Trusted private roots; their panel is part of the certificates page. */
export const trustFeature = defineFeature({
  id: 'trust',
  messages: () => import('./messages').then((m) => m.trustMessages),
});
