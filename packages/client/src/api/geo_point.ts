import { FirestoreError } from './error.js';

export class GeoPoint {
  readonly #latitude: number;
  readonly #longitude: number;

  constructor(latitude: number, longitude: number) {
    if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
      throw new FirestoreError(
        'invalid-argument',
        `Latitude must be a number between -90 and 90, but was: ${latitude}`,
      );
    }
    if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
      throw new FirestoreError(
        'invalid-argument',
        `Longitude must be a number between -180 and 180, but was: ${longitude}`,
      );
    }
    this.#latitude = latitude;
    this.#longitude = longitude;
  }

  get latitude(): number {
    return this.#latitude;
  }

  get longitude(): number {
    return this.#longitude;
  }

  isEqual(other: GeoPoint): boolean {
    return this.#latitude === other.latitude && this.#longitude === other.longitude;
  }

  toJSON(): { latitude: number; longitude: number; type: string } {
    return { latitude: this.#latitude, longitude: this.#longitude, type: 'firestore/geoPoint/1.0' };
  }
}
