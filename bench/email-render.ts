/**
 * `npx tsx bench/email-render.ts [count]`: how long the HTML part of one marketing email takes to
 * render (the MJML layout, compiled once per process, with click tracking and the open pixel), against
 * compiling the MJML for every email.
 */
import mjml2html from 'mjml';
import { performance } from 'node:perf_hooks';
import { emailHtml, emailLayoutMjml, MJML_OPTIONS } from '../activities/email-layout.js';
import { emailTracking } from '../activities/email-tracking.js';
import { templateDefaults } from '../config/template-defaults.js';
import { unsubscribeFooter } from '../domain/unsubscribe-footer.js';
import { welcomeTemplates } from '../journeys/templates/welcome.js';

const count = Number(process.argv[2] ?? 1000);
const defaults = templateDefaults({ brand: 'Tideway', publicUrl: 'https://tideway.example' });
const text = welcomeTemplates.welcome!.en.text.replace('{{name}}', 'Ada').replace('{{handbookUrl}}', defaults.handbookUrl!).replace('{{surveyUrl}}', defaults.surveyUrl!).replace('{{brand}}', 'Tideway');
const footer = unsubscribeFooter('en', { brand: 'Tideway', unsubscribeUrl: 'https://tideway.example/u/token' });
const secret = 'a-secret-of-32-characters-or-so!';

const render = (i: number) =>
  emailHtml({
    lang: 'en',
    subject: 'Welcome to Tideway, Ada',
    brand: 'Tideway',
    text,
    footerHtml: footer.html,
    ...emailTracking(secret, 'https://tideway.example', { sendKey: `welcome:c-${i}:welcome-email`, customerId: `c-${i}`, journeyId: 'welcome', stepKey: 'welcome-email' }, defaults),
  });

let started = performance.now();
const first = await render(0);
const firstMs = performance.now() - started;
started = performance.now();
for (let i = 1; i <= count; i++) await render(i);
const cachedMs = (performance.now() - started) / count;
// The same layout compiled by MJML for each email, as without the cache.
const source = emailLayoutMjml(true);
const compiles = Math.min(count, 200);
started = performance.now();
for (let i = 0; i < compiles; i++) await mjml2html(source, MJML_OPTIONS);
const compileMs = (performance.now() - started) / compiles;
console.log(`first email (compiles the layout): ${firstMs.toFixed(1)} ms; ${first.length} bytes of HTML`);
console.log(`each email after (cached layout, ${count} emails): ${cachedMs.toFixed(3)} ms`);
console.log(`an MJML compile per email (${compiles} compiles): ${compileMs.toFixed(2)} ms`);
