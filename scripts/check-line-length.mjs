// Fails when a source line is over 120 columns: the formatter cannot break long strings, comments or regexes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 120;
const files = execFileSync(
  'git',
  ['ls-files', '-co', '--exclude-standard', 'src', 'checks', 'test', 'bench', 'bin', 'scripts'],
  {
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f));
const long = [];
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if ([...line].length > LIMIT) long.push(`${file}:${i + 1}: ${[...line].length} columns`);
    });
}
if (long.length) {
  process.stderr.write(`${long.join('\n')}\n${long.length} line(s) over ${LIMIT} columns\n`);
  process.exit(1);
}
