/**
 * Ends a `switch` over a union so that a new member without its case fails the typecheck
 * (`value` is then not `never`). Thrown only when data from outside the types reaches it.
 */
export function assertUnreachable(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/** Thrown when a send step names a template that neither the run's snapshot nor the catalogue has. */
export class TemplateMissingError extends Error {
  override name = 'TemplateMissing' as const;
  constructor(readonly templateId: string) {
    super(`unknown template "${templateId}"`);
  }
}

/** Thrown when a template uses a `{{variable}}` that has no value: never an empty hole in a customer's message. */
export class TemplateVariableMissingError extends Error {
  override name = 'TemplateVariableMissing' as const;
  constructor(
    readonly variable: string,
    /** The line of the template that uses it, when known. */
    readonly line?: number,
  ) {
    super(`template variable "${variable}" has no value`);
  }
}

/** Thrown when a template does not parse or cannot render: an unclosed tag, an unknown filter, a filter given bad input. */
export class TemplateInvalidError extends Error {
  override name = 'TemplateInvalid' as const;
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`template does not render: ${reason}`);
  }
}

/** A message that cannot be rendered: sending it again will not help. */
export type TemplateError = TemplateMissingError | TemplateVariableMissingError | TemplateInvalidError;

export const isTemplateError = (error: unknown): error is TemplateError =>
  error instanceof TemplateMissingError || error instanceof TemplateVariableMissingError || error instanceof TemplateInvalidError;
