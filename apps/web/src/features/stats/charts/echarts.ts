/**
 * ECharts, modular: only the charts and components the statistics pages draw are registered, so the bundle
 * carries bars, pies and lines on a canvas — not the whole library (maps, 3D, SVG renderer …). This file is
 * imported only from the lazily loaded statistics pages, never from the admin shell.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { echarts };

export type EChartsInstance = echarts.ECharts;
