import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { currentMonth } from '../months';

/** A month ('YYYY-MM'); future months are off unless `allowFuture` (bills are never made ahead). */
export function MonthPicker({
  value,
  onChange,
  ariaLabel = '月份',
  allowFuture = false,
  allowClear = false,
  placeholder = '选择月份',
  style,
}: {
  value: string | null | undefined;
  onChange: (m: string | null) => void;
  ariaLabel?: string;
  allowFuture?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  const now = currentMonth();
  return (
    <DatePicker
      picker="month"
      aria-label={ariaLabel}
      data-testid={`month-${ariaLabel}`}
      format="YYYY年MM月"
      value={value ? dayjs(`${value}-01`) : null}
      allowClear={allowClear}
      placeholder={placeholder}
      style={{ width: 150, ...style }}
      disabledDate={allowFuture ? undefined : (d) => d.format('YYYY-MM') > now}
      onChange={(d) => onChange(d ? d.format('YYYY-MM') : null)}
    />
  );
}

/** MonthPicker as a Form.Item child (value / onChange injected by the form). */
export function MonthPickerField({ value, onChange, ariaLabel, allowFuture }: { value?: string; onChange?: (m: string | null) => void; ariaLabel: string; allowFuture?: boolean }) {
  return <MonthPicker value={value} onChange={(m) => onChange?.(m)} ariaLabel={ariaLabel} allowFuture={allowFuture} style={{ width: '100%' }} />;
}
