// Every page has one path in domain/routes, and a link built for a page reads back the same
// on that page — including text a customer typed and characters that need escaping.
import fs from 'node:fs';
import path from 'node:path';
import {
  orderDetailUrl,
  PAGES,
  parseJoinQuery,
  parseOrderDetailQuery,
  parseResultQuery,
  parseStaffQuery,
  resultUrl,
  staffPageUrl,
  url,
} from '../../miniprogram/domain/routes';

/** What WeChat hands a page's onLoad for a url: the query's values, still encoded. */
function queryOf(link: string): Record<string, string> {
  const query: Record<string, string> = {};
  const search = link.split('?')[1] ?? '';
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value] = pair.split('=');
    query[key] = value;
  }
  return query;
}

describe('routes', () => {
  it('name every page of app.json, and only those', () => {
    const app = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../miniprogram/app.json'), 'utf8'),
    ) as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
    const declared = [
      ...app.pages,
      ...app.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
    ];
    expect(Object.values(PAGES).sort()).toEqual(declared.sort());
  });

  it('read back what the link carried, message and code included', () => {
    const link = resultUrl({
      orderId: 'o&1=2',
      outcome: 'failed',
      message: '支付失败：余额不足 & 重试?',
      code: 'ORDER_NOT_PAYABLE',
    });
    expect(link.startsWith(`/${PAGES.result}?`)).toBe(true);
    expect(parseResultQuery(queryOf(link))).toEqual({
      orderId: 'o&1=2',
      outcome: 'failed',
      message: '支付失败：余额不足 & 重试?',
      code: 'ORDER_NOT_PAYABLE',
    });
    expect(parseOrderDetailQuery(queryOf(orderDetailUrl({ orderId: 'x', pay: true })))).toEqual({
      orderId: 'x',
      pay: true,
    });
    expect(orderDetailUrl({ orderId: 'x' })).toBe(`/${PAGES.orderDetail}?id=x`);
    expect(parseStaffQuery(queryOf(staffPageUrl('staffGoods', 'store 1')))).toEqual({
      storeId: 'store 1',
    });
  });

  it('leave a page usable when its query is missing or malformed', () => {
    expect(parseResultQuery({ id: '%E4%', outcome: 'bogus' })).toEqual({
      orderId: '%E4%',
      outcome: 'paid',
      message: '',
      code: '',
    });
    expect(parseOrderDetailQuery({})).toEqual({ orderId: '', pay: false });
    expect(parseJoinQuery({ scene: 'ABCD1234' })).toEqual({ code: 'ABCD1234' });
    expect(url('menu')).toBe('/pages/menu/index');
  });
});
