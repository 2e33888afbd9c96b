import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from './error-notice.js';
import { Loading } from './loading.js';

let diagrams = 0;

/**
 * Draws Mermaid text as SVG in the page. Mermaid is bundled with the console but loaded on first use
 * (a chunk of its own), so pages without a diagram do not pay for it.
 */
export function MermaidDiagram({ source, label }: { source: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'drawing' | 'drawn' | Error>('drawing');
  useEffect(() => {
    let current = true;
    setState('drawing');
    (async () => {
      const { default: mermaid } = await import('mermaid');
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', flowchart: { htmlLabels: false } });
      const { svg } = await mermaid.render(`tideway-diagram-${++diagrams}`, source);
      if (!current || !host.current) return;
      host.current.innerHTML = svg;
      setState('drawn');
    })().catch((error: Error) => current && setState(error));
    return () => {
      current = false;
    };
  }, [source]);
  return (
    <figure class="diagram" aria-label={label} data-state={state instanceof Error ? 'failed' : state}>
      {state === 'drawing' && <Loading />}
      {state instanceof Error && <ErrorNotice error={state} />}
      <div ref={host} />
    </figure>
  );
}
