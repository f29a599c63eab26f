import { distanceMeters, formatDistance, toGeoPoint, toLatLng } from '../../miniprogram/domain/geo';

describe('geo', () => {
  it('converts between lat/lng and GeoJSON (longitude first)', () => {
    const point = toGeoPoint({ lat: 31.2, lng: 121.4 });
    expect(point).toEqual({ type: 'Point', coordinates: [121.4, 31.2] });
    expect(toLatLng(point)).toEqual({ lat: 31.2, lng: 121.4 });
  });

  it('measures distances in whole metres', () => {
    const xujiahui = { lat: 31.19553, lng: 121.43752 };
    const jingan = { lat: 31.22347, lng: 121.44521 };
    expect(distanceMeters(xujiahui, xujiahui)).toBe(0);
    const d = distanceMeters(xujiahui, jingan);
    expect(d).toBeGreaterThan(3000);
    expect(d).toBeLessThan(3300);
    expect(distanceMeters(jingan, xujiahui)).toBe(d);
    // One degree of latitude is about 111.2 km anywhere.
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111195, -2);
  });

  it.each([
    [0, '0m'],
    [850, '850m'],
    [1234, '1.2km'],
    [12345, '12km'],
  ])('formats %i m as %s', (meters, text) => expect(formatDistance(meters)).toBe(text));
});
