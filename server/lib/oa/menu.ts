// THE official account's custom menu (cgi-bin/menu/create): ≤ 3 buttons × ≤ 5 sub-buttons.
// Mini program buttons need `url` too: old WeChat clients that cannot open mini programs open it
// instead (STOREFRONT_OA_MENU_FALLBACK_URL, e.g. the store's web page).

import { entryPath } from '../../../miniprogram/domain/entry';
import { PAGES, withQuery } from '../../../miniprogram/domain/routes';
import { oaMenuFallbackUrl } from '../../config';

interface MenuButton {
  type?: 'miniprogram' | 'view' | 'click';
  name: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  key?: string;
  sub_button?: MenuButton[];
}

export function oaMenu(miniAppid: string): { button: MenuButton[] } {
  const url = oaMenuFallbackUrl();
  const mini = (name: string, pagepath: string): MenuButton => ({
    type: 'miniprogram',
    name,
    url,
    appid: miniAppid,
    pagepath,
  });
  return {
    button: [
      mini('点餐', entryPath({ page: 'menu' }, 'oa_menu')),
      {
        name: '门店',
        sub_button: [
          mini('附近门店', entryPath({ page: 'home' }, 'oa_menu')),
          mini('我的订单', withQuery(PAGES.orders, { from: 'oa_menu' })),
        ],
      },
    ],
  };
}
