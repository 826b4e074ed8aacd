import type { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { createRedisConnection } from '../../src/queue/redis-connection.js';
import { startRedisServer, type OwnRedis } from './redis-server.js';

/** What {@link ownRedisConnections} gives a test file. */
export interface OwnRedisConnections {
  /** Starts a `redis-server` of its own with `args`; a producer connection to it. */
  connectTo(args: readonly string[]): Promise<Redis>;
  /** The servers started in this test, in order (to stop one mid-test). */
  readonly servers: readonly OwnRedis[];
  /** Drops `connection` after the test as well. */
  adopt(connection: Redis): Redis;
}

/**
 * For a test file that checks Redis settings: servers of its own, producer connections to them
 * (errors swallowed: tests stop servers), and after each test the connections dropped and the
 * servers stopped. Call it at the top level.
 */
export function ownRedisConnections(): OwnRedisConnections {
  const started: OwnRedis[] = [];
  const connections: Redis[] = [];
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.disconnect();
    for (const server of started.splice(0)) await server.stop();
  });
  const adopt = (connection: Redis) => {
    connections.push(connection);
    return connection;
  };
  return {
    servers: started,
    adopt,
    async connectTo(args) {
      const server = await startRedisServer(args);
      started.push(server);
      return adopt(createRedisConnection(server.url, 'producer', { onError: () => undefined }));
    },
  };
}
