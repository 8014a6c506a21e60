/**
 * A throwaway PostgreSQL 15 primary with pg_stat_statements, an optional streaming replica (pg_basebackup -R)
 * and an optional pgbouncer in front of the primary, all on free loopback ports in temp dirs, run as the
 * postgres user. stop() stops exactly what was started (pg_ctl stop -m immediate, pgbouncer by PID).
 */
import { freePorts } from './ports.js';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const APP_DB = 'app';
/** A role that logs in with a password (scram) — for the wrong-password test. */
export const PASSWORD_ROLE = { user: 'audit_pw', password: 'Sup3r-S3cret-pw-7731' };

export interface PostgresCluster {
  /** Superuser DSNs (trust) for the harness and the test app. */
  primaryDsn: string;
  replicaDsn?: string;
  /** Superuser on the admin console of pgbouncer. */
  pgbouncerAdminDsn?: string;
  /** The app database through pgbouncer (transaction pooling, pool_size = options.poolSize). */
  pgbouncerDsn?: string;
  /** The app database with the password role and its real password. */
  passwordDsn: (password: string) => string;
  /** A database on the primary without pg_stat_statements. */
  noExtensionDsn: string;
  ports: { primary: number; replica?: number; pgbouncer?: number };
  stop(): Promise<void>;
}

export interface ClusterOptions {
  replica?: boolean;
  pgbouncer?: boolean;
  /** pgbouncer default_pool_size. */
  poolSize?: number;
}

interface Owner {
  uid: number;
  gid: number;
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  ensurePgbouncerInstalled(options.pgbouncer === true);
  const owner = postgresOwner();
  const root = mkdtempSync(join(tmpdir(), 'scale-audit-pg-'));
  chownSync(root, owner.uid, owner.gid);
  const started: { dataDirs: string[]; bouncer?: ChildProcess } = { dataDirs: [] };
  const stop = once(async () => {
    if (started.bouncer?.pid && started.bouncer.exitCode === null) {
      const exited = new Promise((resolve) => started.bouncer!.once('exit', resolve));
      process.kill(started.bouncer.pid, 'SIGTERM');
      await Promise.race([exited, sleep(3000)]);
    }
    for (const dir of started.dataDirs.reverse()) await pgCtlStop(dir, owner).catch(() => undefined);
    process.off('exit', stopSync);
    removeInBackground(root);
  });
  const stopSync = (): void => {
    if (started.bouncer?.pid && started.bouncer.exitCode === null) started.bouncer.kill('SIGKILL');
    for (const dir of started.dataDirs) {
      try {
        execFileSync(`${PG_BIN}/pg_ctl`, ['stop', '-m', 'immediate', '-D', dir], {
          ...asOwner(owner, root),
          stdio: 'ignore',
        });
      } catch {
        /* already stopped */
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.on('exit', stopSync);

  try {
    const [primaryPort, replicaPort, bouncerPort] = await freePorts(3);
    const primaryDir = join(root, 'primary');
    await run(
      `${PG_BIN}/initdb`,
      ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '-N', '-E', 'UTF8', '--no-locale', '--wal-segsize=1'],
      asOwner(owner, root),
    );
    appendFileSync(`${primaryDir}/postgresql.conf`, serverConf(primaryPort!, root));
    writeFileSync(`${primaryDir}/pg_hba.conf`, HBA);
    await pgCtlStart(primaryDir, owner, root);
    started.dataDirs.push(primaryDir);
    const primaryDsn = `postgres://postgres@127.0.0.1:${primaryPort}/${APP_DB}`;
    await initPrimary(primaryPort!);

    const cluster: PostgresCluster = {
      primaryDsn,
      passwordDsn: (password) =>
        `postgres://${PASSWORD_ROLE.user}:${encodeURIComponent(password)}@127.0.0.1:${primaryPort}/${APP_DB}`,
      noExtensionDsn: `postgres://postgres@127.0.0.1:${primaryPort}/plain`,
      ports: { primary: primaryPort! },
      stop,
    };

    if (options.replica) {
      const replicaDir = join(root, 'replica');
      await run(
        `${PG_BIN}/pg_basebackup`,
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(primaryPort),
          '-U',
          'postgres',
          '-D',
          replicaDir,
          '-R',
          '-X',
          'stream',
          '-c',
          'fast',
        ],
        asOwner(owner, root),
      );
      appendFileSync(`${replicaDir}/postgresql.conf`, `port = ${replicaPort}\n`);
      await pgCtlStart(replicaDir, owner, root);
      started.dataDirs.push(replicaDir);
      cluster.replicaDsn = `postgres://postgres@127.0.0.1:${replicaPort}/${APP_DB}`;
      cluster.ports.replica = replicaPort!;
      await waitForStreaming(primaryDsn);
    }

    if (options.pgbouncer) {
      const ini = join(root, 'pgbouncer.ini');
      writeFileSync(join(root, 'userlist.txt'), '"postgres" ""\n');
      writeFileSync(ini, bouncerIni(primaryPort!, bouncerPort!, root, options.poolSize ?? 2));
      chownSync(ini, owner.uid, owner.gid);
      started.bouncer = spawn('/usr/sbin/pgbouncer', [ini], { ...asOwner(owner, root), stdio: 'ignore' });
      cluster.pgbouncerAdminDsn = `postgres://postgres@127.0.0.1:${bouncerPort}/pgbouncer`;
      cluster.pgbouncerDsn = `postgres://postgres@127.0.0.1:${bouncerPort}/${APP_DB}`;
      cluster.ports.pgbouncer = bouncerPort!;
      await waitForBouncer(cluster.pgbouncerAdminDsn, started.bouncer);
    }
    return cluster;
  } catch (err) {
    await stop();
    throw err;
  }
}

function serverConf(port: number, root: string): string {
  return [
    '',
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${root}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'shared_buffers = 16MB',
    'max_connections = 40',
    'max_wal_senders = 4',
    'wal_level = replica',
    'wal_init_zero = off',
    'hot_standby = on',
    'autovacuum = off',
    'wal_receiver_status_interval = 1s',
    `shared_preload_libraries = 'pg_stat_statements'`,
    'pg_stat_statements.track = top',
    'log_min_messages = warning',
    '',
  ].join('\n');
}

const HBA = [
  `local all all trust`,
  `host all ${PASSWORD_ROLE.user} 127.0.0.1/32 scram-sha-256`,
  `host all all 127.0.0.1/32 trust`,
  `host replication all 127.0.0.1/32 trust`,
  '',
].join('\n');

function bouncerIni(primaryPort: number, port: number, root: string, poolSize: number): string {
  return [
    '[databases]',
    `${APP_DB} = host=127.0.0.1 port=${primaryPort} dbname=${APP_DB}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    `unix_socket_dir = ${root}`,
    'auth_type = trust',
    `auth_file = ${join(root, 'userlist.txt')}`,
    'admin_users = postgres',
    'pool_mode = transaction',
    `default_pool_size = ${poolSize}`,
    'max_client_conn = 100',
    `logfile = ${join(root, 'pgbouncer.log')}`,
    'ignore_startup_parameters = extra_float_digits,options,statement_timeout',
    '',
  ].join('\n');
}

async function initPrimary(port: number): Promise<void> {
  await withClient(`postgres://postgres@127.0.0.1:${port}/postgres`, async (c) => {
    await c.query(`CREATE DATABASE ${APP_DB} STRATEGY FILE_COPY`);
    await c.query('CREATE DATABASE plain STRATEGY FILE_COPY');
    await c.query(`CREATE ROLE ${PASSWORD_ROLE.user} LOGIN PASSWORD '${PASSWORD_ROLE.password}'`);
  });
  await withClient(`postgres://postgres@127.0.0.1:${port}/${APP_DB}`, async (c) => {
    await c.query('CREATE EXTENSION pg_stat_statements');
    await c.query('CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)');
    await c.query(`INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 200) g`);
    await c.query(
      'CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text)',
    );
    await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${PASSWORD_ROLE.user}`);
  });
}

export async function withClient<T>(dsn: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: dsn, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForStreaming(primaryDsn: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const streaming = await withClient(primaryDsn, async (c) => {
      const r = await c.query(`SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'`);
      return r.rows[0].n > 0;
    });
    if (streaming) return;
    await sleep(100);
  }
  throw new Error('replica did not start streaming within 15 s');
}

