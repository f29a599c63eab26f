// Where the checkout and the order detail send the customer once the payment sheet has answered.
import type { PayResult } from '../../services/payment';

const RESULT_PAGE = '/packages/order/pages/result/index';

export function resultUrl(orderId: string, result: PayResult): string {
  const message = result.message ? `&message=${encodeURIComponent(result.message)}` : '';
  const code = result.code ? `&code=${encodeURIComponent(result.code)}` : '';
  return `${RESULT_PAGE}?id=${encodeURIComponent(orderId)}&outcome=${result.outcome}${message}${code}`;
}
