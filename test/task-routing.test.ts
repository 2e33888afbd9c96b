import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaskRouting } from '../config/task-routing.js';
import { routeTask, type TaskRequest, type TaskRouting, taskRoutingSchema } from '../domain/task-routing.js';

const defaults = loadTaskRouting();
const request = (overrides: Partial<TaskRequest> = {}): TaskRequest => ({
  queue: 'customer-success',
  trigger: 'journey',
  journeyId: 'win-back',
  priority: 'normal',
  slaMs: 2 * 86_400_000,
  customer: { stage: 'silent', tags: [] },
  ...overrides,
});

describe('task routing rules (config/task-routing.json)', () => {
  it('sends a complaint’s urgent review to the complaints team, urgent', () => {
    expect(routeTask(defaults, request({ queue: 'urgent-review', trigger: 'complaint', journeyId: undefined, priority: 'high' }))).toEqual({
      queue: 'complaints',
      priority: 'urgent',
      slaMs: 2 * 86_400_000,
      routedBy: 'complaints-team',
    });
  });

  it('sends any urgent review there too, even a high-value customer’s (first match wins)', () => {
    const angry = request({ queue: 'urgent-review', trigger: 'negative-message', journeyId: undefined, customer: { stage: 'high_value', tags: ['vip'] } });
    expect(routeTask(defaults, angry)).toMatchObject({ queue: 'complaints', routedBy: 'urgent-reviews-to-complaints-team' });
  });

  it('sends a high-value or VIP customer’s tasks to the senior team', () => {
    expect(routeTask(defaults, request({ customer: { stage: 'high_value', tags: [] } }))).toMatchObject({ queue: 'senior-success', priority: 'high', routedBy: 'high-value-to-senior-team' });
    expect(routeTask(defaults, request({ customer: { stage: 'silent', tags: ['vip'] } }))).toMatchObject({ queue: 'senior-success', routedBy: 'vip-to-senior-team' });
  });

  it('leaves other tasks, and every task for the customer themselves, as the step asked', () => {
    expect(routeTask(defaults, request())).toEqual({ queue: 'customer-success', priority: 'normal', slaMs: 2 * 86_400_000, routedBy: null });
    const survey = request({ queue: 'customer', journeyId: 'welcome', customer: { stage: 'high_value', tags: ['vip'] } });
    expect(routeTask(defaults, survey)).toMatchObject({ queue: 'customer', routedBy: null });
  });
});

describe('rule matching', () => {
  const routing = (rules: unknown[]): TaskRouting => taskRoutingSchema.parse({ rules });

  it('needs every condition a rule gives; within one, any listed value', () => {
    const rules = routing([{ name: 'winback-calls-en', when: { journey: ['win-back', 'nurture'], queue: ['customer-success'], tags: ['en', 'de'] }, route: { assignee: 'sam' } }]);
    expect(routeTask(rules, request({ customer: { stage: 'silent', tags: ['de'] } }))).toMatchObject({ queue: 'customer-success', assignee: 'sam', routedBy: 'winback-calls-en' });
    expect(routeTask(rules, request({ customer: { stage: 'silent', tags: ['fr'] } })).routedBy).toBeNull();
    expect(routeTask(rules, request({ journeyId: 'welcome', customer: { stage: 'silent', tags: ['en'] } })).routedBy).toBeNull();
    expect(routeTask(rules, request({ queue: 'onboarding', customer: { stage: 'silent', tags: ['en'] } })).routedBy).toBeNull();
  });

  it('does not match a stage condition for a customer without a stage, nor a journey condition for a task outside journeys', () => {
    const rules = routing([
      { name: 'new-ones', when: { stage: ['new'] }, route: { queue: 'onboarding' } },
      { name: 'welcome-only', when: { journey: ['welcome'] }, route: { queue: 'onboarding' } },
    ]);
    expect(routeTask(rules, request({ customer: { stage: null, tags: [] } })).routedBy).toBeNull();
    expect(routeTask(rules, request({ journeyId: undefined, trigger: 'complaint' })).routedBy).toBeNull();
  });

  it('tries rules in order; a rule without conditions catches everything; the route overrides priority and the due time', () => {
    const rules = routing([
      { name: 'complaints', when: { trigger: ['complaint'] }, route: { queue: 'complaints', assignee: 'lee', sla: '4 hours', priority: 'urgent' } },
      { name: 'everything-else', route: { queue: 'triage' } },
    ]);
    expect(routeTask(rules, request({ trigger: 'complaint' }))).toEqual({ queue: 'complaints', assignee: 'lee', priority: 'urgent', slaMs: 4 * 3_600_000, routedBy: 'complaints' });
    expect(routeTask(rules, request())).toEqual({ queue: 'triage', priority: 'normal', slaMs: 2 * 86_400_000, routedBy: 'everything-else' });
  });
});

describe('loading the routing file', () => {
  const fileWith = (content: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'tideway-routing-')), 'task-routing.json');
    writeFileSync(file, content);
    return file;
  };

  it('stops on a bad rule, naming the file and the field at fault', () => {
    const file = fileWith(
      JSON.stringify({
        rules: [
          { name: 'ok', when: { stage: ['high_value'] }, route: { queue: 'senior-success' } },
          { name: 'typo', when: { stages: ['high_value'] }, route: { queue: 'senior-success' } },
          { name: 'bad-values', when: { stage: ['vip'], trigger: ['email'] }, route: { priority: 'asap', sla: 'soon' } },
          { name: 'ok', route: {} },
        ],
      }),
    );
    const load = () => loadTaskRouting(file);
    expect(load).toThrow(`Task routing ${file} is invalid:`);
    expect(load).toThrow(/\n {2}rules\.1\.when: Unrecognized key: "stages"/);
    expect(load).toThrow(/\n {2}rules\.2\.when\.stage\.0: /);
    expect(load).toThrow(/\n {2}rules\.2\.when\.trigger\.0: /);
    expect(load).toThrow(/\n {2}rules\.2\.route\.priority: /);
    expect(load).toThrow(/\n {2}rules\.2\.route\.sla: a duration like "3 days"/);
    expect(load).toThrow(/\n {2}rules\.3\.route: set at least one of queue, assignee, priority, sla/);
  });

  it('stops on duplicate rule names (tasks record the name) and on a file that is not JSON', () => {
    const twice = fileWith(JSON.stringify({ rules: [{ name: 'a', route: { queue: 'x' } }, { name: 'a', route: { queue: 'y' } }] }));
    expect(() => loadTaskRouting(twice)).toThrow(/rules\.1\.name: "a" names an earlier rule too/);
    const broken = fileWith('{ "rules": [ ');
    expect(() => loadTaskRouting(broken)).toThrow(new RegExp(`^Task routing ${broken}: `));
    expect(() => loadTaskRouting('/nonexistent/task-routing.json')).toThrow(/^Task routing \/nonexistent\/task-routing\.json: ENOENT/);
  });
});
