// The official account's latest articles, for the home page.

import * as z from 'zod';
import type {
  ArticlesLatestRequest,
  ArticlesLatestResponse,
} from '../../../../miniprogram/domain/oa';
import { getDb } from '../../../lib/cloud';
import type { ActionSpec } from '../../../lib/dispatch';
import { latestArticles } from '../../../lib/oa/articles';

export const articlesLatest: ActionSpec<ArticlesLatestRequest, ArticlesLatestResponse> = {
  input: z.strictObject({ limit: z.number().int().min(1).max(10).optional() }),
  role: 'anyone',
  async handler(input) {
    const docs = await latestArticles(getDb(), input.limit ?? 3);
    return {
      articles: docs.map(({ _id, title, digest, url, thumbUrl, updateTime }) => ({
        _id,
        title,
        digest,
        url,
        thumbUrl,
        updateTime,
      })),
    };
  },
};
