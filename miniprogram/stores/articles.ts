// The official account's latest articles (home's 门店动态, me's follow entry). Optional: without
// them there is no card, so a failure leaves the list as it was.
import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { ArticleView } from '../domain/oa';
import { fetchLatestArticles } from '../services/articles';

export class ArticlesStore {
  latest: ArticleView[] = [];

  constructor() {
    makeAutoObservable(this);
  }

  /** Asks for the newest `limit`; resolves to them (empty on failure). */
  async load(limit = 3): Promise<ArticleView[]> {
    try {
      const articles = await fetchLatestArticles(limit);
      runInAction(() => (this.latest = articles));
      return articles;
    } catch {
      return [];
    }
  }
}

export const articles = new ArticlesStore();
