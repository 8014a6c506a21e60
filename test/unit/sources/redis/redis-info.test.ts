import { describe, expect, it } from 'vitest';
import { infoNumber, parseRedisInfo } from '../../../../src/sources/redis/redis-info.js';

const INFO = [
  '# Server',
  'redis_version:7.0.15',
  'run_id:4c8b0f6a1e2d',
  '',
  '# Stats',
  'total_commands_processed:1234',
  'keyspace_hits:700',
  'keyspace_misses:300',
  'evicted_keys:0',
  '',
  '# Memory',
  'used_memory:1048576',
  'maxmemory:0',
  'maxmemory_policy:noeviction',
  '# Keyspace',
  'db0:keys=3,expires=0,avg_ttl=0',
].join('\r\n');

describe('parseRedisInfo', () => {
  it('reads fields across sections and CRLF lines', () => {
    const fields = parseRedisInfo(INFO);
    expect(fields.redis_version).toBe('7.0.15');
    expect(fields.run_id).toBe('4c8b0f6a1e2d');
    expect(infoNumber(fields, 'keyspace_hits')).toBe(700);
    expect(infoNumber(fields, 'used_memory')).toBe(1048576);
    expect(fields.maxmemory_policy).toBe('noeviction');
  });

  it('keeps values that contain colons whole and skips headers', () => {
    const fields = parseRedisInfo('# Keyspace\ndb0:keys=3,expires=0\nexecutable:/usr/bin/redis-server');
    expect(fields.db0).toBe('keys=3,expires=0');
    expect(fields.executable).toBe('/usr/bin/redis-server');
    expect(Object.keys(fields)).not.toContain('# Keyspace');
  });

  it('reads an absent or non-numeric counter as 0', () => {
    const fields = parseRedisInfo(INFO);
    expect(infoNumber(fields, 'evicted_keys')).toBe(0);
    expect(infoNumber(fields, 'no_such_field')).toBe(0);
    expect(infoNumber(fields, 'maxmemory_policy')).toBe(0);
  });
});
