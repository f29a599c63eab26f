// The aria-* attributes a node was rendered with, as WeChat's screen reader gets them. The DOM
// miniprogram-simulate draws leaves them out; its rendered tree (toJSON) keeps them, camelCased.
import type { Mounted } from '../../helpers/mount';

interface RenderedNode {
  attrs: Array<{ name: string; value: unknown }>;
}

/** { role: 'button', label: '加入购物车 拿铁', … } for aria-role, aria-label, … */
export function ariaOf(node: Mounted | undefined): Record<string, unknown> {
  if (!node) throw new Error('no node');
  const { attrs } = (node as unknown as { toJSON(): RenderedNode }).toJSON();
  const aria: Record<string, unknown> = {};
  for (const { name, value } of attrs) {
    const match = /^aria-?(\w+)$/i.exec(name);
    if (match) aria[match[1].toLowerCase()] = value;
  }
  return aria;
}
