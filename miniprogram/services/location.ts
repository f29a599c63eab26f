// The customer's location, asked of WeChat (which shows its permission dialog the first time).
import type { LatLng } from '../domain/geo';

/** GCJ-02 coordinates (what maps and the stores' locations use); undefined when refused or failed. */
export function locate(): Promise<LatLng | undefined> {
  return new Promise((resolve) => {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => resolve({ lat: res.latitude, lng: res.longitude }),
      fail: () => resolve(undefined),
    });
  });
}
