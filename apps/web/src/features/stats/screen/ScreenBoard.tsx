import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StatsOverview, StatsWarning } from '../api';
import { EChart } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { barOption, darkLook } from '../charts/options';
import { pyramidOption } from '../charts/pyramid';
import { headline } from '../figures';
import { breakdownEntries, formatCount, percent, type BreakdownEntry } from '../labels';
import { childName } from '../org-names';
import { pyramidFigures, pyramidShortNote } from '../pyramid';
import { TREND_MONTHS } from '../trend';
import { ScreenTrend } from './ScreenTrend';

const TOP_CHILDREN = 12;
/** Chart heights in the middle column, which must hold the children's bars, the trend and two breakdowns in 1080 px. */
const TREND_HEIGHT = 225;
const ROW_HEIGHT = 215;

function Panel({ title, children, className, testId }: { title: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`xf-screen-panel ${className ?? ''}`} data-testid={testId}>
      <h2>{title}</h2>
      <div className="xf-screen-panel-body">{children}</div>
    </section>
  );
}

const clockFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Beijing time, ticking every second: 2026-11-22 周日 09:30:05. */
function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  const part = Object.fromEntries(clockFormat.formatToParts(now).map((p) => [p.type, p.value]));
  return (
    <span className="xf-screen-clock">
      {part.year}-{part.month}-{part.day} {part.weekday} {part.hour}:{part.minute}:{part.second}
    </span>
  );
}

function Kpi({ label, value, note, testId }: { label: string; value: number; note: string; testId: string }) {
  return (
    <div className="xf-screen-kpi">
      <div className="xf-screen-kpi-label">{label}</div>
      <div className="xf-screen-kpi-value" data-testid={testId} key={value}>
        {formatCount(value)}
      </div>
      <div className="xf-screen-kpi-note">{note}</div>
    </div>
  );
}

/**
 * The children's bars in the room the middle column leaves: each bar carries its count, so the value axis goes, and
 * past eight bars the names are a notch smaller so twelve rows fit.
 */
function childrenOption(entries: BreakdownEntry[]): ChartOption {
  const bars = barOption(entries, entries.length > 8 ? { ...darkLook, fontSize: 14 } : darkLook, { seriesName: '党员数', horizontal: true, color: '#ff5252' });
  return { ...bars, xAxis: { type: 'value', show: false, minInterval: 1 } };
}

const levelOrder: Record<StatsWarning['level'], number> = { red: 0, yellow: 1, green: 2 };

