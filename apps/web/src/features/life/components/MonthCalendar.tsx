import { Link } from 'react-router';
import { Button, Calendar, Space, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { meetingStatusLabels, meetingStatuses, type MeetingStatus } from '@xianfeng/contracts/life/life.enums';
import type { LifePlan, MeetingListItem } from '../api';
import { beijingDay, beijingHm } from './meeting-time';
import './life.css';

/** Solid colours for the calendar's marks (the tags elsewhere use the matching light presets). */
export const statusHex: Record<MeetingStatus, string> = {
  planned: '#1677ff',
  in_progress: '#13c2c2',
  minutes_draft: '#fa8c16',
  confirmed: '#722ed1',
  approved: '#389e0d',
  returned: '#cf1322',
  cancelled: '#bfbfbf',
};

/**
 * The month grid: each day's meetings coloured by status (补录 marked), the fixed 组织生活日 shaded, and
 * the day the plan suggests flagged. A meeting opens its page; a day is picked for 计划会议.
 */
export function MonthCalendar({
  value,
  onChange,
  meetings,
  plan,
}: {
  value: Dayjs;
  onChange: (d: Dayjs) => void;
  meetings: MeetingListItem[];
  plan: LifePlan | undefined;
}) {
  const byDay = new Map<string, MeetingListItem[]>();
  for (const m of [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const d = beijingDay(m.startsAt);
    byDay.set(d, [...(byDay.get(d) ?? []), m]);
  }
  const suggested = new Set(plan?.proposals.map((p) => p.suggestedDate));
  const today = beijingDay(new Date().toISOString());

  return (
    <div className="xf-life-calendar">
      <Calendar
        value={value}
        onSelect={(d) => onChange(d)}
        headerRender={() => (
          <Space style={{ padding: '4px 4px 12px', justifyContent: 'space-between', width: '100%' }} wrap>
            <Space>
              <Button aria-label="上个月" icon={<LeftOutlined />} onClick={() => onChange(value.subtract(1, 'month').startOf('month'))} />
              <Typography.Title level={4} style={{ margin: 0, minWidth: 130, textAlign: 'center' }} data-testid="calendar-month">
                {value.format('YYYY年M月')}
              </Typography.Title>
              <Button aria-label="下个月" icon={<RightOutlined />} onClick={() => onChange(value.add(1, 'month').startOf('month'))} />
              <Button onClick={() => onChange(dayjs(today))}>本月</Button>
            </Space>
            <Space size={12} wrap style={{ fontSize: 13 }}>
              {meetingStatuses.map((s) => (
                <span key={s}>
                  <span className="xf-life-dot" style={{ background: statusHex[s] }} />
                  {meetingStatusLabels[s]}
                </span>
              ))}
              <span>
                <span className="xf-life-dot xf-life-fixed-swatch" />
                固定组织生活日
              </span>
            </Space>
          </Space>
        )}
        fullCellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const key = d.format('YYYY-MM-DD');
          const list = byDay.get(key) ?? [];
          const other = d.month() !== value.month();
          const classes = ['xf-life-cell', other && 'xf-life-other', key === plan?.fixedDay && 'xf-life-fixed', key === value.format('YYYY-MM-DD') && 'xf-life-selected', key === today && 'xf-life-today']
            .filter(Boolean)
            .join(' ');
          return (
            <div className={classes} data-date={key}>
              <div className="xf-life-cell-head">
                <span className="xf-life-daynum">{d.date()}</span>
                {key === plan?.fixedDay && <span className="xf-life-fixed-label">组织生活日</span>}
              </div>
              {!other &&
                list.slice(0, list.length > 3 ? 2 : 3).map((m) => (
                  <Tooltip key={m.id} title={`${beijingHm(m.startsAt)} ${m.title} · ${meetingStatusLabels[m.status]}${m.lateEntry ? ` · 补录：${m.lateEntryReason ?? ''}` : ''}`}>
                    <Link
                      to={`/admin/meetings/${m.id}`}
                      className="xf-life-item"
                      style={{ borderLeftColor: statusHex[m.status], textDecoration: m.status === 'cancelled' ? 'line-through' : undefined }}
                      onClick={(e) => e.stopPropagation()}
                      data-testid="calendar-meeting"
                    >
                      {m.lateEntry && <span className="xf-life-late">补录</span>}
                      {beijingHm(m.startsAt)} {m.title}
                    </Link>
                  </Tooltip>
                ))}
              {!other && list.length > 3 && <div className="xf-life-more">还有 {list.length - 2} 个会议，见下方列表</div>}
              {!other && suggested.has(key) && <div className="xf-life-suggest">建议在这天召开 {plan?.proposals.length} 项</div>}
            </div>
          );
        }}
      />
    </div>
  );
}
