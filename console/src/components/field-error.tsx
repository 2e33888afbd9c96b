import { ApiError } from '../api.js';

/** The API's word on one field of a refused form (`errors[].path` of its problem details), shown next to that field. */
export function FieldError({ error, field }: { error: Error | undefined; field: string }) {
  if (!(error instanceof ApiError)) return null;
  const errors = (error.body as { errors?: { path?: string; message?: string }[] } | undefined)?.errors ?? [];
  const messages = errors.filter((entry) => entry.path === field).map((entry) => entry.message);
  if (messages.length === 0) return null;
  return (
    <span class="field-error" role="alert" data-field={field}>
      {messages.join('; ')}
    </span>
  );
}
