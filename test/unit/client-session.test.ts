// The session: the launch is parsed once; a code for another store switches store and table.
import { SessionStore } from '../../miniprogram/stores/session';

declare global {
  var wx: {
    getStorageSync(key: string): unknown;
    setStorageSync(key: string, value: unknown): void;
    removeStorageSync(key: string): void;
  };
}

const storage = new Map<string, unknown>();
globalThis.wx = {
  getStorageSync: (key) => storage.get(key) ?? '',
  setStorageSync: (key, value) => void storage.set(key, value),
  removeStorageSync: (key) => void storage.delete(key),
};

beforeEach(() => storage.clear());

const tableCode = (scene: string) => ({ scene: 1011, query: { scene: encodeURIComponent(scene) } });

describe('session', () => {
  it('takes store, table and source from a table code, once', () => {
    const session = new SessionStore();
    session.start(tableCode('s=jingan&t=A3'));
    session.start(tableCode('s=xujiahui&t=B1')); // a second start is ignored
    expect(session).toMatchObject({ storeId: 'jingan', tableNo: 'A3', source: 'table_qr' });
  });

  it('reuses the last store when the launch names none', () => {
    new SessionStore().start(tableCode('s=jingan&t=A3'));
    const next = new SessionStore();
    next.start({ scene: 1001, query: {} });
    expect(next).toMatchObject({ storeId: 'jingan', tableNo: '', source: 'other' });
    const fresh = new SessionStore();
    storage.clear();
    fresh.start({ scene: 1001 });
    expect(fresh.storeId).toBe(''); // the server picks the default store
  });

  it('switches store and table when a code for another store is scanned', () => {
    const session = new SessionStore();
    session.start(tableCode('s=xujiahui&t=A1'));
    expect(session.enter(tableCode('s=jingan&t=B2'))).toBe(true);
    expect(session).toMatchObject({ storeId: 'jingan', tableNo: 'B2' });
    expect(session.enter({ scene: 1089, query: {} })).toBe(false); // no store named: stay
    expect(session.storeId).toBe('jingan');
  });

  it('coming back to the app repeats the last entry: it does not undo a store picked since', () => {
    const session = new SessionStore();
    const launch = { ...tableCode('s=xujiahui&t=A1'), path: 'pages/home/index' };
    session.start(launch);
    session.selectStore('jingan');
    // App.onShow after the pay sheet, a phone call or the map hands over the launch again.
    expect(session.enter({ ...launch, path: '/pages/home/index' })).toBe(false);
    expect(session.storeId).toBe('jingan');
    // A goods card opened while the app was in the background is a new entry.
    session.enter({
      scene: 1058,
      query: { storeId: 'jingan', goodsId: 'g1' },
      path: 'pages/menu/index',
    });
    expect(session.takeLinkedGoods()).toBe('g1');
  });

  it('drops the table when the customer picks another store', () => {
    const session = new SessionStore();
    session.start(tableCode('s=xujiahui&t=A1'));
    session.selectStore('jingan');
    expect(session).toMatchObject({ storeId: 'jingan', tableNo: '' });
  });
});
