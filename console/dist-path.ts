import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:console` writes the console and the API serves it from (`/console`). */
export const CONSOLE_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'console');
