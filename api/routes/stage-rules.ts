import { Router } from 'express';
import { listStageRules, publishStageRules, rollBackStageRules, StageRulesConflict, StageRulesNotFound } from '../../store/stage-rules.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { HttpProblem, parseInput } from '../problem.js';
import { stageRulesPublishSchema, stageRulesRollbackSchema } from '../schemas.js';

/** Stage model versions (seed 002: 模型漂移可回滚): publish one going forward, roll back the one in force. */
export function stageRuleRoutes(runner: JourneyRunner): Router {
  const router = Router();

  router.get('/v1/stage-rules', async (_req, res) => {
    res.json(await listStageRules());
  });

  router.post('/v1/stage-rules', async (req, res) => {
    const { note, ...params } = parseInput(stageRulesPublishSchema, req.body);
    try {
      res.status(201).json(await publishStageRules(params, note));
    } catch (error) {
      throw asProblem(error);
    }
  });

  /** 202: the version before is in force again; a workflow re-evaluates the customers the rolled-back one moved. */
  router.post('/v1/stage-rules/rollback', async (req, res) => {
    const { version } = parseInput(stageRulesRollbackSchema, req.body);
    try {
      const { rolledBack, active } = await rollBackStageRules(version);
      const { workflowId } = await runner.startStageRulesRollback(rolledBack);
      res.status(202).json({ rolledBack, active: active.version, reevaluation: workflowId });
    } catch (error) {
      throw asProblem(error);
    }
  });

  return router;
}

function asProblem(error: unknown): unknown {
  if (error instanceof StageRulesNotFound) return new HttpProblem(404, 'Stage rules version not found', error.message);
  if (error instanceof StageRulesConflict) return new HttpProblem(409, 'Stage rules conflict', error.message);
  return error;
}
