/**
 * `npm run tools`: finds or builds every tool of the embedded stack and prints where each is.
 * Safe to run again: it only builds what is missing from the cache.
 */
import { formatDuration } from './build-step.js';
import { cacheRoot } from './cache.js';
import { resolveTools, type ToolSource } from './tools.js';
import { RECIPES } from './recipes.js';

const SOURCES: Record<ToolSource, string> = {
  env: 'from env',
  PATH: 'from PATH',
  cache: 'cached',
  built: 'built now',
};

const started = Date.now();
console.log(`tideway tools (cache: ${cacheRoot()})`);
try {
  const tools = await resolveTools((line) => console.log(`  ${line}`));
  for (const tool of Object.values(tools)) {
    const how = tool.source === 'env' ? `${SOURCES.env} ${RECIPES[tool.name].envVar}` : SOURCES[tool.source];
    console.log(`${tool.name.padEnd(10)} ${tool.path}  (${how})`);
  }
  console.log(`ready in ${formatDuration(Date.now() - started)}`);
} catch (err) {
  console.error(String((err as Error)?.message ?? err));
  process.exitCode = 1;
}
