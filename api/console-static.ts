import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { Router } from 'express';
import { CONSOLE_DIST } from '../config/app-paths.js';

/**
 * The web console at `/console`, from the folder `npm run build:console` writes. Its scripts carry a
 * hash in their names, so they are cached for good; the page itself is asked for again each time. The
 * page may load nothing from another origin.
 */
export function consoleRoutes(dir = CONSOLE_DIST): Router {
  // Strict: `/console` (redirected) is not `/console/` (the page).
  const router = Router({ strict: true });
  router.get('/', (_req, res) => res.redirect(302, '/console/'));
  router.get('/console', (_req, res) => res.redirect(301, '/console/'));
  router.use('/console', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (!existsSync(join(dir, 'index.html'))) {
      res.status(503).type('text/plain').send('The console is not built yet: run "npm run build:console" (npm start does it for you).\n');
      return;
    }
    next();
  });
  // Mermaid alone is megabytes of script: gzip takes it to a fraction.
  router.use('/console', compression());
  router.use('/console/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.use('/console', express.static(dir, { index: 'index.html', setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  return router;
}
