import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('report is not implemented yet');
    });
}
