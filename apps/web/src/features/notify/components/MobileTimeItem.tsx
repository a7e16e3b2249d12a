import { useState } from 'react';
import { List, Picker } from 'antd-mobile';

const pad = (n: number) => String(n).padStart(2, '0');
const hours = Array.from({ length: 24 }, (_, h) => ({ label: `${pad(h)} 时`, value: pad(h) }));
const minutes = Array.from({ length: 60 }, (_, m) => ({ label: `${pad(m)} 分`, value: pad(m) }));

interface Props {
  label: string;
  /** HH:MM */
  value: string;
  onChange: (hhmm: string) => void;
  error?: string | undefined;
}

/** A list row showing a time; tapping it opens an hour/minute wheel. */
export function MobileTimeItem({ label, value, onChange, error }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <List.Item
        onClick={() => setOpen(true)}
        extra={<span style={{ fontSize: 20, fontWeight: 600, color: '#111' }}>{value}</span>}
        description={error ? <span className="xfm-field-error">{error}</span> : undefined}
        arrowIcon
      >
        {label}
      </List.Item>
      <Picker
        popupClassName="xfm-picker"
        title={label}
        columns={[hours, minutes]}
        value={value.split(':')}
        visible={open}
        onClose={() => setOpen(false)}
        onConfirm={(v) => onChange(`${String(v[0] ?? '00')}:${String(v[1] ?? '00')}`)}
        confirmText="确定"
        cancelText="取消"
        style={{ '--item-font-size': '22px', '--item-height': '48px', '--title-font-size': '19px', '--header-button-font-size': '19px' }}
      />
    </>
  );
}
