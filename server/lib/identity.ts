// Who is calling. Identity comes only from the platform's context, never from request data.

import { cloud } from './cloud';

export interface Identity {
  /** Empty when the call did not come from a mini program user (e.g. a timer or HTTP access). */
  openid: string;
  unionid: string;
  appid: string;
}

export function currentIdentity(): Identity {
  const context = cloud.getWXContext();
  return {
    openid: context.OPENID ?? '',
    unionid: context.UNIONID ?? '',
    appid: context.APPID ?? '',
  };
}
