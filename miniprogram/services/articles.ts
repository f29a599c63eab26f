// The official account's latest articles (api action articles.latest), for the home page.
import type { ArticleView } from '../domain/oa';
import { callApi } from './api';

export function fetchLatestArticles(limit = 3): Promise<ArticleView[]> {
  return callApi('articles.latest', { limit }).then((answer) => answer.articles);
}
