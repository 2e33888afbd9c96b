/** The click redirect and open pixel of marketing emails: public, each authenticated by its signed token. */
import { page, problem } from './openapi-parts.js';
import { CLICK_PATH, OPEN_PATH } from './tracking-token.js';

const token = [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }];
const refused = page('A tampered or malformed link: a small page, and nothing is recorded');
const storeDown = problem('The store is unreachable (the signing secret is kept there when TIDEWAY_UNSUBSCRIBE_SECRET is unset)');

export const trackingPaths = {
  [`${CLICK_PATH}/{token}`]: {
    get: {
      summary:
        'Click redirect of a link in a marketing email: records one message.clicked per link of a message (properties sendKey, journeyId, stepKey, url, link) ' +
        'and redirects to the URL the signed token carries; a HEAD records nothing',
      security: [],
      parameters: token,
      responses: {
        302: {
          description: 'To the link (also when the click could not be recorded: the person is never stopped)',
          headers: { Location: { schema: { type: 'string', format: 'uri' } } },
          content: { 'text/html': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } },
        },
        403: refused,
        503: storeDown,
      },
    },
  },
  [`${OPEN_PATH}/{token}.gif`]: {
    get: {
      summary: 'Open pixel of a marketing email: records one message.opened per message (properties sendKey, journeyId, stepKey); a HEAD records nothing',
      security: [],
      parameters: token,
      responses: {
        200: { description: 'A transparent 1×1 GIF', content: { 'image/gif': { schema: { type: 'string', format: 'binary' } } } },
        403: refused,
        503: storeDown,
      },
    },
  },
};
