// Small charts in plain SVG (no charting library): grouped bars and a radar. Each comes with its figures
// as a table, so nothing is told by colour or shape alone.
import { Box, Group, Table, Text } from '@mantine/core';
import { useId } from 'react';

export interface BarGroup {
  label: string;
  values: number[];
}

export function BarChart({
  title,
  series,
  colors,
  groups,
  format,
}: {
  title: string;
  series: string[];
  colors: string[];
  groups: BarGroup[];
  format: (n: number) => string;
}) {
  const id = useId();
  const width = 640;
  const height = 220;
  const top = 24;
  const bottom = 28;
  const left = 8;
  const max = Math.max(1, ...groups.flatMap((g) => g.values));
  const slot = (width - left * 2) / Math.max(1, groups.length);
  const bar = Math.min(28, (slot - 16) / Math.max(1, series.length));
  const scale = (v: number) => ((height - top - bottom) * v) / max;
  return (
    <Box>
      <Group gap="md" mb={4} aria-hidden>
        {series.map((s, i) => (
          <Group key={s} gap={6}>
            <Box w={14} h={14} bg={colors[i]} style={{ borderRadius: 2 }} />
            <Text size="sm">{s}</Text>
          </Group>
        ))}
      </Group>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t`}
        style={{ maxWidth: width, display: 'block' }}
      >
        <title id={`${id}-t`}>{title}</title>
        <line x1={left} x2={width - left} y1={height - bottom} y2={height - bottom} stroke="#868e96" />
        {groups.map((g, gi) => {
          const x0 = left + gi * slot + (slot - bar * series.length) / 2;
          return (
            <g key={g.label}>
              {g.values.map((v, si) => {
                const h = scale(v);
                const x = x0 + si * bar;
                const y = height - bottom - h;
                return (
                  <g key={si}>
                    <rect x={x + 1} y={y} width={bar - 2} height={h} fill={colors[si]} rx={2} />
                    <text x={x + bar / 2} y={y - 4} fontSize={11} textAnchor="middle" fill="#212529">
                      {format(v)}
                    </text>
                  </g>
                );
              })}
              <text
                x={left + gi * slot + slot / 2}
                y={height - 8}
                fontSize={12}
                textAnchor="middle"
                fill="#212529"
              >
                {g.label}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{''}</th>
              {series.map((s) => (
                <th key={s} scope="col">
                  {s}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.label}>
                <th scope="row">{g.label}</th>
                {g.values.map((v, i) => (
                  <td key={i}>{format(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Box>
  );
}

export interface RadarAxis {
  label: string;
  /** Points scored, or null when the system has no data for it. */
  value: number | null;
  max: number;
  /** Of `max`, the points of what has data (the share drawn is value ÷ available); `max` when omitted. */
  available?: number | undefined;
}

/** The share an axis is drawn at, or null when it has no data (drawn as absent, never as a zero). */
export function axisShare(ax: RadarAxis): number | null {
  const of = ax.available ?? ax.max;
  if (ax.value === null || of <= 0) return null;
  return Math.max(0, Math.min(1, ax.value / of));
}

/** Splits a label into lines of at most `max` characters at spaces (a longer word keeps its own line). */
export function wrapLabel(label: string, max: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (current !== '' && current.length + 1 + word.length > max) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}

export function RadarChart({
  title,
  axes,
  format,
  headers,
  noData,
  partial,
}: {
  title: string;
  axes: RadarAxis[];
  format: (n: number) => string;
  headers: { axis: string; points: string; max: string };
  noData: string;
  /** "of which N points have data", for an axis measured in part. */
  partial?: ((available: string) => string) | undefined;
}) {
  const id = useId();
  // Wider than tall: the labels beside the left and right axes need room; they wrap instead of being cut.
  const width = 440;
  const height = 290;
  const cx = width / 2;
  // A pentagon reaches further up than down: the centre sits a little above the middle.
  const cy = 152;
  const r = 105;
  const lineHeight = 13;
  const n = Math.max(3, axes.length);
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const point = (i: number, share: number) =>
    [cx + Math.cos(angle(i)) * r * share, cy + Math.sin(angle(i)) * r * share] as const;
  // Only the axes with data make the shape: an axis without data is left out (dashed and marked), so the
  // shape never dips to the centre as if the agency had scored zero there.
  const measured = axes
    .map((ax, i) => ({ i, share: axisShare(ax) }))
    .filter((a): a is { i: number; share: number } => a.share !== null);
  const shape = measured.map((a) => point(a.i, a.share).join(',')).join(' ');
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        style={{ maxWidth: '100%', height: 'auto' }}
        role="img"
        aria-labelledby={`${id}-t`}
      >
        <title id={`${id}-t`}>{title}</title>
        {[0.25, 0.5, 0.75, 1].map((s) => (
          <polygon
            key={s}
            points={axes.map((_, i) => point(i, s).join(',')).join(' ')}
            fill="none"
            stroke="#ced4da"
          />
        ))}
        {axes.map((ax, i) => {
          const [x, y] = point(i, 1);
          const [lx, ly] = point(i, 1.12);
          const lines = wrapLabel(ax.label, 16);
          const sin = Math.sin(angle(i));
          // Above the centre the block of lines ends at the axis; below it starts there; beside it, centred.
          const first =
            sin < -0.3
              ? ly - (lines.length - 1) * lineHeight
              : sin > 0.3
                ? ly
                : ly - ((lines.length - 1) * lineHeight) / 2;
          const missing = axisShare(ax) === null;
          return (
            <g key={ax.label} data-axis={i} data-nodata={missing || undefined}>
              <line
                x1={cx}
                y1={cy}
                x2={x}
                y2={y}
                stroke="#ced4da"
                strokeDasharray={missing ? '4 3' : undefined}
              />
              <text
                fontSize={11}
                textAnchor={Math.abs(lx - cx) < 8 ? 'middle' : lx < cx ? 'end' : 'start'}
                dominantBaseline="middle"
                fill="#212529"
              >
                {lines.map((line, k) => (
                  <tspan key={k} x={lx} y={first + k * lineHeight}>
                    {line}
                  </tspan>
                ))}
                {missing && (
                  <tspan x={lx} y={first + lines.length * lineHeight} fill="#495057" fontStyle="italic">
                    ({noData.toLowerCase()})
                  </tspan>
                )}
              </text>
            </g>
          );
        })}
        {measured.length >= 3 ? (
          <polygon
            points={shape}
            fill="rgba(201, 42, 42, 0.25)"
            stroke="#a51d1d"
            strokeWidth={2}
            data-shape
          />
        ) : measured.length === 2 ? (
          <polyline points={shape} fill="none" stroke="#a51d1d" strokeWidth={2} data-shape />
        ) : null}
        {measured.map((a) => {
          const [x, y] = point(a.i, a.share);
          return <circle key={a.i} cx={x} cy={y} r={3} fill="#a51d1d" data-point={a.i} />;
        })}
      </svg>
      <Table withTableBorder w="auto" miw={280}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{headers.axis}</Table.Th>
            <Table.Th>{headers.points}</Table.Th>
            <Table.Th>{headers.max}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {axes.map((ax) => (
            <Table.Tr key={ax.label}>
              <Table.Td>{ax.label}</Table.Td>
              <Table.Td>
                {axisShare(ax) === null
                  ? noData
                  : ax.available !== undefined && ax.available < ax.max && partial
                    ? `${format(ax.value!)} ${partial(format(ax.available))}`
                    : format(ax.value!)}
              </Table.Td>
              <Table.Td>{format(ax.max)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Group>
  );
}
