// Runs the whole end-to-end project several times in a row while every core is kept busy, to show
// that the suite waits for what it checks instead of depending on an idle machine.
// Usage: node scripts/e2e-under-load.mjs [runs]   (builds first; not part of CI: it takes a while)
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const runs = Number(process.argv[2] ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/e2e-under-load.mjs [runs]');
  process.exit(2);
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// One busy loop per core, killed on every way out.
const burners = Array.from({ length: availableParallelism() }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
const stopBurners = () => burners.forEach((burner) => burner.exitCode === null && burner.kill('SIGKILL'));
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

// A whole e2e run may take long under load, but never forever.
const RUN_LIMIT_MS = 30 * 60_000;
const results = [];
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'e2e'], { stdio: 'inherit', detached: true });
    const limit = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), RUN_LIMIT_MS);
    child.on('exit', (exitCode, signal) => {
      clearTimeout(limit);
      resolve(exitCode ?? signal);
    });
  });
  results.push({ run, code, seconds: Math.round((Date.now() - started) / 1000) });
  console.log(`e2e under load: run ${run} of ${runs} ${code === 0 ? 'passed' : `failed (${code})`} in ${results.at(-1).seconds} s`);
}
stopBurners();

const passed = results.filter((result) => result.code === 0).length;
console.log(`e2e under load (${burners.length} busy loops): ${results.map((result) => `${result.seconds} s`).join(', ')}`);
console.log(`${passed} passed, ${runs - passed} failed`);
process.exit(passed === runs ? 0 : 1);
