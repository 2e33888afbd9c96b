import { clickUrl, openPixelUrl, signClickToken, signOpenToken, type TrackedMessage } from '../api/tracking-token.js';
import type { LinkHref } from '../domain/email-html.js';
import { linksOf } from '../domain/template-context.js';

/**
 * Click and open tracking of a marketing email: each link leads through `<publicUrl>/r/<token>`, which
 * records a `message.clicked` and redirects to the URL the signed token carries (named when it is one
 * of the deployment's links), and a pixel at `<publicUrl>/o/<token>.gif` records `message.opened`.
 */
export function emailTracking(secret: string, publicUrl: string, message: TrackedMessage, templateDefaults: Record<string, string>): { href: LinkHref; pixelUrl: string } {
  const names = new Map(Object.entries(linksOf(templateDefaults)).map(([name, url]) => [url, name]));
  return {
    href: (url) => clickUrl(publicUrl, signClickToken(secret, { ...message, url, link: names.get(url) })),
    pixelUrl: openPixelUrl(publicUrl, signOpenToken(secret, message)),
  };
}