/** The big screen's content for one overview; every number on it comes from the overview answer. */
export function ScreenBoard({ overview: o, live, lastChange, refreshing }: { overview: StatsOverview; live: boolean; lastChange: string | null; refreshing: boolean }) {
  const h = headline(o);
  const charts = useMemo(() => {
    const m = o.members;
    const pyramid = pyramidFigures(o);
    const children = [...o.children]
      .sort((a, b) => b.total - a.total)
      .slice(0, TOP_CHILDREN)
      .map((c) => ({ key: c.id, label: childName(c.name, o.org.name), full: c.name, value: c.total }));
    return {
      children: children.length ? childrenOption(children) : null,
      pyramid,
      pyramidNote: pyramidShortNote(pyramid),
      age: pyramidOption(pyramid, darkLook),
      // Two-line period labels: a notch smaller so four fit side by side.
      join: barOption(breakdownEntries(m, 'byJoinPeriod'), { ...darkLook, fontSize: 14 }, { seriesName: '入党时间', color: '#ffd54f' }),
      education: barOption(breakdownEntries(m, 'byEducation'), darkLook, { seriesName: '学历', horizontal: true, color: '#4fc3f7' }),
      occupation: barOption(breakdownEntries(m, 'byOccupation'), darkLook, { seriesName: '职业', horizontal: true, color: '#81c784' }),
    };
  }, [o]);
  const warnings = [...o.warnings].sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);

  return (
    <>
      <header className="xf-screen-header">
        <div className="xf-screen-header-side">
          <span className="xf-screen-asof">统计截至 {o.asOf}</span>
        </div>
        <h1 data-testid="screen-org-name">
          <span className="xf-screen-star">★</span>
          {o.org.name}
          <small>党建数据</small>
        </h1>
        <div className="xf-screen-header-side right">
          <span className={`xf-screen-live ${live ? 'on' : ''}`} data-testid="screen-live" title={lastChange ? `最近变化 ${lastChange}` : undefined}>
            {live ? '● 实时' : '○ 定时刷新'}
            {refreshing && ' …'}
          </span>
          <Clock />
        </div>
      </header>
      <main className="xf-screen-grid">
        <div className="xf-screen-col">
          <Panel title="党员总数" className="xf-screen-total-panel">
            <div className="xf-screen-total">
              <span data-testid="screen-total" key={h.total}>
                {formatCount(h.total)}
              </span>
              <small>名</small>
            </div>
            <div className="xf-screen-total-split">
              <span>
                正式党员 <b data-testid="screen-full">{formatCount(h.full)}</b>
              </span>
              <span>
                预备党员 <b data-testid="screen-probationary">{formatCount(h.probationary)}</b>
              </span>
            </div>
          </Panel>
          <Panel title="党员结构">
            <div className="xf-screen-kpis">
              <Kpi label="女党员" value={h.female} note={`占 ${percent(h.female, h.total)}`} testId="screen-female" />
              <Kpi label="少数民族党员" value={h.minority} note={`占 ${percent(h.minority, h.total)}`} testId="screen-minority" />
              <Kpi label="35岁及以下" value={h.upTo35} note={`占 ${percent(h.upTo35, h.total)}`} testId="screen-up-to-35" />
              <Kpi label="党组织" value={h.orgs} note={`其中党支部 ${formatCount(h.branches)}`} testId="screen-orgs" />
            </div>
          </Panel>
          <Panel title="年龄结构" className="grow" testId="screen-pyramid">
            <div className="xf-screen-stack">
              <div className="xf-screen-fill">
                <EChart
                  option={charts.age}
                  height="100%"
                  label={`年龄结构：${charts.pyramid.bands.map((b) => `${b.label} 男${b.male} 女${b.female}`).join('，')}`}
                />
              </div>
              {charts.pyramidNote && (
                <div className="xf-screen-note" data-testid="screen-pyramid-note">
                  {charts.pyramidNote}
                </div>
              )}
            </div>
          </Panel>
        </div>
        <div className="xf-screen-col">
          <Panel title={o.children.length > TOP_CHILDREN ? `下级党组织党员数（前${TOP_CHILDREN}）` : '下级党组织党员数'} className="grow">
            {charts.children ? <EChart option={charts.children} height="100%" label="下级党组织党员数" /> : <div className="xf-screen-empty">没有下级党组织</div>}
          </Panel>
          <Panel title={`党员人数变化（近${TREND_MONTHS}个月）`}>
            <ScreenTrend orgId={o.org.id} live={live} height={TREND_HEIGHT} />
          </Panel>
          <div className="xf-screen-row">
            <Panel title="入党时间">
              <EChart option={charts.join} height={ROW_HEIGHT} label="入党时间" />
            </Panel>
            <Panel title="学历">
              <EChart option={charts.education} height={ROW_HEIGHT} label="学历" />
            </Panel>
          </div>
        </div>
        <div className="xf-screen-col">
          <Panel title="预警" testId="screen-warnings">
            {warnings.length === 0 ? (
              <div className="xf-screen-empty">暂无预警</div>
            ) : (
              <ul className="xf-screen-warnings">
                {warnings.map((w) => (
                  <li key={w.code} className={w.level}>
                    <span className="dot" />
                    <span className="text">{w.zh}</span>
                    <b>{formatCount(w.count)}</b>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="职业" className="grow">
            <EChart option={charts.occupation} height="100%" label="职业" />
          </Panel>
        </div>
      </main>
    </>
  );
}
