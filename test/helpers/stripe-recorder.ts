/**
 * A recording relay in front of stripe-mock: every request the app sends to "Stripe" passes
 * through unchanged and stripe-mock answers it; the relay only keeps a copy of what was sent, so
 * tests can assert the exact parameters of each API call.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  idempotencyKey: string | undefined;
}

export interface StripeRecorder {
  url: string;
  requests: RecordedRequest[];
  clear(): void;
  close(): Promise<void>;
}

export async function startStripeRecorder(targetUrl: string): Promise<StripeRecorder> {
  const target = new URL(targetUrl);
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://relay');
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        params: new URLSearchParams(req.method === 'GET' ? url.search : body.toString('utf8')),
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      const forward = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    clear: () => void requests.splice(0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
