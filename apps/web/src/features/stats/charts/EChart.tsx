import { useEffect, useRef } from 'react';
import type * as EChartsModule from './echarts';
import type { ChartOption, EChartsInstance } from './echarts';

export interface ChartClick {
  /** The category (bar) or slice name. */
  name: string;
  dataIndex: number;
}

interface Props {
  option: ChartOption;
  height: number | string;
  onClick?: (e: ChartClick) => void;
  /** Accessible name; the figures themselves are also in the page's text (cards, 表 view, tables). */
  label: string;
  testId?: string;
}

/** ECharts is fetched once, on the first chart drawn: the figures in text show before it arrives. */
let library: Promise<typeof EChartsModule> | null = null;
const loadLibrary = () => (library ??= import('./echarts'));

/**
 * One ECharts instance on a div: created once the library has loaded, options replaced on change
 * (`notMerge`, so removed series go), resized with its box, disposed on unmount.
 */
export function EChart({ option, height, onClick, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadLibrary().then(({ echarts }) => {
      if (disposed) return;
      const c = echarts.init(el, null, { renderer: 'canvas' });
      chart.current = c;
      c.setOption(latest.current, { notMerge: true });
      c.on('click', (p) => click.current?.({ name: String(p.name), dataIndex: p.dataIndex }));
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
