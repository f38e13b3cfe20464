import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { FeatureContext } from '../../electron/core/context';
import { backendFeatures } from '../../electron/features';
import { features as rendererFeatures } from '../../renderer/src/features';
import { STORE_VERSION, storeDataSchema, storeDefaults, storeMigrations } from '../../electron/store/schema';
import { confBacking } from '../../electron/store/conf-backing';
import { rpcFeatures } from '../../shared/features';
import { contract } from '../../shared/rpc/contract';
import type { RpcFeature } from '../../shared/rpc/feature';
import { memoryCore, sampleTopology, tempDir } from '../support/core';

/** A context whose every use outside building the handlers fails the test. */
const inertContext = new Proxy({} as FeatureContext, {
  get: (_target, name) => {
    throw new Error(`building handlers used ctx.${String(name)}`);
  },
});

/** The modules in `tree`'s feature folders that define a feature with `define`, each with what it exports. */
async function featureModules(tree: string, define: string): Promise<{ file: string; exports: unknown[] }[]> {
  const found = [];
  for (const folder of readdirSync(tree, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const name of readdirSync(join(tree, folder.name)).filter((name) => /^(feature|rpc)\.tsx?$/.test(name))) {
      const file = join(tree, folder.name, name);
      if (!new RegExp(`\\b${define}\\(`).test(readFileSync(file, 'utf8'))) continue;
      found.push({ file, exports: Object.values((await import(/* @vite-ignore */ resolve(file))) as Record<string, unknown>) });
    }
  }
  return found;
}

describe('the feature lists', () => {
  it('name every feature a folder defines, in each layer, so a feature missing its registry line fails here', async () => {
    for (const [tree, define, list] of [
      ['shared', 'defineRpcFeature', rpcFeatures],
      ['electron', 'defineBackendFeature', backendFeatures],
      ['renderer/src', 'defineFeature', rendererFeatures],
    ] as const) {
      const modules = await featureModules(tree, define);
      expect(modules.length, tree).toBe(list.length);
      for (const { file, exports } of modules)
        expect(
          exports.some((value) => (list as readonly unknown[]).includes(value)),
          file,
        ).toBe(true);
    }
  });

  it('build the contract: its methods and events are exactly the union of the features', () => {
    const methods = rpcFeatures.flatMap((feature) => Object.keys(feature.methods));
    const events = rpcFeatures.flatMap((feature) => Object.keys(feature.events));
    expect(new Set(methods).size).toBe(methods.length);
    expect(new Set(events).size).toBe(events.length);
    expect(Object.keys(contract.methods).sort()).toEqual([...methods].sort());
    expect(Object.keys(contract.events).sort()).toEqual([...events].sort());
  });

  it('give every shared feature one backend whose handlers cover exactly its methods, built without touching anything', () => {
    const ids = rpcFeatures.map((feature) => feature.id);
    for (const feature of rpcFeatures) {
      const backends = backendFeatures.filter((backend) => backend.id === feature.id);
      expect(backends, feature.id).toHaveLength(1);
      const handlers = backends[0].handlers?.(inertContext) ?? {};
      expect(Object.keys(handlers).sort(), feature.id).toEqual(Object.keys(feature.methods).sort());
    }
    // A backend without a shared feature has no RPC methods (serve: commands only).
    for (const backend of backendFeatures.filter((backend) => !ids.includes(backend.id as never))) expect(backend.handlers).toBeUndefined();
  });

  it('build the store: each key from the feature that owns it, with its default, and the newest migration as the version', () => {
    const keys = (rpcFeatures as readonly RpcFeature[]).flatMap((feature) => Object.keys(feature.store ?? {}));
    expect(Object.keys(storeDataSchema.shape).sort()).toEqual([...keys].sort());
    expect(Object.keys(storeDefaults).sort()).toEqual([...keys].sort());
    expect(storeDataSchema.safeParse(storeDefaults).success).toBe(true);
    expect(Object.keys(storeMigrations).sort()).toEqual(['1.0.0', '1.1.0', '1.2.0', '1.3.0']);
    expect(STORE_VERSION).toBe('1.3.0');
  });

  it('list every CLI command once', () => {
    const words = backendFeatures.flatMap((feature) => (feature.commands ?? []).map((command) => command.words.join(' ')));
    expect(new Set(words).size).toBe(words.length);
  });

  it('refuse a method two features claim', () => {
    const twice = [...backendFeatures, { id: 'again', handlers: () => ({ 'topology.get': () => null }) }];
    expect(() => createCore({ dataDir: tempDir(), host: 'memory', storeBacking: confBacking }, twice)).toThrow(
      /"topology\.get" is handled twice/,
    );
  });
});

describe('partner changes reach the gateway as an event', () => {
  it('a commit is answered after the gateway took it, and the gateway plans without writing', async () => {
    const { core, client, dataDir, close } = memoryCore();
    try {
      await client.call('topology.set', { topology: sampleTopology });
      const applied: unknown[] = [];
      const off = core.server.subscribe((name, payload) => name === 'gateway.applied' && applied.push(payload));
      await client.call('partners.commit', {
        partner: { domain: 'adatum.com', tlsNegotiation: 'Required', saslNegotiation: 'Optional', supportDialbackNegotiation: true },
      });
      off();
      // Stopped and never configured: the change is saved, applies at the next start, and nothing is written.
      expect(applied).toEqual([{ outcome: 'saved', driver: 'prosody' }]);
      const gateway = await core.service('gateway');
      const plan = gateway.plan();
      expect(existsSync(join(dataDir, 'gateway'))).toBe(false);
      expect(plan.files.map((file) => file.path)).toEqual([
        join(gateway.paths.plugins, 'mod_edgewiz_partners.lua'),
        gateway.paths.trustedRoots,
      ]);
      expect(plan.config).toContain('["adatum.com"] = { tls = "Required"; sasl = "Optional"; dialback = true };');
    } finally {
      await core.dispose();
      close();
    }
  });
});
