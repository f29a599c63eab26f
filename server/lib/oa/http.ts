// JSON over HTTP(S) with node's own modules: the cloud's Node 16 runtime has no global fetch.

import http from 'node:http';
import https from 'node:https';

const TIMEOUT_MS = 5000;

export async function requestJson(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      {
        method,
        timeout: TIMEOUT_MS,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': payload.length }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve(JSON.parse(text) as Record<string, unknown>);
          } catch {
            reject(new Error(`${method} ${target.pathname}: HTTP ${res.statusCode}, not JSON`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${target.pathname}: timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}
