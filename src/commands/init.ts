import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { DJANGO_STARTER_CONFIG, DJANGO_STARTER_USERS, STARTER_CONFIG } from '../config/starter.js';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../config/load.js';
import { writeFileAtomic } from '../result/write-result.js';
import { ConfigError } from '../errors.js';
import { schemaLine } from '../config/schema-line.js';
import { PACKAGE_ROOT } from '../version.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`write a commented starter config (${DEFAULT_CONFIG_FILE})`)
    .argument('[file]', 'where to write it', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .option('--django', 'a Django site: login → cart → checkout flow with CSRF, sessions and a users.csv')
    .action((file: string, flags: { force?: boolean; django?: boolean }) => {
      if (existsSync(file) && !flags.force) throw new ConfigError(`${file} already exists (use --force to overwrite)`);
      const starter = flags.django ? DJANGO_STARTER_CONFIG : STARTER_CONFIG;
      writeFileAtomic(file, schemaLine(dirname(resolve(file)), PACKAGE_ROOT) + starter);
      process.stdout.write(`wrote ${file}: edit target and endpoints, then run \`scale-audit run\`\n`);
      const users = join(dirname(file), 'users.csv');
      if (flags.django && !existsSync(users)) {
        writeFileAtomic(users, DJANGO_STARTER_USERS);
        process.stdout.write(`wrote ${users}: one row per test user (unique: each login once)\n`);
      }
    });
}
