import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { STARTER_CONFIG } from '../config/starter.js';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { writeFileAtomic } from '../result/write-result.js';
import { ConfigError } from '../errors.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`write a commented starter config (${DEFAULT_CONFIG_FILE})`)
    .argument('[file]', 'where to write it', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .action((file: string, flags: { force?: boolean }) => {
      if (existsSync(file) && !flags.force) throw new ConfigError(`${file} already exists (use --force to overwrite)`);
      writeFileAtomic(file, STARTER_CONFIG);
      process.stdout.write(`wrote ${file}: edit target and endpoints, then run \`scale-audit run\`\n`);
    });
}
