import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkCatalogue } from '../domain/catalogue-check.js';
import { journeyToMermaid } from '../domain/diagram.js';
import { allSteps, defineJourney } from '../domain/journey.js';
import { journeys, TEMPLATE_DEFAULT_VARIABLES, templates } from '../journeys/index.js';
import { winBack } from '../journeys/win-back.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'cli/journeys.ts', ...args]);

describe('the journey catalogue', () => {
  it('validates: every template a journey sends exists and renders in every locale', () => {
    expect(checkCatalogue(journeys, templates, TEMPLATE_DEFAULT_VARIABLES)).toEqual([]);
  });

  it('names the journey, step and template of each problem', () => {
    const broken = defineJourney({
      id: 'broken',
      name: 'Broken',
      entry: { event: 'x.y' },
      reentry: 'always',
      steps: [{ kind: 'send', key: 'hello', channel: 'email', template: 'missing' }],
    });
    const problems = checkCatalogue([broken], { typo: { en: { subject: 'Hi {{nmae}}', text: '' } } }, TEMPLATE_DEFAULT_VARIABLES);
    expect(problems).toEqual([
      'journey "broken" step "hello": no template "missing"',
      'template "typo" (en) subject line 1: template variable "nmae" has no value',
    ]);
  });

  it('draws every step of a journey, and every edge joins declared nodes', () => {
    const diagram = journeyToMermaid(winBack);
    const declared = new Set([...diagram.matchAll(/^ {2}(\w+)[[({]/gm)].map((m) => m[1]));
    for (const step of allSteps(winBack)) expect(declared).toContain(`s_${step.key.replace(/-/g, '_')}`);
    const edges = [...diagram.matchAll(/^ {2}(\w+) -->(?:\|"[^"]*"\|)? (\w+)$/gm)];
    expect(edges.length).toBeGreaterThan(10);
    for (const [, from, to] of edges) {
      expect(declared).toContain(from);
      expect(declared).toContain(to);
    }
    expect(diagram).toContain('s_call -->|"overdue"| s_escalate_call');
    expect(diagram).toContain('goal{{"★ goal: customer.interacted or order.placed');
  });

  it('writes the runs that passed each step on its node, with the same node ids, and escapes what Mermaid would read as code', () => {
    const plain = journeyToMermaid(winBack);
    const counted = journeyToMermaid(winBack, { steps: { coupon: 42, call: 7 }, entered: 50, goalReached: 3 });
    const ids = (diagram: string) => [...diagram.matchAll(/^ {2}(\w+)[[({]/gm)].map((m) => m[1]);
    expect(ids(counted)).toEqual(ids(plain));
    expect(counted.split('\n').filter((line) => line.includes('-->'))).toEqual(plain.split('\n').filter((line) => line.includes('-->')));
    expect(counted).toContain('s_coupon["✉ email: winback-coupon · 42"]');
    expect(counted).toContain('s_call["👤 Call the silent customer · 7<br/>customer-success, SLA 2 days"]');
    expect(counted).toContain('s_robot_reminder["✉ email: winback-reminder · 0"]');
    expect(counted).toContain('entry(["▶ Win back a silent customer: on stage silent · 50"])');
    expect(counted).toContain('goalDone(["■ goal reached · 3"])');
    expect(plain).not.toContain(' · ');

    const tricky = defineJourney({
      id: 'tricky',
      name: 'Say "hi" #1 <b>',
      entry: { event: 'x.y' },
      reentry: 'always',
      steps: [{ kind: 'task', key: 'ask', title: 'Ask "why" #2 <i>', queue: 'q', sla: '1 day' }],
    });
    const escaped = journeyToMermaid(tricky, { steps: { ask: 5 } });
    expect(escaped).toContain('entry(["▶ Say #34;hi#34; #35;1 #60;b#62;: on event x.y"])');
    expect(escaped).toContain('s_ask["task: Ask #34;why#34; #35;2 #60;i#62; · 5<br/>q, due in 1 day"]');
  });

  it('npm run journeys: list, validate and diagram, with a clear error for an unknown journey', async () => {
    const list = await cli('list');
    expect(list.stdout.split('\n').filter(Boolean)).toHaveLength(journeys.length);
    expect((await cli('validate')).stdout).toContain(`✓ ${journeys.length} journeys valid`);
    expect((await cli('diagram', 'win-back')).stdout).toMatch(/^flowchart TD\n/);
    await expect(cli('diagram', 'nope')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no journey "nope"; known: welcome') });
  });
});
