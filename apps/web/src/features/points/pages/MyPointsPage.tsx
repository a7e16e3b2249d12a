import { useState, type CSSProperties, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { DotLoading, ErrorBlock, NavBar } from 'antd-mobile';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { getMyPoints, pointsKeys, type PointsEvent } from '../api';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;
const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const dayText = (day: string) => {
  const [, m, d] = day.split('-').map(Number);
  return `${m}月${d}日`;
};
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

const s = {
  back: { display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44, padding: '0 10px 0 0', color: '#fff', fontSize: 19, background: 'none', border: 'none', cursor: 'pointer' },
  years: { display: 'flex', alignItems: 'center', gap: 8, padding: '12px 12px 0' },
  yearButton: { flex: '0 0 auto', minHeight: 48, minWidth: 96, fontSize: 18, borderRadius: 24, border: '1px solid #b71c1c', background: '#fff', color: '#b71c1c' },
  year: { flex: 1, textAlign: 'center', fontSize: 22, fontWeight: 700 },
  total: { margin: 12, padding: '20px 16px', borderRadius: 12, background: '#b71c1c', color: '#fff', textAlign: 'center' },
  totalNumber: { fontSize: 56, fontWeight: 700, lineHeight: 1.1, margin: '6px 0' },
  explain: { margin: '0 12px', padding: '12px 14px', borderRadius: 8, background: '#fff8e1', color: '#5d4037', fontSize: 17, lineHeight: 1.6 },
  list: { margin: 12, borderRadius: 12, background: '#fff', overflow: 'hidden' },
  row: { display: 'flex', alignItems: 'center', gap: 12, minHeight: 64, padding: '12px 16px', borderTop: '1px solid #eee', color: '#111', textDecoration: 'none' },
  note: { flex: 1, fontSize: 18, lineHeight: 1.5, wordBreak: 'break-word' },
  date: { display: 'block', fontSize: 17, color: '#555' },
  points: { flex: '0 0 auto', fontSize: 22, fontWeight: 700 },
} satisfies Record<string, CSSProperties>;

function EventRow({ e }: { e: PointsEvent }) {
  const inner = (
    <>
      <span style={s.note}>
        <span style={s.date}>{dayText(e.occurredOn)}</span>
        {e.note}
      </span>
      <span style={{ ...s.points, color: e.points < 0 ? '#424242' : '#b71c1c' }} aria-label={`${e.points < 0 ? '减' : '加'} ${Math.abs(e.points)} 分`}>
        {signed(e.points)} 分
      </span>
    </>
  );
  // A meeting's points open that meeting (the member is on its list, so the page is theirs to read).
  if (e.sourceType === 'meeting')
    return (
      <Link to={`/m/meetings/${e.sourceId}`} style={s.row} data-testid="points-event">
        {inner}
        <RightOutlined aria-hidden style={{ color: '#999' }} />
      </Link>
    );
  return (
    <div style={s.row} data-testid="points-event">
      {inner}
    </div>
  );
}

/**
 * 我的积分 (H5): the year's total in big figures and each event with its date and ± points. The member's own
 * record only — no ranking (积分排名 is off by national guidance against ranking and forced check-ins).
 */
export function MyPointsPage() {
  const navigate = useNavigate();
  const [year, setYear] = useState(thisYear);
  const points = useQuery({ queryKey: pointsKeys.mine(year), queryFn: () => getMyPoints(year) });

  let body: ReactNode;
  if (points.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (points.isError) {
    body = <ErrorBlock status="default" title="积分暂时打不开" description={say(errorMessage(points.error))} />;
  } else {
    const p = points.data;
    body = (
      <>
        <div style={s.total} data-testid="points-total">
          <div style={{ fontSize: 19 }}>{year} 年我的积分</div>
          <div style={s.totalNumber}>{p.total}</div>
          <div style={{ fontSize: 18 }}>分</div>
        </div>
        <p style={s.explain}>积分来自参加组织生活：按时参加会议、讲党课、担任主持人或记录人会加分，无故缺席会减分。会议记录确认后自动记上。</p>
        {p.events.length === 0 ? (
          <p className="xfm-note" style={{ fontSize: 18 }}>
            {year} 年还没有积分记录。
          </p>
        ) : (
          <div style={s.list} data-testid="points-events">
            {p.events.map((e) => (
              <EventRow key={e.id} e={e} />
            ))}
          </div>
        )}
      </>
    );
  }

  const latest = thisYear();
  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        left={
          <button type="button" style={s.back} onClick={() => void navigate('/m/meetings')}>
            <LeftOutlined aria-hidden /> 会议
          </button>
        }
      >
        我的积分
      </NavBar>
      <div style={s.years} role="group" aria-label="选择年份">
        <button type="button" style={s.yearButton} onClick={() => setYear(year - 1)}>
          ‹ {year - 1}年
        </button>
        <span style={s.year} aria-live="polite">
          {year}年
        </span>
        <button type="button" style={{ ...s.yearButton, visibility: year >= latest ? 'hidden' : 'visible' }} onClick={() => setYear(year + 1)} disabled={year >= latest}>
          {year + 1}年 ›
        </button>
      </div>
      {body}
    </div>
  );
}
