import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('compare is not implemented yet');
    });
}
