// Subscribe-message templates the customer is asked for when paying (≤ 3 per request, WeChat's
// rule): the order's status changes. The ids come from storefront.config.json "templates"
// through the build; with none set — local mode, or before the templates exist — the app does
// not ask.
import { config } from '../config';

export const MAX_TEMPLATES_PER_REQUEST = 3;

const { orderStatus, orderReady, orderRefunded } = config.subscribeTemplates;

export const ORDER_SUBSCRIBE_TEMPLATE_IDS: readonly string[] = [
  orderStatus,
  orderReady,
  orderRefunded,
].filter((id) => id !== '');
