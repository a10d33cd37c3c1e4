/** gRPC status codes as Firestore reports them (google.rpc.Code). */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export type StatusName = keyof typeof Code;
export type StatusCode = (typeof Code)[StatusName];

const names = Object.fromEntries(Object.entries(Code).map(([k, v]) => [v, k])) as Record<number, StatusName>;

export function statusName(code: number): StatusName {
  return names[code] ?? 'UNKNOWN';
}

/** The HTTP status Google APIs answer with for each code (google.rpc.Code's documented mapping). */
const httpStatuses: Record<StatusName, number> = {
  OK: 200,
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
  UNAUTHENTICATED: 401,
};

export function httpStatusOf(code: number): number {
  return httpStatuses[statusName(code)];
}

/** What the engine throws for a request Firestore would refuse; adapters turn it into an error frame or body. */
export class StatusError extends Error {
  readonly code: StatusCode;
  constructor(code: StatusCode, message: string) {
    super(message);
    this.name = 'StatusError';
    this.code = code;
  }
  get status(): StatusName {
    return statusName(this.code);
  }
}

export const invalidArgument = (message: string) => new StatusError(Code.INVALID_ARGUMENT, message);
