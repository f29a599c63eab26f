// Where the customer is (getLocation: WeChat asks their permission the first time) and where they
// want something delivered (chooseLocation: a pin on WeChat's map, no permission needed).
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

/**
 * A point the customer pins on WeChat's map (the delivery address's doorstep), centred on `near`
 * when given. Needs no location permission; undefined when they close the map.
 */
export function pickPoint(near?: LatLng): Promise<LatLng | undefined> {
  return new Promise((resolve) => {
    wx.chooseLocation({
      ...(near ? { latitude: near.lat, longitude: near.lng } : {}),
      success: (res) => resolve({ lat: res.latitude, lng: res.longitude }),
      fail: () => resolve(undefined),
    });
  });
}
