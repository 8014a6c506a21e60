import type { Command } from 'commander';
import { ConfigError } from '../errors.js';

export function registerDrill(program: Command): void {
  program
    .command('drill')
    .description('(not implemented yet)')
    .allowUnknownOption()
    .action(() => {
      throw new ConfigError('drill is not implemented yet');
    });
}
