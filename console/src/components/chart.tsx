import { ArcElement, BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only the chart kinds the console draws, so the bundle carries no others.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A Chart.js chart that redraws when its configuration changes; `label` names it for screen readers and tests. */
export function ChartView({ config, label, height = 260 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
    return () => chart.destroy();
  }, [config]);
  return (
    <div class="chart" style={{ height: `${height}px`, position: 'relative' }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
