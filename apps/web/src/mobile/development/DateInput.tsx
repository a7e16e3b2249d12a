import { zhDate } from './format';

interface Props {
  value?: string;
  onChange?: (v: string) => void;
  max?: string;
  label: string;
  testId?: string;
}

/** A date in the phone's own picker (large type), `YYYY-MM-DD`, never later than `max`. */
export function DateInput({ value, onChange, max, label, testId }: Props) {
  return (
    <>
      <input
        type="date"
        value={value ?? ''}
        max={max}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => onChange?.(e.target.value)}
        style={{ width: '100%', minHeight: 48, fontSize: 19, padding: '6px 8px', border: '1px solid #d9d9d9', borderRadius: 8, background: '#fff', color: '#111', boxSizing: 'border-box' }}
      />
      {/* The phone's picker shows dates in its own format; say it once more the way people write it. */}
      {value && /^\d{4}-\d{2}-\d{2}$/.test(value) && <div style={{ fontSize: 18, color: '#333', marginTop: 6 }}>{zhDate(value)}</div>}
    </>
  );
}
