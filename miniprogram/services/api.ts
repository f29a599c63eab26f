// Calls the `api` cloud function and unwraps its envelope, so pages see data or an ApiError
// with a code they can act on — never a raw transport result. Typed by the shared contract:
// the action name fixes both the request and the response type.
import { config } from '../config';
import type { ActionName, ActionRequest, ActionResponse, Envelope } from '../domain/api';
import { forPeople } from '../domain/errors';
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

const transport: CallFunction = createTransport(config);

export async function callApi<A extends ActionName>(
  action: A,
  data: ActionRequest<A>,
): Promise<ActionResponse<A>> {
  let result: unknown;
  try {
    result = await transport('api', { action, data });
  } catch (err) {
    if (err instanceof TransportError) throw new ApiError(err.code, err.message);
    throw err;
  }
  const envelope = result as Envelope<ActionResponse<A>> | null;
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    throw new ApiError('BAD_RESPONSE', `${action}: 服务器返回了无法识别的结果`);
  }
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
  return envelope.data;
}

/** A message a customer can read, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError && err.code === 'NETWORK') return '网络不给力，请检查网络后重试';
  if (err instanceof Error && err.message) return forPeople(err.message);
  return '出了点问题，请稍后重试';
}
