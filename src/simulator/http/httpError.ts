// Thrown anywhere below the router; the request pipeline renders it as GitHub's error JSON.
export const DOCS = "https://docs.github.com/rest";

export interface FieldError {
  resource: string;
  code: string;
  field?: string;
  message?: string;
  value?: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { errors?: Array<FieldError | string>; documentation_url?: string } = {},
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

export function validationFailed(...errors: Array<FieldError | string>): HttpError {
  return new HttpError(422, "Validation Failed", { errors });
}
