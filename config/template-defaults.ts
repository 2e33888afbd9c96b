import { DEFAULT_LINK_NAMES } from './links.js';

/**
 * Variables every message template may use: the brand and the links of this deployment (TIDEWAY_LINKS),
 * each as `<name>Url`. The worker renders sends with them and the API renders previews with the same.
 * A default link not configured points under the public URL (`<publicUrl>/handbook`), which Tideway
 * does not serve: a deployment configures its real pages.
 */
export function templateDefaults({ brand, publicUrl, links = {} }: { brand: string; publicUrl: string; links?: Record<string, string> }): Record<string, string> {
  const base = publicUrl.replace(/\/+$/, '');
  const all = { ...Object.fromEntries(DEFAULT_LINK_NAMES.map((name) => [name, `${base}/${name}`])), ...links };
  return { brand, ...Object.fromEntries(Object.entries(all).map(([name, url]) => [`${name}Url`, url])) };
}
