// The api contract of the official-account side (issue 7): subscribe grants, articles, OA menu.

/** An OA article as the home page lists it. */
export interface ArticleView {
  _id: string;
  title: string;
  digest: string;
  /** mp.weixin.qq.com link, opened in packages/oa/pages/article (web-view). */
  url: string;
  thumbUrl: string;
  /** Epoch ms */
  updateTime: number;
}

export interface SubscribeRecordRequest {
  /** The template ids the customer accepted in wx.requestSubscribeMessage (may be empty). */
  templateIds: string[];
}

export interface SubscribeRecordResponse {
  recorded: number;
  /** The caller has a UnionID, so OA messages can reach them while they follow the OA. */
  linked: boolean;
}

export interface ArticlesLatestRequest {
  /** 1–10, default 3 */
  limit?: number;
}

export interface ArticlesLatestResponse {
  articles: ArticleView[];
}

export interface ArticlesRefreshResponse {
  stored: number;
}

export interface OaMenuSyncResponse {
  buttons: number;
}

type NoInput = Record<string, never>;

export interface OaActions {
  'subscribe.record': { request: SubscribeRecordRequest; response: SubscribeRecordResponse };
  'articles.latest': { request: ArticlesLatestRequest; response: ArticlesLatestResponse };
  'articles.refresh': { request: NoInput; response: ArticlesRefreshResponse };
  'oa.menu.sync': { request: NoInput; response: OaMenuSyncResponse };
}

export const OA_ACTION_NAMES: readonly (keyof OaActions)[] = [
  'subscribe.record',
  'articles.latest',
  'articles.refresh',
  'oa.menu.sync',
];

// WeChat shows the <official-account> follow card only after a launch from these scenes (table
// and poster codes, …), and on a hot start from the second set after such a launch.
const FOLLOW_CARD_LAUNCH_SCENES = new Set([1011, 1017, 1025, 1047, 1124]);
const FOLLOW_CARD_HOT_SCENES = new Set([1001, 1038, 1041, 1089, 1090, 1104, 1131, 1187]);

/** Whether a page should make room for the follow card, given the launch and current scenes. */
export function followCardShown(launchScene: number, enterScene = launchScene): boolean {
  if (!FOLLOW_CARD_LAUNCH_SCENES.has(launchScene)) return false;
  return enterScene === launchScene || FOLLOW_CARD_HOT_SCENES.has(enterScene);
}
