// The one shape every api answer has, and the translation of thrown errors into it.

import type { ApiError, Envelope } from '../../miniprogram/domain/api';
import { isDomainError } from '../../miniprogram/domain/errors';

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function fail(error: ApiError): Envelope<never> {
  return { ok: false, error };
}

/** DomainErrors keep their code and message; anything else is logged and hidden as INTERNAL. */
export function toFailure(error: unknown): Envelope<never> {
  if (isDomainError(error)) return fail({ code: error.code, message: error.message });
  console.error('[api] unexpected error', error);
  return fail({ code: 'INTERNAL', message: '服务器开小差了，请稍后重试 (internal error)' });
}
