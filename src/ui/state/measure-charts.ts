/**
 * A measurement's chart (speed or separation over time) with Chart.js, the same drawing live
 * on screen (MeasurementChart.svelte) and as a PNG for the court report. No animation; only
 * the parts of Chart.js a line chart on linear axes needs are registered (tree-shaken).
 */
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import type { MeasurementResult } from '../../core/measure/compute-measurement';
import {
  measurementChartData,
  type ChartOptions,
  type MeasurementChartData,
} from './measure-chart-data';

export { chartSummary, hasChart, measurementChartData } from './measure-chart-data';
export type { ChartOptions, MeasurementChartData } from './measure-chart-data';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Legend, Title);

const INK = '#1a1a1a';
const GRID = '#d0d0d0';
const VALUE = '#0b5cad';
const BAND = 'rgba(11, 92, 173, 0.18)';
const TOLERANCE = '#b3261e';
const SPAN = 'rgba(46, 125, 50, 0.16)';
const FONT = { family: "'DejaVu Sans', 'Helvetica', 'Arial', sans-serif", size: 12 };

/** Shades the moved-together spans behind the data, and paints the background. */
function backdrop(data: MeasurementChartData, background: string | null): Plugin<'line'> {
  return {
    id: 'framewiseBackdrop',
    beforeDraw(chart) {
      if (!background) return;
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x!;
      ctx.save();
      ctx.fillStyle = SPAN;
      for (const span of data.spans) {
        const left = x.getPixelForValue(span.from);
        const right = x.getPixelForValue(span.to);
        ctx.fillRect(
          left,
          chartArea.top,
          Math.max(right - left, 2),
          chartArea.bottom - chartArea.top,
        );
      }
      ctx.restore();
    },
  };
}

export interface ChartLook {
  /** Fills the background (the report's white page); null: transparent (the app's panel). */
  readonly background: string | null;
  readonly ink: string;
  readonly grid: string;
  /** Resize with its container (on screen) or keep the canvas's size (a PNG). */
  readonly responsive: boolean;
  readonly devicePixelRatio?: number;
}

export const PRINT_LOOK: ChartLook = {
  background: '#ffffff',
  ink: INK,
  grid: GRID,
  responsive: false,
  devicePixelRatio: 2,
};

/** The Chart.js configuration of a measurement's chart (shared by the screen and the PNG). */
export function measurementChartConfig(
  data: MeasurementChartData,
  title: string,
  look: ChartLook,
): ChartConfiguration<'line'> {
  const speed = data.kind === 'speed';
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [
    {
      label: '95 % interval',
      data: [...data.high],
      borderWidth: 0,
      pointRadius: 0,
      backgroundColor: BAND,
      fill: '+1',
    },
    {
      label: '95 % interval (lower)',
      data: [...data.low],
      borderWidth: 0,
      pointRadius: 0,
      fill: false,
    },
    {
      label: speed ? 'Speed over the interval' : 'Separation',
      data: [...data.line],
      borderColor: VALUE,
      backgroundColor: VALUE,
      borderWidth: 2,
      pointRadius: speed ? 0 : 2.5,
      fill: false,
    },
  ];
  if (data.tolerance !== null) {
    datasets.push({
      label: `Moved-together tolerance (${data.tolerance} m)`,
      data: [
        { x: data.xMin, y: data.tolerance },
        { x: data.xMax, y: data.tolerance },
      ],
      borderColor: TOLERANCE,
      backgroundColor: 'rgba(0, 0, 0, 0)',
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
    });
  }
  const axis = (text: string, min: number) => ({
    type: 'linear' as const,
    min,
    title: { display: true, text, color: look.ink, font: FONT },
    ticks: { color: look.ink, font: FONT },
    grid: { color: look.grid },
    border: { color: look.ink },
  });
  return {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      responsive: look.responsive,
      maintainAspectRatio: true,
      aspectRatio: 2.2,
      ...(look.devicePixelRatio ? { devicePixelRatio: look.devicePixelRatio } : {}),
      parsing: false,
      normalized: true,
      events: [],
      scales: {
        x: { ...axis(data.xTitle, data.xMin), max: data.xMax },
        // From 0, up to a round number above the band (and the tolerance).
        y: { ...axis(data.yTitle, 0), suggestedMax: data.yMax * 1.05, beginAtZero: true },
      },
      plugins: {
        title: {
          display: true,
          text: title,
          color: look.ink,
          font: { ...FONT, size: 14, weight: 'bold' },
        },
        legend: {
          labels: {
            color: look.ink,
            font: FONT,
            boxHeight: 10,
            filter: (item) => item.text !== '95 % interval (lower)',
          },
        },
        tooltip: { enabled: false },
      },
    },
    plugins: [backdrop(data, look.background)],
  };
}

/** Logical size of the report's chart (px at ratio 1); the PNG is twice that. */
const PRINT_WIDTH = 720;
const PRINT_HEIGHT = 330;

/**
 * The chart of a speed or separation as a PNG for the report (white background, drawn at twice
 * its logical size so it stays sharp when printed). Throws if the result has no series.
 */
export async function renderMeasurementChart(
  result: MeasurementResult,
  title: string,
  options: ChartOptions & { readonly width?: number; readonly height?: number } = {},
): Promise<{ png: Uint8Array; width: number; height: number }> {
  const data = measurementChartData(result, options);
  const canvas = new OffscreenCanvas(options.width ?? PRINT_WIDTH, options.height ?? PRINT_HEIGHT);
  const config = measurementChartConfig(data, title, PRINT_LOOK);
  config.options = { ...config.options, maintainAspectRatio: false };
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, config);
  try {
    chart.draw();
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return {
      png: new Uint8Array(await blob.arrayBuffer()),
      width: canvas.width,
      height: canvas.height,
    };
  } finally {
    chart.destroy();
  }
}

export { Chart };
