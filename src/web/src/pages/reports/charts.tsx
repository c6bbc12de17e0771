// The dashboard's charts, drawn by @mantine/charts (recharts): grouped bars and a radar. Each comes with its
// figures as a table, so nothing is told by colour or shape alone. Loaded apart from the dashboard
// (React.lazy in DashboardPage.tsx): recharts stays out of every other page and the figures show first.
import '@mantine/charts/styles.css';
import { BarChart as MantineBarChart, RadarChart as MantineRadarChart } from '@mantine/charts';
import { Box, Group, Table } from '@mantine/core';

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
  const data = groups.map((g) => ({
    label: g.label,
    ...Object.fromEntries(series.map((s, i) => [s, g.values[i] ?? 0])),
  }));
  return (
    <Box>
      {/* One image for assistive technology, named by the title; its figures are in the table below. */}
      <Box role="img" aria-label={title} maw={640}>
        <MantineBarChart
          h={240}
          data={data}
          dataKey="label"
          series={series.map((name, i) => ({ name, color: colors[i] ?? 'gray' }))}
          valueFormatter={format}
          withBarValueLabel
          withLegend
          withTooltip={false}
          accessibilityLayer={false}
          maxBarWidth={28}
          tickLine="none"
          gridAxis="y"
          textColor="#212529"
        />
      </Box>
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
  // An axis without data has no value (null), never 0: recharts leaves such a point out, and connectNulls
  // joins the axes with data, so the shape never dips to the centre as if the agency had scored zero there.
  const data = axes.map((ax) => ({ axis: ax.label, share: axisShare(ax) }));
  return (
    <Group align="flex-start" gap="lg" wrap="wrap">
      <Box role="img" aria-label={title} w={440} maw="100%">
        <MantineRadarChart
          h={300}
          data={data}
          dataKey="axis"
          series={[{ name: 'share', color: '#a51d1d', opacity: 0.25 }]}
          withPolarRadiusAxis
          polarRadiusAxisProps={{ domain: [0, 1], tick: false, axisLine: false }}
          polarAngleAxisProps={{
            tick: (props: AxisTickProps) => <AxisTick {...props} axes={axes} noData={noData} />,
          }}
          accessibilityLayer={false}
          radarProps={{
            connectNulls: true,
            strokeWidth: 2,
            dot: (p: { cx?: number; cy?: number; index?: number }) => (
              <DataPoint key={p.index} cx={p.cx} cy={p.cy} index={p.index} />
            ),
          }}
          radarChartProps={{ outerRadius: 100 }}
        />
      </Box>
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

/** A vertex of the shape; none where the axis has no data (recharts gives it no position). */
function DataPoint({
  cx,
  cy,
  index,
}: {
  cx?: number | undefined;
  cy?: number | undefined;
  index?: number | undefined;
}) {
  if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
  return <circle cx={cx} cy={cy} r={3} fill="#a51d1d" data-point={index} />;
}

interface AxisTickProps {
  x?: number | string;
  y?: number | string;
  cx?: number;
  cy?: number;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  index?: number;
  payload?: { value?: string; index?: number };
}

/** An axis' label, wrapped, and "(no data)" under it when the axis has none. */
function AxisTick({
  x,
  y,
  cx,
  cy,
  textAnchor,
  index,
  payload,
  axes,
  noData,
}: AxisTickProps & { axes: RadarAxis[]; noData: string }) {
  const i = payload?.index ?? index ?? 0;
  const ax = axes[i];
  if (!ax) return <g />;
  const lx = Number(x);
  const ly = Number(y);
  const lineHeight = 13;
  const lines = wrapLabel(ax.label, 16);
  const missing = axisShare(ax) === null;
  const count = lines.length + (missing ? 1 : 0);
  // Above the centre the block of lines ends just over the axis' end; below it starts just under; beside
  // it, centred: clear of the outer ring.
  const above = cy !== undefined && ly < cy - 20;
  const below = cy !== undefined && ly > cy + 20;
  const first = above
    ? ly - 6 - (count - 1) * lineHeight
    : below
      ? ly + 4
      : ly - ((count - 1) * lineHeight) / 2;
  const anchor = cx !== undefined && Math.abs(lx - cx) < 8 ? 'middle' : (textAnchor ?? 'middle');
  return (
    <g data-axis={i} data-nodata={missing || undefined}>
      <text fontSize={11} textAnchor={anchor} dominantBaseline="middle" fill="#212529">
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
}
