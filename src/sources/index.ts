/**
 * The sources a config asks for, one per system (docs/architecture.md Source contract). Each driver (pg, ioredis,
 * amqplib) is loaded only when its source is configured: a run without sources stays small.
 */
import type { Config } from '../config/schema.js';
import type { Source } from './source.js';

export async function createSources(config: Config): Promise<Source[]> {
  const s = config.sources;
  const out: Source[] = [];
  if (s.postgres?.primary || s.postgres?.pgbouncer) {
    const { PostgresSource, PgBouncerSource } = await import('./postgres/index.js');
    if (s.postgres.primary)
      out.push(
        new PostgresSource({
          dsn: s.postgres.primary,
          replicas: s.postgres.replicas,
          top: s.postgres.top,
          required: true,
        }),
      );
    if (s.postgres.pgbouncer) out.push(new PgBouncerSource({ dsn: s.postgres.pgbouncer, required: true }));
  }
  if (s.redis.length) {
    const { RedisSource } = await import('./redis/redis-source.js');
    s.redis.forEach((url, i) =>
      out.push(
        new RedisSource({
          url,
          id: i === 0 ? 'redis' : `redis:${i + 1}`,
          ...(s.sessions ? { sessions: s.sessions } : {}),
          required: true,
        }),
      ),
    );
  }
  const q = s.queues;
  if (q?.celery_redis) {
    const { CeleryRedisSource } = await import('./queues/celery-redis-source.js');
    out.push(new CeleryRedisSource({ url: q.celery_redis, names: q.names, required: true }));
  }
  if (q?.rabbitmq) {
    const { RabbitMqSource } = await import('./queues/rabbitmq-source.js');
    out.push(new RabbitMqSource({ url: q.rabbitmq, names: q.names, required: true }));
  }
  return out;
}

export function hasQueueSources(config: Config): boolean {
  return Boolean(config.sources.queues?.celery_redis || config.sources.queues?.rabbitmq);
}
