import { describeCondition } from './conditions.js';
import { describeEntry } from './entry-description.js';
import { assertUnreachable } from './errors.js';
import { allSteps, childPaths, type Journey, type Step } from './journey.js';

const STAGE_OR_EVENT = (journey: Journey) => describeEntry(journey.entry);

/** Runs to write on the diagram: per step key, how many passed it; the entry and goal nodes take theirs. */
export interface DiagramCounts {
  steps: Readonly<Record<string, number>>;
  entered?: number;
  goalReached?: number;
}

const BREAK = '<br/>';
/**
 * A label safe inside Mermaid's `["…"]`: `"`, `#`, `<` and `>` as Mermaid entity codes (a `#` would
 * otherwise start one), keeping the line breaks the labels put in.
 */
const text = (value: string) =>
  value
    .split(BREAK)
    .map((line) => line.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`))
    .join(BREAK);
/** `label · 42`: the count after the first line of a label, when there is one. */
function counted(value: string, count: number | undefined): string {
  if (count === undefined) return value;
  const [first, ...rest] = value.split(BREAK);
  return [`${first} · ${Math.trunc(count)}`, ...rest].join(BREAK);
}
const id = (key: string) => `s_${key.replace(/-/g, '_')}`;

function label(step: Step): string {
  switch (step.kind) {
    case 'send':
      return `✉ ${step.channel}: ${step.template}`;
    case 'wait':
      return step.duration ? `⏳ wait ${step.duration}` : `⏳ wait for ${step.untilWindow!.from}–${step.untilWindow!.to} local`;
    case 'waitForEvent':
      return `⏳ wait for ${step.events.join(' or ')}<br/>up to ${step.timeout}`;
    case 'branch':
      return `branch: ${step.key}`;
    case 'split':
      return `A/B: ${step.experiment}`;
    case 'setStage':
      return `stage → ${step.stage}`;
    case 'tag':
      return `tag ${[...(step.add ?? []).map((t) => `+${t}`), ...(step.remove ?? []).map((t) => `-${t}`)].join(' ')}`;
    case 'task':
      return `task: ${step.title}<br/>${step.queue}, due in ${step.sla}`;
    case 'humanTask':
      return `👤 ${step.title}<br/>${step.queue}, SLA ${step.sla}`;
    case 'approval':
      return `approval if ${describeCondition(step.when)}<br/>up to ${step.timeout}`;
    case 'coldPool':
      return `❄ cold pool: ${step.reason}`;
    case 'webhook':
      return `↗ webhook ${step.target}: ${step.event}`;
    case 'end':
      return `end: ${step.outcome}<br/>${step.reason}`;
    default:
      return assertUnreachable(step, 'step kind');
  }
}

function shape(step: Step, count: number | undefined): string {
  const body = text(counted(label(step), count));
  if (step.kind === 'branch' || step.kind === 'split' || step.kind === 'approval' || step.kind === 'waitForEvent') return `{"${body}"}`;
  if (step.kind === 'end') return `(["${body}"])`;
  return `["${body}"]`;
}

/** The paths out of a step that has them, with the label of each edge. */
function paths(step: Step): [string, Step[]][] {
  switch (step.kind) {
    case 'waitForEvent':
      return [[step.events.join(' / '), step.onEvent], ['timeout', step.onTimeout]];
    case 'branch':
      return [...step.cases.map((c): [string, Step[]] => [describeCondition(c.when), c.steps]), ['otherwise', step.otherwise]];
    case 'split':
      return step.arms.map((arm): [string, Step[]] => [`${arm.name} (${arm.weight})`, arm.steps]);
    case 'humanTask':
      return [['done', step.onCompleted ?? []], ['overdue', step.onOverdue]];
    case 'approval':
      return [['approved / not needed', []], ['rejected / timeout', step.onRejected]];
    default:
      // Steps without paths, and any kind not named above: childPaths (exhaustive) knows its paths.
      return childPaths(step).map((path, n): [string, Step[]] => [`path ${n + 1}`, path]);
  }
}

/**
 * A Mermaid flowchart of a journey, as a marketer reads it: entry, steps, branches, goal and exits.
 * With `counts`, each step's label ends with the runs that passed it (`✉ email: welcome · 42`); node
 * ids stay the same either way.
 */
export function journeyToMermaid(journey: Journey, counts?: DiagramCounts): string {
  const nodes = [`  entry(["▶ ${text(counted(`${journey.name}: on ${STAGE_OR_EVENT(journey)}`, counts?.entered))}"])`];
  nodes.push(...allSteps(journey).map((step) => `  ${id(step.key)}${shape(step, counts ? (Object.hasOwn(counts.steps, step.key) ? counts.steps[step.key] : 0) : undefined)}`), '  done(["■ completed"])');
  if (journey.goal) nodes.push(`  goal{{"★ goal: ${text(journey.goal.events.join(' or '))}<br/>at any point"}}`, `  goalDone(["${text(counted('■ goal reached', counts?.goalReached))}"])`);
  if (journey.exit) nodes.push(`  exit{{"⏹ exit: ${text(journey.exit.events.join(' or '))}<br/>at any point"}}`);
  if (journey.refusal) nodes.push(`  refusal{{"✋ refusal: ${text(journey.refusal.events.join(' or '))} that says no<br/>at any point"}}`, '  refusedDone(["■ refused"])');
  // render() walks each list backwards (a step needs to know what follows it): edges come out last-first.
  const edges: string[] = [];
  const edge = (from: string, to: string, edgeLabel?: string) => edges.push(edgeLabel ? `  ${from} -->|"${text(edgeLabel)}"| ${to}` : `  ${from} --> ${to}`);

  /** Emits `steps`, the last one leading to `next`; returns the id of the first node (or `next` when empty). */
  function render(steps: Step[], next: string): string {
    let following = next;
    for (const step of [...steps].reverse()) {
      const outs = paths(step);
      if (step.kind === 'end') {
        // the run stops here
      } else if (outs.length === 0) {
        edge(id(step.key), following);
      } else {
        for (const [edgeLabel, path] of [...outs].reverse()) edge(id(step.key), render(path, following), edgeLabel);
      }
      following = id(step.key);
    }
    return following;
  }

  if (journey.goal) edge('goal', render(journey.goal.then, 'goalDone'));
  if (journey.refusal) edge('refusal', render(journey.refusal.then, 'refusedDone'), 'opt out of the reply\'s channel');
  edge('entry', render(journey.steps, 'done'));
  return ['flowchart TD', ...nodes, ...edges.reverse()].join('\n');
}
