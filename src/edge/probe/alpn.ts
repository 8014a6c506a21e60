/** Which protocol a TLS server picks when offered h2 and http/1.1 (ALPN). */
import { isIP } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';

export interface TlsTrust {
  rejectUnauthorized: boolean;
  ca?: string | Buffer;
}

export function negotiateAlpn(url: URL, trust: TlsTrust, signal: AbortSignal): Promise<string> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: ConnectionOptions = {
    host,
    port: Number(url.port || 443),
    ALPNProtocols: ['h2', 'http/1.1'],
    rejectUnauthorized: trust.rejectUnauthorized,
    ...(trust.ca ? { ca: trust.ca } : {}),
    // SNI must not be an IP address (RFC 6066).
    ...(isIP(host) ? {} : { servername: host }),
  };
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const socket = connect(options);
    const onAbort = (): void => {
      socket.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', onAbort);
      const protocol = socket.alpnProtocol;
      socket.destroy();
      resolve(typeof protocol === 'string' && protocol ? protocol : 'http/1.1');
    });
    socket.once('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(err);
    });
  });
}
