// The bench's HTTP client: node:http over kept-alive connections. The test helpers' client
// (fetch) costs about 1.5 ms of CPU per call on this 2-core machine, as much as the emulator's
// own work for `hello`, and the bench runs on the same cores as the local cloud: measured
// through fetch, `hello` at 8 callers was bound by the client (1,536 calls/s with the client at
// 95% of a core), not by the local cloud.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface BenchAnswer {
  status: number;
  json: unknown;
}

export function post(
  baseUrl: string,
  urlPath: string,
  body: unknown = {},
  headers: Record<string, string> = {},
): Promise<BenchAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      baseUrl + urlPath,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status !== 200) reject(new Error(`POST ${urlPath} answered ${status}: ${text}`));
          else resolve({ status, json: JSON.parse(text) as unknown });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** POST /functions/<name> as a mini program user (the local cloud's client entry). */
export async function callFunction<T>(
  baseUrl: string,
  name: string,
  event: unknown,
  openid?: string,
): Promise<T> {
  const answer = await post(
    baseUrl,
    `/functions/${encodeURIComponent(name)}`,
    event,
    openid ? { 'x-wx-openid': openid } : {},
  );
  return (answer.json as { result: T }).result;
}

export function closeClient(): void {
  agent.destroy();
}
