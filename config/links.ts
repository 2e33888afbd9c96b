import { z } from 'zod';

/** A link's name: what templates write as `{{ links.<name> }}` and `{{<name>Url}}`. */
const LINK_NAME = /^[a-z][A-Za-z0-9_]{0,39}$/;

const EXAMPLE = '{"handbook":"https://help.example.com/start","survey":"https://forms.example.com/welcome"}';

/**
 * `TIDEWAY_LINKS`: the pages messages link to, by name, as JSON: `{"handbook":"https://…","appOrders":"https://…"}`.
 * Each must be an absolute http(s) URL: a link that is not stops start-up, naming it (`TIDEWAY_LINKS.survey`).
 */
export const linksSetting = z
  .string()
  .default('{}')
  .transform((text, ctx) => {
    // Empty, as compose passes an unset variable: no links configured.
    if (!text.trim()) return {};
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const name of Object.keys(parsed).filter((name) => !LINK_NAME.test(name))) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'a link name of letters, digits and _, starting with a lower-case letter, like "handbook" or "appOrders"' });
        }
        return parsed;
      }
    } catch {
      // Said below.
    }
    ctx.addIssue({ code: 'custom', message: `a JSON object of named links like ${EXAMPLE}` });
    return z.NEVER;
  })
  .pipe(
    z.record(z.string().regex(LINK_NAME), z.url({ protocol: /^https?$/, error: 'an absolute http:// or https:// URL' })),
  );

/** The links templates get when none is configured: pages under the public URL (`<TIDEWAY_PUBLIC_URL>/handbook`, …). */
export const DEFAULT_LINK_NAMES = ['handbook', 'survey', 'coupon'] as const;
