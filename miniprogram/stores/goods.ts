// Menu payload goods as the shared pricing functions expect them.
import type { GoodsSummary } from '../domain/api';
import type { Goods } from '../domain/catalog';

/** A menu summary lacks only display fields pricing never reads; fill them in. */
export function asGoods(summary: GoodsSummary): Goods {
  return { ...summary, description: '', images: summary.image ? [summary.image] : [] };
}

/** True when ordering it needs the spec picker rather than a bare "+". */
export function needsPicker(goods: Pick<GoodsSummary, 'specs' | 'addOns'>): boolean {
  return goods.specs.length > 0 || goods.addOns.length > 0;
}
