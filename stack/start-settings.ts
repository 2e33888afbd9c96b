import { z } from 'zod';
import { configFields } from '../config/env.js';

const port = z.coerce.number().int().min(1).max(65535);

/** What `npm start` reads on top of the app's own configuration: where the embedded stack keeps data and listens. */
export const startSettingsSchema = configFields.extend({
  TIDEWAY_DATA_DIR: z.string().min(1).default('.data'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  STORE_PORT: port.default(27017),
  SMTP_PORT: port.default(1025),
  MAIL_WEB_PORT: port.default(1080),
  /** Set = use that MongoDB instead of starting FerretDB. */
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// URI').optional(),
});

export type StartSettings = z.infer<typeof startSettingsSchema>;
