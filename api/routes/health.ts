import type { Client } from '@temporalio/client';
import { Router } from 'express';
import mongoose from 'mongoose';

const CHECK_DEADLINE_MS = 2_000;

/** Liveness needs nothing; readiness needs the store and Temporal to answer. */
export function healthRoutes(client: Client): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [store, temporal] = await Promise.all([
      check(async () => {
        await mongoose.connection.db?.admin().ping();
        if (mongoose.connection.readyState !== 1) throw new Error('not connected');
      }),
      check(() => client.connection.withDeadline(Date.now() + CHECK_DEADLINE_MS, () => client.workflowService.getSystemInfo({}))),
    ]);
    const ready = store === 'up' && temporal === 'up';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', store, temporal });
  });
  return router;
}

async function check(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_DEADLINE_MS).unref())]);
    return 'up';
  } catch {
    return 'down';
  }
}
