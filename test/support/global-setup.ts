import { execFileSync } from 'node:child_process';

/** CLI tests spawn bin/scale-audit.js, which loads dist/: build once before the suite. */
export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
