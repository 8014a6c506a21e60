import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('init is not implemented yet');
    });
}
