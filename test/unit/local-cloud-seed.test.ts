import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../tools/local-cloud/db/database';
import { seedIfEmpty } from '../../tools/local-cloud/seed';

const tempDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));

describe('the demo seed', () => {
  it('still seeds after setup or a captured call left only local-cloud bookkeeping', async () => {
    const db = new Database({ dataDir: tempDataDir() });
    await db.insert('__local_manage', [{ _id: 'stores', indexes: [] }]);
    expect(db.isEmpty()).toBe(true);
    expect(await seedIfEmpty(db, { stores: [{ _id: 'a', name: '店' }] })).toBe(1);
    expect(db.documents('stores')).toEqual([{ _id: 'a', name: '店' }]);
  });

  it('never seeds over a store’s own data', async () => {
    const db = new Database({ dataDir: tempDataDir() });
    await db.insert('stores', [{ _id: 'mine', name: '我的店' }]);
    expect(await seedIfEmpty(db, { stores: [{ _id: 'demo', name: '演示' }] })).toBe(0);
    expect(db.documents('stores').map((d) => d._id)).toEqual(['mine']);
  });
});
