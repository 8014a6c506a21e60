/** The sources a config asks for, one per system (ARCHITECTURE.md Source contract). */
import type { Config } from '../config/schema.js';
import type { Source } from './source.js';
import { PostgresSource, PgBouncerSource } from './postgres/index.js';
import { RedisSource } from './redis-source.js';
import { CeleryRedisSource } from './celery-redis-source.js';
import { RabbitMqSource } from './rabbitmq-source.js';

export function createSources(config: Config): Source[] {
  const s = config.sources;
  const out: Source[] = [];
  if (s.postgres?.primary) out.push(new PostgresSource({ dsn: s.postgres.primary, replicas: s.postgres.replicas, top: s.postgres.top, required: true }));
  if (s.postgres?.pgbouncer) out.push(new PgBouncerSource({ dsn: s.postgres.pgbouncer, required: true }));
  s.redis.forEach((url, i) => out.push(new RedisSource({ url, id: i === 0 ? 'redis' : `redis:${i + 1}`, sessions: s.sessions, required: true })));
  const q = s.queues;
  if (q?.celery_redis) out.push(new CeleryRedisSource({ url: q.celery_redis, names: q.names, required: true }));
  if (q?.rabbitmq) out.push(new RabbitMqSource({ url: q.rabbitmq, names: q.names, required: true }));
  return out;
}

export function hasQueueSources(config: Config): boolean {
  return Boolean(config.sources.queues?.celery_redis || config.sources.queues?.rabbitmq);
}
