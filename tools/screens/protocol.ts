// What the page side (jsdom, where pages are mounted) sends the browser side (Node, where
// Chromium runs), one JSON line each way; see tools/screens/shooter.ts.

/** A toast, modal or action sheet the page asked WeChat to show. */
export interface Overlay {
  kind: 'toast' | 'modal' | 'sheet';
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  confirmText?: string;
  itemList?: string[];
}

/** One state of one page, as mounted. */
export interface Capture {
  /** customer | staff | oa: the gallery's groups */
  group: 'customer' | 'staff' | 'oa';
  /** The page file relative to miniprogram/, e.g. "pages/home/index" */
  page: string;
  /** The state's name in the gallery, e.g. "closed" */
  state: string;
  /** The page's rendered tree: WeChat's tags (wx-view, …), classes scoped as the WXSS is */
  html: string;
  /** The page's WXSS and its components', compiled and scoped, rpx not yet converted */
  css: string;
  /** The navigation bar's title when the page sets one at run time */
  title?: string;
  overlay?: Overlay;
  /** false: checked only, kept out of the gallery (the checks' own test fixture) */
  gallery?: boolean;
}

/** A check that failed on the real layout. */
export interface Problem {
  check: 'text' | 'touch-target' | 'overflow' | 'cut-off' | 'contrast' | 'node-count' | 'icon';
  /** The element: its WXML class (unscoped) or tag, and a bit of its text */
  element: string;
  detail: string;
}

export interface ShotResult {
  /** screens/<file> pictures written */
  pictures: string[];
  problems: Problem[];
}

/** The id and file stem of a state: "home--closed" for pages/home/index, "closed". */
export function shotId(capture: Pick<Capture, 'page' | 'state'>): string {
  const parts = capture.page.split('/');
  const name = parts[parts.length - 2];
  const stem = parts[0] === 'packages' ? `${parts[1]}-${name}` : name;
  return `${stem}--${capture.state.replace(/[^\w\u4e00-\u9fff-]+/g, '-')}`;
}
