// One page per tap. wx.navigateTo takes a moment to show the new page, and a second tap in that
// moment (a double tap, or a tap on the next card) pushes a second page on top of the first.
import { url, type TabPage } from '../domain/routes';

/** Taps this soon after a navigation are dropped: longer than WeChat's page transition. */
export const NAVIGATION_GUARD_MS = 1000;

// Module state on purpose: the guard spans pages, as the page stack does.
let lastNavigationAt = -Infinity;

/** wx.navigateTo(url) unless a navigation started within the last second; true when it went. */
export function navigateOnce(url: string): boolean {
  const now = Date.now();
  if (now - lastNavigationAt < NAVIGATION_GUARD_MS) return false;
  lastNavigationAt = now;
  wx.navigateTo({
    url,
    // Nothing opened (e.g. ten pages deep already): the next tap may try again at once.
    fail: () => {
      lastNavigationAt = -Infinity;
    },
  });
  return true;
}

/** Opens a tab page (wx.switchTab takes no query: a tab reads what it needs from the stores). */
export function openTab(tab: TabPage): void {
  wx.switchTab({ url: url(tab) });
}
