// The small error hierarchy of the domain, mapped to HTTP status in one place (toErrorResponse).
// Unexpected errors become a generic message; their details go to the log, never to the client.

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends AppError {
  constructor(message = "The request is invalid.", details?: unknown) {
    super("invalid_request", 400, message, details);
  }
}
export class Unauthorized extends AppError {
  constructor(message = "Authentication required.") {
    super("unauthorized", 401, message);
  }
}
export class Forbidden extends AppError {
  constructor(message = "You do not have permission to do this.") {
    super("forbidden", 403, message);
  }
}
export class NotFound extends AppError {
  constructor(message = "Not found.") {
    super("not_found", 404, message);
  }
}
export class Conflict extends AppError {
  constructor(message: string) {
    super("conflict", 409, message);
  }
}
export class PayloadTooLarge extends AppError {
  constructor(message = "The request body is too large.") {
    super("payload_too_large", 413, message);
  }
}
export class UnsupportedMediaType extends AppError {
  constructor(message = "Unsupported content type.") {
    super("unsupported_media_type", 415, message);
  }
}
export class TooManyRequests extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("too_many_requests", 429, message);
  }
}
export class Unavailable extends AppError {
  constructor(
    message = "Temporarily unavailable; try again shortly.",
    readonly retryAfterSeconds = 1,
  ) {
    super("unavailable", 503, message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error instanceof TooManyRequests || error instanceof Unavailable) {
      headers["Retry-After"] = String(error.retryAfterSeconds);
    }
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: error.status, body, headers };
  }
  console.error("[arbiter] unexpected error", error);
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on our side." } },
    headers: {},
  };
}
