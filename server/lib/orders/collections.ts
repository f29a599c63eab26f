// Collection names of the ordering side (see docs/DATA.md).

export const ORDER_COLLECTIONS = {
  orders: 'orders',
  counters: 'counters',
  messages: 'messages',
  payments: 'payments',
} as const;
