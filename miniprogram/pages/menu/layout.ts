// Where each category starts in the goods list, without measuring the rendered nodes: section
// titles and goods cards have fixed heights (see index.wxss), so offsets are arithmetic and the
// side bar can follow scrolling with no selector-query round trip per scroll event.

/** Must match .menu-section__title and .goods-card heights in index.wxss, in rpx. */
export const SECTION_TITLE_RPX = 72;
export const GOODS_CARD_RPX = 200;

export interface SectionSize {
  id: string;
  goodsCount: number;
}

/** Top of every section in px, for a screen `windowWidth` px wide (750rpx = full width). */
export function sectionTops(sections: SectionSize[], windowWidth: number): number[] {
  const pxPerRpx = windowWidth / 750;
  const tops: number[] = [];
  let top = 0;
  for (const section of sections) {
    tops.push(top);
    top += (SECTION_TITLE_RPX + section.goodsCount * GOODS_CARD_RPX) * pxPerRpx;
  }
  return tops;
}

/** Index of the section at the top of the viewport when scrolled to `scrollTop` px. */
export function sectionAt(tops: number[], scrollTop: number): number {
  let index = 0;
  // Half a pixel of slack: scroll-into-view can land a fraction short of the exact top.
  while (index + 1 < tops.length && tops[index + 1] <= scrollTop + 0.5) index += 1;
  return index;
}
