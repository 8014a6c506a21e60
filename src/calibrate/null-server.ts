/**
 * The loopback null server `calibrate` drives: a raw TCP responder on its own thread that answers every request
 * head with a canned 200, doing no work of its own, so what the generator measures against it is the generator's
 * floor (and the loopback's), not a target's. It reads only request heads: calibration sends GET / without a body.
 */
import { Worker } from 'node:worker_threads';

export interface NullServer {
  origin: string;
  close(): Promise<void>;
}

// Plain CommonJS for an eval worker: it runs the same from the TypeScript sources and from dist/.
const SERVER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const net = require('node:net');
const RESPONSE = Buffer.from('HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok', 'latin1');
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let tail = '';
  socket.on('data', (chunk) => {
    const text = tail + chunk.toString('latin1');
    let heads = 0;
    let at = 0;
    for (let i = text.indexOf('\\r\\n\\r\\n'); i !== -1; i = text.indexOf('\\r\\n\\r\\n', at)) {
      heads += 1;
      at = i + 4;
    }
    tail = text.slice(at).slice(-8192);
    if (heads) socket.write(heads === 1 ? RESPONSE : Buffer.concat(Array(heads).fill(RESPONSE)));
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export async function startNullServer(): Promise<NullServer> {
  const worker = new Worker(SERVER_SOURCE, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => void (await worker.terminate()),
  };
}
