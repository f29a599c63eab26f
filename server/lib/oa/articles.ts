// Published OA articles (cgi-bin/freepublish/batchget) copied into the `articles` collection,
// newest first, for the home page.
//   articles  _id = <article_id>-<n>  {articleId, title, digest, url, thumbUrl, updateTime, syncedAt}

import type { Database } from '../cloud';
import { fetchDocs } from '../db';
import { callOaApi } from './api';
import { oaApiConfigured } from '../../config';
import { COLLECTIONS } from '../collections';

/** freepublish/batchget allows ≤ 20 per call; the home page shows a few. */
const FETCH_COUNT = 20;
/** The cron refreshes at most this often. */
const ARTICLE_REFRESH_MS = 60 * 60 * 1000;

interface ArticleDoc {
  _id: string;
  articleId: string;
  title: string;
  digest: string;
  url: string;
  thumbUrl: string;
  /** Epoch ms of the article's last update. */
  updateTime: number;
  syncedAt: number;
}

interface NewsItem {
  title?: string;
  digest?: string;
  url?: string;
  thumb_url?: string;
  is_deleted?: boolean;
}

interface PublishedItem {
  article_id: string;
  update_time?: number;
  content?: { news_item?: NewsItem[] };
}

/** Fetches the latest published articles and stores them. Returns how many were stored. */
export async function refreshArticles(db: Database, now = Date.now()): Promise<number> {
  const answer = await callOaApi(db, 'freepublish/batchget', {
    body: { offset: 0, count: FETCH_COUNT, no_content: 1 },
  });
  const items = Array.isArray(answer.item) ? (answer.item as PublishedItem[]) : [];
  let stored = 0;
  for (const item of items) {
    const news = item.content?.news_item ?? [];
    for (const [index, entry] of news.entries()) {
      if (entry.is_deleted || !entry.url) continue;
      const doc: Omit<ArticleDoc, '_id'> = {
        articleId: String(item.article_id),
        title: String(entry.title ?? ''),
        digest: String(entry.digest ?? ''),
        url: String(entry.url),
        thumbUrl: String(entry.thumb_url ?? ''),
        updateTime: Number(item.update_time ?? 0) * 1000,
        syncedAt: now,
      };
      await db
        .collection(COLLECTIONS.articles)
        .doc(`${item.article_id}-${index}`)
        .set({ data: doc });
      stored += 1;
    }
  }
  return stored;
}

export async function latestArticles(db: Database, limit: number): Promise<ArticleDoc[]> {
  return fetchDocs<ArticleDoc>(
    db.collection(COLLECTIONS.articles).orderBy('updateTime', 'desc').limit(limit),
  );
}

/** True when the last refresh is older than ARTICLE_REFRESH_MS (or never happened). */
async function articlesDue(db: Database, now = Date.now()): Promise<boolean> {
  const [newest] = await fetchDocs<ArticleDoc>(
    db.collection(COLLECTIONS.articles).orderBy('syncedAt', 'desc').limit(1),
  );
  return !newest || now - newest.syncedAt >= ARTICLE_REFRESH_MS;
}

/** The cron's job: refreshes when due and the OA is configured; never throws. */
export async function refreshArticlesIfDue(db: Database, now = Date.now()) {
  try {
    if (!oaApiConfigured() || !(await articlesDue(db, now))) return { refreshed: false };
    return { refreshed: true, stored: await refreshArticles(db, now) };
  } catch (error) {
    console.error('[oa] article refresh failed', error);
    return { refreshed: false, error: (error as Error).message };
  }
}
