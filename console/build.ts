import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

import { CONSOLE_DIST } from '../config/app-paths.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface ConsoleBuild {
  outDir: string;
  /** What a browser fetches to show the first page: the page, its entry script with the chunks it imports, the styles. */
  firstLoad: { files: string[]; bytes: number; gzipBytes: number };
  /** Scripts fetched only when a page needs them (Mermaid, for a journey's diagram). */
  lazyBytes: number;
  ms: number;
}

/**
 * Bundles the console from console/src into one folder: hashed scripts and styles, with everything they
 * import (Preact, Chart.js, Mermaid) inside, so the pages load nothing from elsewhere. Mermaid is a
 * chunk of its own, fetched only by the page that draws a diagram.
 */
export async function buildConsole(target = CONSOLE_DIST): Promise<ConsoleBuild> {
  const started = Date.now();
  // Built beside the target and swapped in, so an API serving the old build never finds the folder half-written.
  const outDir = `${target}.building-${process.pid}`;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  try {
    return { ...(await buildInto(outDir, target)), ms: Date.now() - started };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

async function buildInto(outDir: string, target: string): Promise<Omit<ConsoleBuild, 'ms'>> {
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
  const first = new Set([entry[0], ...entry[1].imports.filter((imported) => imported.kind === 'import-statement').map((imported) => imported.path), ...(entry[1].cssBundle ? [entry[1].cssBundle] : [])]);
  const firstFiles = [join(outDir, 'index.html'), ...[...first].map((path) => resolve(path))];
  const contents = await Promise.all(firstFiles.map((file) => readFile(file)));
  const lazyBytes = outputs.filter(([path]) => path.endsWith('.js') && !first.has(path)).reduce((sum, [, output]) => sum + output.bytes, 0);
  const firstLoad = {
    files: firstFiles.map((file) => basename(file)),
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: contents.reduce((sum, content) => sum + gzipSync(content).length, 0),
  };
  const old = `${target}.old-${process.pid}`;
  await rename(target, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(outDir, target);
  await rm(old, { recursive: true, force: true });
  return { outDir: target, firstLoad, lazyBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildConsole(process.argv[2]);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(`console built into ${built.outDir} in ${built.ms} ms`);
  console.log(`  first load: ${kib(built.firstLoad.bytes)} (${kib(built.firstLoad.gzipBytes)} gzipped): ${built.firstLoad.files.join(', ')}`);
  console.log(`  loaded when needed (Mermaid): ${kib(built.lazyBytes)}`);
}
