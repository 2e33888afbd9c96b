import { ApiError } from '../../api.js';
import { useAction } from '../../use-action.js';

/** A write on a task or an approval; a 409 (someone else acted first) also refreshes, so the page shows what is true now. */
export function useWrite<A extends unknown[]>(write: (...args: A) => Promise<unknown>, changed: () => void) {
  return useAction(async (...args: A) => {
    try {
      await write(...args);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) changed();
      throw error;
    }
  }, changed);
}
