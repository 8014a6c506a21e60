/** Commander wiring only: parse flags, call a command, map errors to exit codes. */
import { Command, CommanderError } from 'commander';
import { ExitError, EXIT } from './errors.js';
import { redactText } from './util/redact.js';
import { VERSION } from './version.js';
import { registerCommands } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('scale-audit')
    .description(
      'Load-test a web service and audit its scaling readiness (latency SLOs, Postgres, Redis, queues, CDN).',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
      return EXIT.ok;
    return EXIT.usage;
  }
  if (err instanceof ExitError) {
    process.stderr.write(`scale-audit: ${redactText(err.message)}\n`);
    return err.exitCode;
  }
  const message =
    err instanceof Error ? (process.env.SCALE_AUDIT_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
  process.stderr.write(`scale-audit: internal error: ${redactText(message)}\n`);
  return 70;
}
