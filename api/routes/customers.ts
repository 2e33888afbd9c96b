import { Router } from 'express';
import { consentView } from '../../domain/consent.js';
import { describeIdentity, type Identity } from '../../domain/identities.js';
import { type WecomContact, wecomIdentity } from '../../domain/wecom-contact.js';
import { MANUAL_STAGE_EVENT_TYPE } from '../../domain/events.js';
import { type AttributeChanges, type AttributeDeclarations, checkAttributes } from '../../domain/customer-attributes.js';
import { recordConsent } from '../../store/consent.js';
import { CustomerBusyError, writeProfile } from '../../store/customer-profile.js';
import { claimIdentities, identitiesOf, IdentityTakenError } from '../../store/identities.js';
import { CustomerModel } from '../../store/models/customer.js';
import { JourneyRunModel } from '../../store/models/journey-run.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import { noteChange } from '../audit-trail.js';
import { mergeCustomers } from '../customer-merge.js';
import { acceptEvent } from '../event-intake.js';
import { actingNow } from '../principal.js';
import { HttpProblem, parseInput } from '../problem.js';
import { consentChangeSchema, customerMergeSchema, customerParamsSchema, customerProfileSchema, stageChangeSchema } from '../schemas.js';

export function customerRoutes(runner: JourneyRunner, declaredAttributes: AttributeDeclarations): Router {
  const router = Router();

  route(router, 'PUT /v1/customers/:id', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    const { identities = [], attributes, ...profile } = parseInput(customerProfileSchema, req.body);
    const attributeChanges = attributes && declaredChanges(attributes, declaredAttributes);
    // Which fields were sent, not their values: the audit log holds no personal data.
    const attributeFields = Object.keys(attributes ?? {}).map((name) => `attributes.${name}`);
    noteChange(res, { field: 'profile', to: [...Object.keys({ ...profile, ...(identities.length ? { identities } : {}) }), ...attributeFields] });
    const existing = await CustomerModel.findById(id, { mergedInto: 1 }).lean();
    if (existing?.mergedInto) {
      throw new HttpProblem(409, 'Customer merged', `Customer "${id}" was merged into "${existing.mergedInto}"; update that one.`, { mergedInto: existing.mergedInto });
    }
    // Identities first: when one is taken, the profile is left as it was.
    await claimOrConflict(id, [...identities, ...contactIdentities(profile)]);
    await writeProfile(id, profile, attributeChanges, declaredAttributes).catch((error: unknown) => {
      if (error instanceof CustomerBusyError) throw new HttpProblem(409, 'Customer busy', `${error.message}; send the request again.`);
      throw error;
    });
    res.status(existing ? 200 : 201).json(await loadCustomer(id));
  });

  /** One channel's consent, with where it came from; a change of status is appended to the history. */
  route(router, 'PUT /v1/customers/:id/consent', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    const change = parseInput(consentChangeSchema, req.body);
    const existing = await CustomerModel.findById(id, { mergedInto: 1, consent: 1 }).lean();
    if (!existing) throw new HttpProblem(404, 'Customer not found', `No customer "${id}".`);
    if (existing.mergedInto) {
      throw new HttpProblem(409, 'Customer merged', `Customer "${id}" was merged into "${existing.mergedInto}"; update that one.`, { mergedInto: existing.mergedInto });
    }
    await recordConsent(id, change);
    noteChange(res, { field: `consent.${change.channel}`, from: consentView(existing.consent)[change.channel]?.status ?? null, to: change.status });
    res.json(await loadCustomer(id));
  });

  route(router, 'GET /v1/customers/:id', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    res.json(await loadCustomer(id));
  });

  route(router, 'POST /v1/customers/:id/stage', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    const { stage, reason } = parseInput(stageChangeSchema, req.body);
    const customer = await CustomerModel.findById(id, { stage: 1 }).lean();
    if (!customer) throw new HttpProblem(404, 'Customer not found', `No customer "${id}".`);
    // Through the customer's lifecycle, in order with their other events: it records the change,
    // pushes it to the CRM and starts the journeys that enter on the stage.
    // A person's change names them in the stage history (`person:<name>`); a service's says `api`.
    const actor = actingNow(res);
    const properties = { stage, reason, ...(actor.kind === 'user' ? { source: `person:${actor.name}` } : {}) };
    const accepted = await acceptEvent({ customerId: id, type: MANUAL_STAGE_EVENT_TYPE, properties }, runner);
    // The stage asked for; the lifecycle applies it in order with the customer's events.
    noteChange(res, { field: 'stage', from: customer.stage ?? null, to: stage, reason });
    res.status(202).json({ ...accepted, stage });
  });

  /** Folds `otherId` into this customer; 200 with the survivor. */
  route(router, 'POST /v1/customers/:id/merge', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    const { otherId, reason } = parseInput(customerMergeSchema, req.body);
    if (otherId === id) {
      throw new HttpProblem(400, 'Invalid request', 'A customer cannot be merged into itself.', {
        errors: [{ path: 'otherId', message: 'must be another customer than the one in the path', code: 'custom' }],
      });
    }
    await mergeCustomers(id, otherId, runner);
    noteChange(res, { field: 'merged', from: otherId, to: id, reason });
    res.json(await loadCustomer(id));
  });

  return router;
}

async function loadCustomer(id: string) {
  const customer = await CustomerModel.findById(id).lean();
  if (!customer) throw new HttpProblem(404, 'Customer not found', `No customer "${id}".`);
  const [runs, identities] = await Promise.all([
    JourneyRunModel.find({ customerId: id }, { _id: 0, steps: 0 }).sort({ startedAt: -1 }).lean(),
    identitiesOf(id),
  ]);
  const { _id, ...profile } = customer;
  return { id: _id, ...profile, attributes: profile.attributes ?? {}, anniversaries: profile.anniversaries ?? [], dates: profile.dates ?? [], tags: profile.tags ?? [], stageHistory: profile.stageHistory ?? [], consent: consentView(profile.consent), consentHistory: profile.consentHistory ?? [], stage: profile.stage ?? null, mergedInto: profile.mergedInto ?? null, identities, runs };
}

/** The attribute changes a request asks, checked against the declarations; a 400 naming each bad one. */
function declaredChanges(attributes: Record<string, unknown>, declared: AttributeDeclarations): AttributeChanges {
  const checked = checkAttributes(attributes, declared);
  if ('changes' in checked) return checked.changes;
  throw new HttpProblem(400, 'Invalid request', checked.problems.map((p) => `${p.path}: ${p.message}`).join('; '), {
    errors: checked.problems.map((p) => ({ ...p, code: 'invalid_attribute' })),
  });
}

/** The profile's email, phone and WeCom external contact are identities of the customer too. */
function contactIdentities({ email, phone, wecom }: { email?: string; phone?: string; wecom?: WecomContact }): Identity[] {
  return [
    ...(email ? [{ kind: 'email' as const, value: email }] : []),
    ...(phone ? [{ kind: 'phone' as const, value: phone }] : []),
    ...(wecom ? [wecomIdentity(wecom.externalUserId)] : []),
  ];
}

async function claimOrConflict(customerId: string, identities: Identity[]): Promise<void> {
  try {
    await claimIdentities(customerId, identities);
  } catch (error) {
    if (!(error instanceof IdentityTakenError)) throw error;
    throw new HttpProblem(409, 'Identity taken', `The ${describeIdentity(error.identity)} belongs to customer "${error.ownerId}".`, {
      identity: error.identity,
      customerId: error.ownerId,
    });
  }
}
