// vitest setupFiles: after each test file (and after the file's own afterAll hooks), the Redis
// servers it started are ended and their directories removed (test/support/redis-server.ts).
import { afterAll } from 'vitest';
import { removeTestRedisServers } from './redis-server.js';

afterAll(async () => {
  await removeTestRedisServers();
});
