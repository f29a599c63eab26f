// wx storage as typed JSON values. Storage can be full or unavailable; the app then simply runs
// without its cache, so failures are swallowed here rather than breaking a page.

export function readStored<T>(key: string): T | undefined {
  try {
    const value = wx.getStorageSync(key) as T | '' | undefined;
    return value === '' || value === undefined || value === null ? undefined : value;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    wx.setStorageSync(key, value);
  } catch {
    // Out of quota: the next launch just loads from the network.
  }
}

export function removeStored(key: string): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing to do: a stale entry is overwritten on the next write.
  }
}

export const STORAGE_KEYS = {
  lastStoreId: 'storefront.lastStoreId',
  catalog: (storeId: string) => `storefront.catalog.${storeId}`,
  cart: (storeId: string) => `storefront.cart.${storeId}`,
  /** The orders made from the carts, all stores (order answers carry no store to look under). */
  cartOrders: 'storefront.cartOrders',
  /** The order mode the customer last chose (dine-in, pickup, delivery) */
  orderMode: 'storefront.orderMode',
};
