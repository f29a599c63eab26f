// THE collection names: every collection the server reads or writes, named once here. The same
// names are listed (with what each holds) in database/collections.json, with their indexes in
// database/indexes.json and rules in database/rules/<name>.json; test/unit/collections.test.ts
// keeps the four in step. See docs/DATA.md.

export const COLLECTIONS = {
  // The catalog
  stores: 'stores',
  categories: 'categories',
  goods: 'goods',
  tables: 'tables',
  // Ordering
  orders: 'orders',
  counters: 'counters',
  messages: 'messages',
  payments: 'payments',
  // Staff
  staff: 'staff',
  setup: 'setup',
  staffInvites: 'staffInvites',
  // Official account and notifications
  followers: 'followers',
  customers: 'customers',
  subscriptions: 'subscriptions',
  oaInbox: 'oa_inbox',
  oaTokens: 'oa_tokens',
  articles: 'articles',
  // Printing
  printers: 'printers',
  printJobs: 'print_jobs',
  printConfig: 'print_config',
  // Restaurant tables (issue 15)
  tableSessions: 'table_sessions',
  tableSlots: 'table_slots',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
