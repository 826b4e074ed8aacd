import { createServer, type Server } from 'node:http';
import { afterAll } from 'vitest';

/**
 * For the health check tests: `livez(status)` starts a loopback server whose `/livez` answers
 * `status` (anything else 404) and returns its port; the servers close after the file's tests.
 * Call it inside the `describe` that uses it.
 */
export function livezStubs(): (status: number) => Promise<number> {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));
  return async (status) => {
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/livez' ? status : 404;
      res.end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  };
}
