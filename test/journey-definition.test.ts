import { describe, expect, it } from 'vitest';
import { durationToMs } from '../domain/durations.js';
import { allSteps, defineJourney, type JourneyDefinition } from '../domain/journey.js';
import { journeys, templates } from '../journeys/index.js';
import { welcome } from '../journeys/welcome.js';
import { renderTemplate } from '../domain/liquid.js';

const minimal: JourneyDefinition = {
  id: 'tiny',
  name: 'Tiny',
  entry: { event: 'order.placed' },
  reentry: 'always',
  steps: [{ kind: 'wait', key: 'pause', duration: '2 days' }],
};

describe('journey definitions', () => {
  it('stamp a version that changes with the definition and not with key order', () => {
    const a = defineJourney(minimal);
    const reordered = defineJourney({ steps: minimal.steps, reentry: 'always', entry: minimal.entry, name: 'Tiny', id: 'tiny' });
    const changed = defineJourney({ ...minimal, steps: [{ kind: 'wait', key: 'pause', duration: '3 days' }] });
    expect(a.version).toMatch(/^[0-9a-f]{12}$/);
    expect(reordered.version).toBe(a.version);
    expect(changed.version).not.toBe(a.version);
  });

  it('refuse a bad definition with the journey, the step path and the reason', () => {
    const bad = { ...minimal, steps: [{ kind: 'wait', key: 'pause', duration: '2 fortnights' }] } as unknown as JourneyDefinition;
    expect(() => defineJourney(bad)).toThrow(/Journey "tiny" is invalid:\n {2}at steps\.0\.duration: a duration like/);
    const twice = { ...minimal, steps: [minimal.steps[0]!, minimal.steps[0]!] };
    expect(() => defineJourney(twice)).toThrow(/step key "pause" is used twice/);
  });

  it('refuse a goal task that is not a task step, or an outcome the step does not offer', () => {
    const task = { kind: 'task' as const, key: 'call', title: 'Call', queue: 'cs', sla: '1 day' as const, outcomes: ['reached', 'no-answer'] };
    const goal = (tasks: { step: string; outcomes: string[] }[]) => ({ ...minimal, goal: { events: ['order.placed'], tasks, then: [] }, steps: [task] });
    expect(defineJourney(goal([{ step: 'call', outcomes: ['reached'] }])).goal?.tasks).toEqual([{ step: 'call', outcomes: ['reached'] }]);
    expect(() => defineJourney(goal([{ step: 'pause', outcomes: ['reached'] }]))).toThrow(/goal task "pause" is not a task step of the journey/);
    expect(() => defineJourney(goal([{ step: 'call', outcomes: ['won'] }]))).toThrow(/goal task "call": "won" not among the step's outcomes/);
  });

  it('use real durations', () => {
    expect(durationToMs('45 days')).toBe(45 * 24 * 3600 * 1000);
    expect(durationToMs('1 hour')).toBe(3_600_000);
    expect(() => durationToMs('soon' as never)).toThrow(/Not a duration/);
  });

  it('every template the catalogue sends renders in every locale with the standard variables', () => {
    const variables = { name: 'Ada', brand: 'Tideway', handbookUrl: 'h', surveyUrl: 's', couponUrl: 'u', customerId: 'c' };
    const used = journeys.flatMap((j) => allSteps(j)).flatMap((s) => (s.kind === 'send' ? [s.template] : []));
    expect(used).toContain('welcome');
    for (const id of used) {
      const variants = templates[id];
      expect(variants, `template ${id}`).toBeDefined();
      for (const template of Object.values(variants!)) expect(() => renderTemplate(template!, variables)).not.toThrow();
    }
    expect(() => renderTemplate({ subject: 'Hi {{nobody}}', text: '' }, variables)).toThrow(/"nobody" has no value/);
  });

  it('the welcome journey enters on the new stage and ends on the survey', () => {
    expect(welcome.entry).toEqual({ stage: 'new' });
    expect(welcome.goal?.events).toEqual(['survey.completed']);
  });
});
