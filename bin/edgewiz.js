#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/edgewiz.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('edgewiz: not built yet. Run: npm run build\n');
  process.exit(1);
}
await import(entry.href);
