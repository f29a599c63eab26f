// Every path the OA side puts in menus, messages, links and article cards parses back into the
// right page, store, table, goods or order, with the launch's source.

import { entryPath, parseLaunch } from '../../miniprogram/domain/entry';
import { miniProgramLink, parseTableScene } from '../../server/lib/oa/links';
import { oaMenu } from '../../server/lib/oa/menu';

/** What wx.getLaunchOptionsSync() gives for a path with a query. */
function launch(scene: number, path: string) {
  const [page, search = ''] = path.split('?');
  return { scene, path: page, query: Object.fromEntries(new URLSearchParams(search)) };
}

describe('entry paths', () => {
  it('an OA menu button opens the menu (scene 1035)', () => {
    const [button] = oaMenu('wxmini').button;
    expect(parseLaunch(launch(1035, button.pagepath!))).toEqual({
      page: 'menu',
      source: 'oa_menu',
      scene: 1035,
    });
  });

  it('a table link opens that store’s menu at that table', () => {
    const path = entryPath({ page: 'menu', storeId: 'xujiahui', tableNo: 'A 3' });
    expect(path).toBe('pages/menu/index?storeId=xujiahui&tableNo=A%203');
    expect(parseLaunch(launch(1082, path))).toMatchObject({
      page: 'menu',
      storeId: 'xujiahui',
      tableNo: 'A 3',
      scene: 1082,
    });
  });

  it('a goods card in an article opens the menu at that goods item (scene 1058)', () => {
    const path = entryPath({ page: 'menu', storeId: 'jingan', goodsId: 'jingan-latte' });
    expect(parseLaunch(launch(1058, path))).toEqual({
      page: 'menu',
      storeId: 'jingan',
      goodsId: 'jingan-latte',
      source: 'oa_article',
      scene: 1058,
    });
  });

  it('a template message opens the order (scene 1043), a subscribe message too (1014 + from)', () => {
    const oaPath = entryPath({ page: 'order', orderId: '2026050112300012345678' }, 'oa_template');
    expect(oaPath).toBe(
      'packages/order/pages/detail/index?id=2026050112300012345678&from=oa_template',
    );
    expect(parseLaunch(launch(1043, oaPath))).toEqual({
      page: 'order',
      orderId: '2026050112300012345678',
      source: 'oa_template',
      scene: 1043,
    });
    // A scene that does not name its source takes the link's own `from`.
    expect(parseLaunch(launch(1014, oaPath))).toMatchObject({ source: 'oa_template', scene: 1014 });
    const subscribePath = entryPath({ page: 'order', orderId: 'o1' }, 'subscribe');
    expect(parseLaunch(launch(1014, subscribePath))).toMatchObject({
      page: 'order',
      orderId: 'o1',
      source: 'other',
      scene: 1014,
    });
  });

  it('a link cannot claim to be a table code, and unknown pages are "other"', () => {
    expect(parseLaunch(launch(1082, 'pages/menu/index?from=table_qr'))).toMatchObject({
      source: 'other',
    });
    expect(parseLaunch(launch(1001, '/pages/me/index'))).toMatchObject({ page: 'other' });
    expect(parseLaunch(launch(1001, '/pages/home/index'))).toMatchObject({ page: 'home' });
  });
});

describe('OA links', () => {
  it('builds a text-message link with the mini program appid and escaped path', () => {
    expect(miniProgramLink('wxmini', { page: 'menu', storeId: 's', tableNo: '1' }, '点餐')).toBe(
      '<a data-miniprogram-appid="wxmini" data-miniprogram-path="pages/menu/index?storeId=s&amp;tableNo=1" href="">点餐</a>',
    );
  });

  it('reads a table from a parametric code’s scene, and nothing else', () => {
    expect(parseTableScene('s=xujiahui&t=A3')).toEqual({ storeId: 'xujiahui', tableNo: 'A3' });
    expect(parseTableScene('s=xujiahui')).toBeNull();
    expect(parseTableScene('promo2026')).toBeNull();
  });
});
