import { useCallback, useState } from 'preact/hooks';
import type { ApiError } from './api.js';

export interface Action<A extends unknown[]> {
  run(...args: A): Promise<boolean>;
  pending: boolean;
  error: ApiError | Error | undefined;
  clear(): void;
}

/** A write the reader starts: pending while it runs, its refusal kept to show (a 403 says which role it needs). */
export function useAction<A extends unknown[]>(write: (...args: A) => Promise<unknown>, onDone?: () => void): Action<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | Error | undefined>();
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      setError(undefined);
      try {
        await write(...args);
        onDone?.();
        return true;
      } catch (caught) {
        setError(caught as Error);
        return false;
      } finally {
        setPending(false);
      }
    },
    [write, onDone],
  );
  return { run, pending, error, clear: () => setError(undefined) };
}
