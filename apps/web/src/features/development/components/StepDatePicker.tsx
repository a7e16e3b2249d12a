import { DatePicker, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { DATE_FORMAT, fromDayjs, toDayjs } from '@/lib/dates';

interface Props {
  value?: string | null;
  onChange?: (v: string | null) => void;
  earliest: string | null;
  dueBy: string | null;
  id?: string;
}

const inRange = (d: string, earliest: string | null, dueBy: string | null) => (!earliest || d >= earliest) && (!dueBy || d <= dueBy);

/**
 * The date the step was taken, with the period the rules allow shaded in the calendar. Dates outside it stay
 * pickable: a late or early record is refused by the server unless overridden with a reason, and either way
 * the record must tell the truth about when it happened.
 */
export function StepDatePicker({ value, onChange, earliest, dueBy, id }: Props) {
  return (
    <DatePicker
      id={id}
      data-testid="step-date"
      value={toDayjs(value)}
      onChange={(d: Dayjs | null) => onChange?.(fromDayjs(d))}
      style={{ width: 200 }}
      cellRender={(current, info) => {
        if (info.type !== 'date' || typeof current === 'number' || typeof current === 'string') return info.originNode;
        const day = current.format(DATE_FORMAT);
        const allowed = (earliest || dueBy) && inRange(day, earliest, dueBy);
        return (
          <div className="ant-picker-cell-inner" style={allowed ? { background: 'rgba(82, 196, 26, 0.16)', borderRadius: 4 } : undefined}>
            {current.date()}
          </div>
        );
      }}
      renderExtraFooter={() => (earliest || dueBy ? <Typography.Text type="secondary">绿色为规定的办理期间：{periodText(earliest, dueBy)}</Typography.Text> : null)}
    />
  );
}

export function periodText(earliest: string | null, dueBy: string | null): string {
  if (earliest && dueBy) return `${earliest} 至 ${dueBy}`;
  if (earliest) return `${earliest} 起`;
  if (dueBy) return `${dueBy} 前（含当日）`;
  return '不限';
}

/** Why a chosen date falls outside the period, in words; null when inside it. */
export function dateOutside(date: string | null | undefined, earliest: string | null, dueBy: string | null): string | null {
  if (!date) return null;
  if (earliest && date < earliest) return `早于规定的最早日期 ${earliest}`;
  if (dueBy && date > dueBy) return `晚于规定的期限 ${dueBy}`;
  return null;
}
