import { useEffect, useState } from 'preact/hooks';

/** Where the reader is: `#/customers/c-1?tab=x` → path `/customers/c-1`, query `tab=x`. Hash routes need nothing from the server. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?');
  return { path, query: new URLSearchParams(search) };
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const changed = () => setLocation(current());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return location;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** `/customers/:id` against `/customers/c-1` → `{ id: 'c-1' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const value = have[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

/** A link to a route, percent-encoding each dynamic part. */
export const href = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;
