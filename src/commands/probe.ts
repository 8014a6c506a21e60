import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('probe is not implemented yet');
    });
}
