// Calls the `api` cloud function and unwraps its envelope, so pages see data or an ApiError
// with a code they can act on — never a raw transport result.
import { config } from '../config';
import { createTransport, TransportError, type CallFunction } from './transport';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const transport: CallFunction = createTransport(config);

export async function callApi<T>(action: string, data: object = {}): Promise<T> {
  let result: unknown;
  try {
    result = await transport('api', { action, data });
  } catch (err) {
    if (err instanceof TransportError) throw new ApiError(err.code, err.message);
    throw err;
  }
  const envelope = result as Envelope<T> | null;
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new ApiError('BAD_RESPONSE', `${action}: 服务器返回了无法识别的结果`);
  }
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
  return envelope.data;
}
