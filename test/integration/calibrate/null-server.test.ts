import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startNullServer } from '../../../src/calibrate/null-server.js';

describe('the null server', () => {
  it('answers every request head on a connection with a 200, pipelined or split across reads', async () => {
    const server = await startNullServer();
    try {
      const { hostname, port } = new URL(server.origin);
      expect(hostname).toBe('127.0.0.1');
      const socket = connect(Number(port), hostname);
      let received = '';
      socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
      const head = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
      socket.write(head + head);
      socket.write(head.slice(0, 10));
      setTimeout(() => socket.write(head.slice(10)), 20);
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if ((received.match(/HTTP\/1\.1 200 OK/g) ?? []).length >= 3) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      expect(received.match(/HTTP\/1\.1 200 OK\r\nContent-Length: 2\r\n\r\nok/g)).toHaveLength(3);
      socket.destroy();
    } finally {
      await server.close();
    }
  });
});
