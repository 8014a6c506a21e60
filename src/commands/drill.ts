import type { Command } from 'commander';
import { repeatable } from './options.js';
import type { RunFlags } from '../config/flags.js';
import { withDrillFlags, type DrillFlags } from '../drill/schedule-flags.js';
import { addRunOptions, runCommand } from './run.js';

export function registerDrill(program: Command): void {
  addRunOptions(
    program
      .command('drill')
      .description('run load while breaking something on a schedule; measure the degradation and the time to recover'),
  )
    .addOption(
      repeatable(
        '--action <at:command>',
        "fault: a shell command at a time after load start, e.g. '30s:kill 1234'; repeatable",
      ),
    )
    .addOption(
      repeatable(
        '--recover <at:command>',
        "recovery of the --action in the same position, e.g. '60s:systemctl start app'; repeatable",
      ),
    )
    .action(async (flags: RunFlags & DrillFlags) => {
      process.exitCode = await runCommand(flags, (config) => withDrillFlags(config, flags));
    });
}
