import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('run is not implemented yet');
    });
}
