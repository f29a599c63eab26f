// Every error code the API can answer with, in one list, so the client can switch on them and
// docs/API.md can name them. The message that travels with a code is for a person to read.

export const ERROR_CODES = {
  UNKNOWN_ACTION: 'The action name is not one the api function knows.',
  INVALID_INPUT: 'The request data does not match the action’s schema.',
  UNAUTHENTICATED: 'The call carries no WeChat identity (OPENID).',
  FORBIDDEN: 'The caller’s role may not run this action.',
  NOT_FOUND: 'The store, goods item or record does not exist (or is not visible).',
  INVALID_SELECTION: 'A spec / add-on choice is not valid for that goods item.',
  INVALID_AMOUNT: 'An amount of money or a quantity is not a non-negative integer.',
  INVALID_HOURS: 'Opening hours are malformed in the store record.',
  INVALID_SCENE: 'A QR-code scene string is longer than WeChat allows (32 characters).',
  SOLD_OUT: 'The goods item or option cannot be ordered right now.',
  STORE_CLOSED: 'The store is not taking orders at this time.',
  ILLEGAL_TRANSITION: 'The order cannot move from its current status to the one asked for.',
  PRICE_CHANGED: 'The server’s total differs from the one the client expected; re-quote first.',
  BELOW_MINIMUM_ORDER: 'The goods subtotal is below the store’s minimum for delivery.',
  OUT_OF_DELIVERY_RANGE: 'The delivery address is farther from the store than it delivers.',
  DELIVERY_UNAVAILABLE: 'The store does not deliver.',
  INVALID_PICKUP_TIME: 'The pickup time is in the past, too far ahead or outside opening hours.',
  ORDER_NOT_PAYABLE: 'The order is no longer waiting for payment.',
  PAYMENT_FAILED: 'WeChat Pay refused to start the payment; the order is unchanged.',
  INVALID_CODE: 'A setup or invite code is wrong, expired or already used.',
  OA_API_FAILED: 'The official account’s API refused the call (its errcode is in the message).',
  PRINTER_FAILED:
    'The cloud printer’s vendor refused or could not be reached (its code is in the message).',
  INTERNAL: 'Something failed on the server; the request may be retried.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A failure the caller can act on: it carries a stable `code` and a human-readable message. */
export class DomainError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    // Keeps `instanceof` working when compiled down to ES5-style classes.
    Object.setPrototypeOf(this, DomainError.prototype);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/**
 * The part of a server message meant for the person at the phone: messages read
 * "中文说明 (detail for the developer)", and the English detail only confuses a customer or
 * a clerk. A message that is not Chinese is left whole.
 */
export function forPeople(message: string): string {
  if (!/[\u4e00-\u9fff]/.test(message)) return message;
  return message.replace(/\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]\s*$/, '').trim() || message;
}
