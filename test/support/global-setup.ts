import { spawnSync } from 'node:child_process';

/**
 * CLI tests spawn bin/scale-audit.js, which loads dist/: build once before the suite. tsc emits even when a
 * type error is found; type errors are reported here and fail CI through `npm run typecheck`, not by
 * stopping every test.
 */
export default function setup(): void {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
  if (build.status !== 0) process.stderr.write(`[global-setup] tsc reported:\n${build.stdout}${build.stderr}\n`);
}
