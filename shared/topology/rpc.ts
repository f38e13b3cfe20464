import { z } from 'zod';
import { topologyInputSchema, topologySchema } from '../domain/topology';
import { defineRpcFeature, storeSlice } from '../rpc/feature';
import { noArgs } from '../rpc/schemas';

const topologyMethods = {
  'topology.get': { args: noArgs, result: topologySchema.nullable() },
  'topology.set': { args: z.object({ topology: topologyInputSchema }).strict(), result: topologySchema },
} as const;

/** The edge topology every page reads. */
export const topologyFeature = defineRpcFeature({
  id: 'topology',
  methods: topologyMethods,
  events: { 'topology.changed': topologySchema },
  store: { topology: storeSlice(topologySchema.nullable(), null) },
});
