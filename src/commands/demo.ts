import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('demo is not implemented yet');
    });
}