async function waitForBouncer(adminDsn: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited with code ${child.exitCode}`);
    try {
      await withClient(adminDsn, (c) => c.query('SHOW VERSION'));
      return;
    } catch (err) {
      last = err;
      await sleep(100);
    }
  }
  throw new Error(`pgbouncer did not accept connections: ${String(last)}`);
}

async function pgCtlStart(dir: string, owner: Owner, root: string): Promise<void> {
  await run(`${PG_BIN}/pg_ctl`, ['start', '-w', '-t', '30', '-D', dir, '-l', `${dir}.log`], asOwner(owner, root));
}

async function pgCtlStop(dir: string, owner: Owner): Promise<void> {
  if (!existsSync(join(dir, 'postmaster.pid'))) return;
  await run(`${PG_BIN}/pg_ctl`, ['stop', '-m', 'immediate', '-w', '-D', dir], asOwner(owner, dir));
}

function asOwner(owner: Owner, cwd: string): { uid: number; gid: number; cwd: string; env: NodeJS.ProcessEnv } {
  return {
    uid: owner.uid,
    gid: owner.gid,
    cwd,
    env: { PATH: `${PG_BIN}:/usr/sbin:/usr/bin:/bin`, LANG: 'C', HOME: cwd },
  };
}

function postgresOwner(): Owner {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** pgbouncer comes from Debian; install it once when missing (the CI machine may be fresh). */
function ensurePgbouncerInstalled(needed: boolean): void {
  if (!needed || existsSync('/usr/sbin/pgbouncer')) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'pgbouncer'], { env, stdio: 'ignore' });
}

/** Deleting ~80 MB that reached the disk takes seconds here (ext4 online discard): let rm do it after we return. */
function removeInBackground(dir: string): void {
  const rm = spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' });
  rm.on('error', () => rmSync(dir, { recursive: true, force: true }));
  rm.unref();
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

export { freePorts };

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
