import { Router } from 'express';
import { activeStageRules, listStageRules, publishStageRules, rollBackStageRules, StageRulesConflict, StageRulesNotFound } from '../../store/stage-rules.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import { noteChange } from '../audit-trail.js';
import { HttpProblem, parseInput } from '../problem.js';
import { stageRulesPublishSchema, stageRulesRollbackSchema } from '../schemas.js';

/** Stage model versions (seed 002: 模型漂移可回滚): publish one going forward, roll back the one in force. */
export function stageRuleRoutes(runner: JourneyRunner): Router {
  const router = Router();

  route(router, 'GET /v1/stage-rules', async (_req, res) => {
    res.json(await listStageRules());
  });

  route(router, 'POST /v1/stage-rules', async (req, res) => {
    const { note, ...params } = parseInput(stageRulesPublishSchema, req.body);
    try {
      const before = await activeStageRules();
      const published = await publishStageRules(params, note);
      noteChange(res, { target: published.version, field: 'stageRules', from: before.version, to: published.version });
      res.status(201).json(published);
    } catch (error) {
      throw asProblem(error);
    }
  });

  /** 202: the version before is in force again; a workflow re-evaluates the customers the rolled-back one moved. */
  route(router, 'POST /v1/stage-rules/rollback', async (req, res) => {
    const { version } = parseInput(stageRulesRollbackSchema, req.body);
    try {
      const { rolledBack, active } = await rollBackStageRules(version);
      noteChange(res, { target: rolledBack, field: 'stageRules', from: rolledBack, to: active.version });
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
