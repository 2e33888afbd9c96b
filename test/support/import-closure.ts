/**
 * Statically, what a laid-out app cannot find: starting from its entry points, every relative import
 * (static or dynamic), every file read through `new URL('./…', import.meta.url)` (config files, the
 * workflow bundle) and every package imported statically, resolved against the files in `dir`.
 */
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** tsc's output: `import … from '…';` and `export … from '…';` at the start of a line, `import '…'`, `import('…')`. */
const IMPORTS = /^(?:import|export)\s[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
const URL_READS = /new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;
const BUILTINS = new Set(builtinModules);

/** `pkg` of `pkg/sub` and `@scope/pkg` of `@scope/pkg/sub`. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * Problems as `<file>: <what> is missing`, relative to `dir`; empty when everything resolves.
 * `packages: false` leaves packages out, for a folder with no node_modules yet.
 */
export function missingImports(dir: string, entries: string[], { packages = true } = {}): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue = entries.map((entry) => resolve(dir, entry));
  for (const entry of queue) if (!existsSync(entry)) problems.push(`entry point ${relative(dir, entry)} is missing`);
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const where = relative(dir, file);
    for (const match of code.matchAll(IMPORTS)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier!.startsWith('.')) {
        const target = resolve(dirname(file), specifier!);
        if (existsSync(target)) queue.push(target);
        else problems.push(`${where}: ${specifier} is missing`);
      } else if (packages && match[3] === undefined && !specifier!.startsWith('node:') && !BUILTINS.has(packageOf(specifier!))) {
        // Statically imported packages only: a package imported with import() may be optional (pino-pretty,
        // a development dependency, is, in config/logger.ts). Node looks in node_modules up to the root; the image has one.
        if (!existsSync(join(dir, 'node_modules', packageOf(specifier!), 'package.json'))) problems.push(`${where}: package ${packageOf(specifier!)} is missing`);
      }
    }
    // TypeScript sources named this way are read only when running from the source, never from the build.
    for (const [, url] of code.matchAll(URL_READS)) {
      if (url!.endsWith('.ts')) continue;
      if (!existsSync(resolve(dirname(file), url!))) problems.push(`${where}: ${url} (read at run time) is missing`);
    }
  }
  return problems;
}
