// A horizontal bar chart drawn as inline SVG by React (no chart library): one labelled bar per figure, its value
// written beside it, so the chart never means anything by colour alone. It is an image with an accessible name; the
// same figures are always in a table beside it for screen readers and copying.

export interface Bar {
  label: string;
  value: number | null;
  /** The value as written beside the bar ("12.5 %"). */
  text: string;
}

const ROW = 26;
const LABEL_WIDTH = 260;
const BAR_WIDTH = 300;
const VALUE_WIDTH = 90;

export function BarChart({ id, title, bars, max }: { id: string; title: string; bars: Bar[]; max?: number }) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value ?? 0));
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const height = Math.max(1, bars.length) * ROW + 4;
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-labelledby={`${id}-title`}
      viewBox={`0 0 ${String(width)} ${String(height)}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      {bars.length === 0 && (
        <text x={0} y={18} fill="#4a5360">
          No figures in this period
        </text>
      )}
      {bars.map((bar, i) => {
        const y = i * ROW + 2;
        const length = top > 0 && bar.value !== null ? Math.max(1, (bar.value / top) * BAR_WIDTH) : 0;
        return (
          <g key={`${bar.label}-${String(i)}`}>
            <text x={LABEL_WIDTH - 8} y={y + 17} textAnchor="end" fill="#1b1f24" fontSize={13}>
              {bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 4} width={length} height={ROW - 8} fill="#0b57d0" />
            <text x={LABEL_WIDTH + length + 6} y={y + 17} fill="#1b1f24" fontSize={13}>
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
