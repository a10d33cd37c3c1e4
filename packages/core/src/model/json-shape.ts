export type JsonShape = 'object' | 'array' | 'string' | 'boolean';

/** Whether a decoded JSON value has the shape a message field needs (an object is never null or an array). */
export function hasJsonShape(value: unknown, shape: JsonShape): boolean {
  if (shape === 'array') return Array.isArray(value);
  if (shape === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
  return typeof value === shape;
}
