// Fails when files import each other in a circle (dynamic imports included, type-only ones not): a
// circle makes load order matter and ties features together that should stand alone.
import madge from 'madge';

/** Circles tolerated for now, each as the files in the order madge reports them: none. */
const allowed = [];

const result = await madge(['electron', 'shared', 'renderer/src'], {
  fileExtensions: ['ts', 'tsx'],
  tsConfig: 'tsconfig.json',
  excludeRegExp: [/node_modules/],
  // Type-only imports vanish from the built code, so they cannot make a circle at run time.
  detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
});
const key = (cycle) => cycle.join(' > ');
const tolerated = new Set(allowed.map(key));
const circles = result.circular();
const found = circles.filter((cycle) => !tolerated.has(key(cycle)));
const gone = allowed.filter((cycle) => !circles.some((c) => key(c) === key(cycle)));
for (const cycle of gone) console.error(`check-cycles: "${key(cycle)}" is no longer a circle: take it off the allowed list.`);
for (const cycle of found) console.error(`check-cycles: import circle: ${key(cycle)} > ${cycle[0]}`);
if (found.length > 0 || gone.length > 0) process.exit(1);
console.log(
  `check-cycles: no import circles among ${Object.keys(result.obj()).length} files${allowed.length ? ` (${allowed.length} allowed)` : ''}.`,
);
