import type { RulesLatLng } from '../../value.js';
import { fn, type MethodTable } from '../signature.js';

// The mean Earth radius the official emulator's distances agree with (one degree of longitude at the
// equator is 111,195.08 m there).
const EARTH_RADIUS_METERS = 6_371_008.8;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in meters (haversine). */
function distance(a: RulesLatLng, b: RulesLatLng): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLng = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const latLngMethods: MethodTable<RulesLatLng> = {
  distance: fn(['latlng'], (a, [b]) => distance(a, b as RulesLatLng)),
  latitude: fn([], (p) => p.latitude),
  longitude: fn([], (p) => p.longitude),
};
