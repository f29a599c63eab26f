// CloudBase HTTP access: /http/<path> reaches the function bound to that path (config.json
// `{"httpAccess": {"path": "/oa"}}`, default `/<function name>`), longest path prefix wins.
// The function gets CloudBase's integrated-request event and may answer
// {statusCode, headers, body, isBase64Encoded}; any other value is sent as JSON (or text).
import type { IncomingHttpHeaders } from 'node:http';
import type { FunctionCatalog, FunctionDefinition } from './functions/catalog';
import type { FunctionRuntime } from './functions/runtime';

export interface HttpAccessRequest {
  method: string;
  /** Path after /http, starting with "/". */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpAccessResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript))/;

export async function handleHttpAccess(
  catalog: FunctionCatalog,
  runtime: FunctionRuntime,
  req: HttpAccessRequest,
): Promise<HttpAccessResponse> {
  catalog.refresh();
  const fn = route(catalog.list(), req.path);
  if (!fn) return text(404, `no function bound to ${req.path}`);
  const contentType = String(req.headers['content-type'] ?? '');
  const isText = req.body.length === 0 || TEXT_TYPES.test(contentType);
  const event = {
    path: req.path,
    httpMethod: req.method,
    headers: flattenHeaders(req.headers),
    queryStringParameters: Object.fromEntries(req.query),
    requestContext: { appId: '', envId: 'local', requestId: '', uin: '' },
    body: isText ? req.body.toString('utf8') : req.body.toString('base64'),
    isBase64Encoded: !isText,
  };
  try {
    return toResponse(await runtime.invoke(fn.name, event, { source: 'wx_http' }));
  } catch (error) {
    return text(502, `function ${fn.name} failed: ${(error as Error).message}`);
  }
}

function route(functions: FunctionDefinition[], path: string): FunctionDefinition | undefined {
  return functions
    .filter((fn) => path === fn.httpPath || path.startsWith(`${fn.httpPath.replace(/\/$/, '')}/`))
    .sort((a, b) => b.httpPath.length - a.httpPath.length)[0];
}

function toResponse(result: unknown): HttpAccessResponse {
  if (isIntegrated(result)) {
    const headers = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([key, value]) => [
        key.toLowerCase(),
        String(value),
      ]),
    );
    const raw = result.body ?? '';
    const body =
      typeof raw === 'string'
        ? Buffer.from(raw, result.isBase64Encoded ? 'base64' : 'utf8')
        : Buffer.from(JSON.stringify(raw));
    headers['content-type'] ??=
      typeof raw === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    return { statusCode: result.statusCode, headers, body };
  }
  if (typeof result === 'string') return text(200, result);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(result)),
  };
}

function isIntegrated(result: unknown): result is {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: boolean;
} {
  return (
    typeof result === 'object' &&
    result !== null &&
    typeof (result as { statusCode?: unknown }).statusCode === 'number'
  );
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function text(statusCode: number, message: string): HttpAccessResponse {
  return {
    statusCode,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(message),
  };
}
