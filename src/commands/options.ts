/** Option helpers shared by the commands. */
import { Option, type Command } from 'commander';
import { FAIL_ON_LEVELS, REPORT_FORMATS } from '../config/choices.js';

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds an option that may be given several times. */
export function repeatable(flags: string, description: string): Option {
  return new Option(flags, description).argParser(collect);
}

/** The target, its endpoints and how requests are sent: shared by `run`, `drill` and `capacity`. */
export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'YAML or JSON config (default ./scale-audit.yml when present)')
    .option('--target <url>', 'base URL of the service under test')
    .addOption(repeatable('--path <path>', "endpoint path, repeatable; 'METHOD /path' allowed"))
    .option('--timeout <d>', 'per-request timeout, e.g. 10s')
    .option('--seed <n>', 'seed of the endpoint mix')
    .addOption(repeatable('--header <header>', "'Name: value', repeatable"))
    .option('--app-token <token>', "the app's SCALE_AUDIT_TOKEN: read its per-request figures (Server-Timing)")
    .option('--workers <n>', 'worker threads (default: number of cores)')
    .option('--insecure', 'TLS: accept self-signed certificates');
}

/** The sources sampled while the load runs. */
export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--pg <dsn>', 'PostgreSQL primary DSN')
    .addOption(repeatable('--pg-replica <dsn>', 'PostgreSQL replica DSN, repeatable'))
    .option('--pgbouncer <dsn>', 'pgbouncer admin console DSN')
    .addOption(repeatable('--redis <url>', 'Redis URL, repeatable'))
    .option('--celery-redis <url>', 'Redis broker of Celery')
    .option('--rabbitmq <url>', 'RabbitMQ broker (amqp://)')
    .addOption(repeatable('--queue <name>', 'queue name, repeatable'));
}

export function addSloOption(cmd: Command): Command {
  return cmd.addOption(repeatable('--slo <name=value>', 'SLO, e.g. p95=300ms, error_rate=1%; repeatable'));
}

/** Where the result and the report go, and what makes exit 1. */
export function addOutputOptions(cmd: Command, defaultOut: string): Command {
  return cmd
    .option('--out <file>', `where to write the RunResult (default ${defaultOut})`)
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS))
    .option('--report-out <file>', 'write the report to a file instead of stdout')
    .option('--quiet', 'no live line or summary; only errors')
    .addOption(new Option('--fail-on <level>', 'what makes exit code 1').choices(FAIL_ON_LEVELS))
    .option('--dry-run', 'print the plan and send nothing');
}

/** The flags of `capacity`: the target, sources and SLO flags of `run`, and the search. */
export function addCapacityOptions(cmd: Command): Command {
  addTargetOptions(cmd)
    .option('--start <n>', 'first step, req/s (default 50)')
    .option('--max <n>', 'highest rate the search may ask for, req/s (default 5000)')
    .option('--step <d>', 'how long each step holds its rate (default 20s)')
    .option('--settle <d>', "each step's unjudged start (default step/4, 1–10s)")
    .option('--cooldown <d>', 'pause between steps (default step/4, 1–5s)')
    .option('--confirm <d>', 'confirmation hold at the answer (default 2 × step; 0: none)')
    .option('--precision <p>', 'bisect until the bracket is within this share (default 5%)')
    .option('--min-rate <n>', 'gate: exit 1 when the confirmed capacity is below this rate (or "6x" of --baseline)')
    .option('--baseline <file>', 'a stored run.json or capacity.json whose rate --min-rate 6x multiplies');
  return addHistoryOptions(addOutputOptions(addSloOption(addSourceOptions(cmd)), 'capacity.json'));
}

/** `--history FILE`, `--no-history`, `--label TEXT`: where run, merge and capacity record their results. */
export function addHistoryOptions(cmd: Command): Command {
  return cmd
    .option('--history <file>', 'history store to record the result in (default .scale-audit/history.db)')
    .option('--no-history', 'record nothing in the history store')
    .option('--label <text>', 'label the recorded result (filter with history --label)');
}
