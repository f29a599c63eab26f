// Owner actions for the official account: push the custom menu, fetch published articles.

import * as z from 'zod';
import type {
  ArticlesRefreshResponse,
  OaMenuSyncResponse,
} from '../../../../miniprogram/domain/oa';
import { DomainError } from '../../../../miniprogram/domain/errors';
import { cloud, getDb } from '../../../lib/cloud';
import type { ActionSpec } from '../../../lib/dispatch';
import { OaApiError, callOaApi } from '../../../lib/oa/api';
import { refreshArticles } from '../../../lib/oa/articles';
import { oaSettings } from '../../../config';
import { oaMenu } from '../../../lib/oa/menu';

const noInput = z.strictObject({});

/** WeChat's refusal, passed on to the owner with its code. */
function asDomainError(error: unknown): never {
  if (error instanceof OaApiError) {
    throw new DomainError('OA_API_FAILED', `公众号接口调用失败 (${error.message})`);
  }
  throw error;
}

export const oaMenuSync: ActionSpec<Record<string, never>, OaMenuSyncResponse> = {
  input: noInput,
  role: 'owner',
  async handler() {
    const settings = oaSettings();
    const menu = oaMenu(settings.miniAppid || cloud.getWXContext().APPID || '');
    try {
      await callOaApi(getDb(), 'menu/create', { body: menu }, settings);
    } catch (error) {
      asDomainError(error);
    }
    return { buttons: menu.button.length };
  },
};

export const articlesRefresh: ActionSpec<Record<string, never>, ArticlesRefreshResponse> = {
  input: noInput,
  role: 'owner',
  async handler() {
    try {
      return { stored: await refreshArticles(getDb()) };
    } catch (error) {
      return asDomainError(error);
    }
  },
};
