#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundles = join(__dirname, '..', 'dist', 'cli');
const entry = join(bundles, 'edgewiz.js');
if (!existsSync(entry)) {
  process.stderr.write('edgewiz: not built yet. Run: npm run build\n');
  process.exit(1);
}
require(join(bundles, 'code-cache.js')).requireWithCodeCache(entry, bundles);
