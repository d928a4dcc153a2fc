import { Agent, request } from 'node:http';

export type HttpResponse = { status: number; body: string };

/** One keep-alive agent per caller, so requests reuse connections like the SDK's own agent does. */
export const keepAliveAgent = () => new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** GET with a hard timeout; only loopback targets are ever passed in. */
export function httpGet(url: string, agent: Agent, timeoutMs: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    // Set by the bench (and inherited by its load worker): the access token every API request carries.
    const token = process.env.PARKPUNT_BENCH_TOKEN;
    const headers = token ? { authorization: `Bearer ${token}` } : undefined;
    const req = request(url, { agent, method: 'GET', timeout: timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export async function getJson<T>(url: string, agent: Agent): Promise<T> {
  const response = await httpGet(url, agent, 10_000);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${response.body.slice(0, 200)}`);
  return JSON.parse(response.body) as T;
}

export function assertLoopback(url: string): void {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
    throw new Error(`the bench only targets loopback addresses, not ${hostname}`);
  }
}
