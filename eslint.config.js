// @ts-check
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Workflow and domain code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O. */
const sandboxBans = {
  'no-restricted-imports': ['error', {
    paths: [
      ...builtinModules.flatMap((name) => [name, `node:${name}`]).map((name) => ({
        name,
        message: 'Node built-ins are not allowed in deterministic code (workflows/, domain/, journeys/).',
      })),
      ...['mongoose', 'mongodb', 'nodemailer', 'twilio', 'express', '@temporalio/client', '@temporalio/worker', '@temporalio/activity']
        .map((name) => ({ name, message: 'I/O modules are not allowed in deterministic code; call an activity instead.' })),
      { name: 'liquidjs', message: 'Templates render in activities and the API, through domain/liquid.ts; never in workflow code.' },
    ],
    patterns: [
      { group: ['**/activities/*', '**/store/*', '**/api/*', '**/worker/*', '**/config/*'], allowTypeImports: true,
        message: 'Deterministic code may only import types from I/O layers.' },
    ],
  }],
  'no-restricted-globals': ['error',
    { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
    { name: 'setInterval', message: 'Use a workflow timer loop.' },
    { name: 'fetch', message: 'Call an activity for I/O.' },
    { name: 'process', message: 'Configuration reaches workflows through their input or an activity.' },
  ],
  'no-restricted-properties': ['error',
    { object: 'Math', property: 'random', message: 'Use the workflow-safe random from @temporalio/workflow (uuid4) or a hash.' },
  ],
};

/** Domain code takes the time as an argument; only the workflow sandbox's own clock is deterministic. */
const noClock = {
  'no-restricted-properties': ['error',
    { object: 'Date', property: 'now', message: 'Take the time as an argument: domain code runs in and out of workflows.' },
    { object: 'Math', property: 'random', message: 'Use a hash of stable inputs instead.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'dist/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', '.ci/*.mjs', 'deploy/*.mjs', 'deploy/mongodb/*.js'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['workflows/**/*.ts', 'domain/**/*.ts', 'journeys/**/*.ts'], rules: sandboxBans },
  // The console runs in a browser: it reaches the server only through the HTTP API, like any client.
  { files: ['console/src/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [
    { group: ['**/api/*', '**/store/*', '**/activities/*', '**/worker/*', '**/workflows/*', '**/temporal/*', '**/config/*', 'node:*'], message: 'The console is a client of the HTTP API; it imports only domain/ names.' },
  ] }] } },
  { files: ['domain/**/*.ts', 'journeys/**/*.ts'], rules: noClock },
  // The one domain file that may import liquidjs; workflows never import it (nor the renderers built on it).
  { files: ['domain/liquid.ts'], rules: { 'no-restricted-imports': 'off' } },
  // Tests read JSON response bodies loosely.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
