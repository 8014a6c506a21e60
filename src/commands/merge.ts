import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('merge is not implemented yet');
    });
}
