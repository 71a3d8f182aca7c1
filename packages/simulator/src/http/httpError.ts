// Thrown anywhere below the router; the request pipeline renders it as GitHub's error JSON.
export const DOCS = "https://docs.github.com/rest";

export interface FieldError {
  resource?: string;
  code: string;
  field?: string;
  message?: string;
  value?: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { errors?: FieldError[] | string[]; documentation_url?: string } = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      documentation_url: this.extra.documentation_url ?? DOCS,
      status: String(this.status),
    };
  }
}

export function notFound(): HttpError {
  return new HttpError(404, "Not Found");
}

/** 422 "Validation Failed"; a plain string becomes a `custom` error, as GitHub reports free-text reasons. */
/** 422 with plain-string errors, the "validation-error-simple" shape some endpoints (reviews) use. */
export function unprocessable(...reasons: string[]): HttpError {
  return new HttpError(422, "Unprocessable Entity", { errors: reasons });
}

export function validationFailed(...errors: Array<FieldError | string>): HttpError {
  return new HttpError(422, "Validation Failed", {
    errors: errors.map((e) => (typeof e === "string" ? { code: "custom", message: e } : e)),
  });
}
