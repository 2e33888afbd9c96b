import { STAGE_RULES, type StageRuleParams, type StageRules } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';
import { isDuplicateKeyError } from './errors.js';
import { StageRuleVersionModel } from './models/stage-rule-version.js';

const BUILT_IN: StageRules = { version: STAGE_RULES.version, highValue: { ...STAGE_RULES.highValue }, sensitive: STAGE_RULES.sensitive.map((t) => ({ ...t })) };

interface StoredVersion {
  _id: string;
  highValue?: { orders: number; totalValue: number } | null;
  sensitive: Iterable<{ from?: string | null; to?: string | null }>;
}

const toRules = (doc: StoredVersion): StageRules => ({
  version: doc._id,
  highValue: { orders: doc.highValue!.orders, totalValue: doc.highValue!.totalValue },
  sensitive: [...doc.sensitive].map((t) => ({ from: t.from as Stage, to: t.to as Stage })),
});

/** The rules in force: the latest published version not rolled back, else the built-in one. */
export async function activeStageRules(): Promise<StageRules> {
  const latest = await StageRuleVersionModel.findOne({ rolledBackAt: null }).sort({ n: -1 }).lean();
  return latest ? toRules(latest) : BUILT_IN;
}

/** Every version, newest first, with which one is in force. */
export async function listStageRules(): Promise<{ active: string; versions: (StageRules & { publishedAt: Date | null; rolledBackAt: Date | null; note?: string | null })[] }> {
  const published = await StageRuleVersionModel.find().sort({ n: -1 }).lean();
  const active = published.find((v) => !v.rolledBackAt)?._id ?? BUILT_IN.version;
  return {
    active,
    versions: [
      ...published.map((v) => ({ ...toRules(v), publishedAt: v.publishedAt, rolledBackAt: v.rolledBackAt ?? null, note: v.note ?? null })),
      { ...BUILT_IN, publishedAt: null, rolledBackAt: null },
    ],
  };
}

export class StageRulesConflict extends Error {}

/** Publishes a new version; it is in force from now on (customers it has not moved keep their stage). */
export async function publishStageRules(params: StageRuleParams, note?: string): Promise<StageRules> {
  const last = await StageRuleVersionModel.findOne().sort({ n: -1 }).lean();
  const n = (last?.n ?? 1) + 1;
  try {
    const doc = await StageRuleVersionModel.create({ _id: `stage-rules@${n}`, n, ...params, note, publishedAt: new Date() });
    return toRules(doc);
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new StageRulesConflict('another version was published at the same time; retry');
    throw error;
  }
}

export class StageRulesNotFound extends Error {}

/**
 * Rolls back `version`, which must be the one in force; returns the version in force again. Rolling
 * back a version already rolled back answers the same, so a retried request is harmless.
 */
export async function rollBackStageRules(version: string): Promise<{ rolledBack: string; active: StageRules }> {
  if (version === BUILT_IN.version) throw new StageRulesConflict(`${BUILT_IN.version} is built in: there is no earlier version to roll back to`);
  const target = await StageRuleVersionModel.findById(version).lean();
  if (!target) throw new StageRulesNotFound(`no stage rules version "${version}"`);
  if (!target.rolledBackAt) {
    const current = await StageRuleVersionModel.findOne({ rolledBackAt: null }).sort({ n: -1 }).lean();
    if (current?._id !== version) throw new StageRulesConflict(`${version} is not the version in force (${current?._id ?? BUILT_IN.version} is): roll that back first`);
    const updated = await StageRuleVersionModel.updateOne({ _id: version, rolledBackAt: null }, { $set: { rolledBackAt: new Date() } });
    if (updated.modifiedCount !== 1) throw new StageRulesConflict(`${version} was rolled back meanwhile`);
  }
  return { rolledBack: version, active: await activeStageRules() };
}
