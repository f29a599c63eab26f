// One SDK initialisation and one database client per container, shared by every action.
// Lazy, so that the environment (TCB_ENV, TCB_CONTEXT_CNFG …) is read at the first call.

import * as cloud from 'wx-server-sdk';

export type Database = ReturnType<typeof cloud.database>;

let database: Database | undefined;

export function getDb(): Database {
  if (!database) {
    // DYNAMIC_CURRENT_ENV (a symbol the typings do not admit) = the env the function runs in.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    database = cloud.database();
  }
  return database;
}

export { cloud };
