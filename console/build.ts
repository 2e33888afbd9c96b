import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

import { CONSOLE_DIST } from './dist-path.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface ConsoleBuild {
  outDir: string;
  /** Bytes of each file written, by name. */
  files: Record<string, number>;
  ms: number;
}

/**
 * Bundles the console from console/src into one folder: hashed scripts and styles, with everything they
 * import (Preact, Chart.js, Mermaid) inside, so the pages load nothing from elsewhere. Mermaid is a
 * chunk of its own, fetched only by the page that draws a diagram.
 */
export async function buildConsole(outDir = CONSOLE_DIST): Promise<ConsoleBuild> {
  const started = Date.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(here, 'src', 'main.tsx')],
    outdir: join(outDir, 'assets'),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    sourcemap: 'linked',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, output]) => output.entryPoint?.endsWith('src/main.tsx'));
  if (!entry) throw new Error('console build: no entry script in the output');
  const script = basename(entry[0]);
  const css = entry[1].cssBundle ? basename(entry[1].cssBundle) : undefined;
  const page = (await readFile(join(here, 'index.html'), 'utf8'))
    .replace('<!--styles-->', css ? `<link rel="stylesheet" href="assets/${css}">` : '')
    .replace('<!--script-->', `<script type="module" src="assets/${script}"></script>`);
  await writeFile(join(outDir, 'index.html'), page);
  const files = Object.fromEntries([...outputs.map(([path, output]) => [basename(path), output.bytes] as const), ['index.html', Buffer.byteLength(page)] as const]);
  return { outDir, files, ms: Date.now() - started };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildConsole(process.argv[2]);
  const total = Object.values(built.files).reduce((sum, bytes) => sum + bytes, 0);
  console.log(`console built into ${built.outDir} in ${built.ms} ms (${Object.keys(built.files).length} files, ${(total / 1024).toFixed(0)} KiB)`);
}
