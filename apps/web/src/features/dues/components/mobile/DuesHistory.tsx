import { billStatusLabels, paymentMethodLabels } from '@xianfeng/contracts/dues/dues.enums';
import type { MemberDuesView } from '../../api';
import { formatFen } from '../../money';
import { monthText } from '../../months';
import { m } from './styles';

const dayText = (day: string) => {
  const [y, mo, d] = day.split('-').map(Number);
  return `${y}年${mo}月${d}日`;
};

/** The year's payments (with receipt numbers) and month-by-month bills, in plain large rows. */
export function DuesHistory({ dues }: { dues: MemberDuesView }) {
  const payments = [...dues.payments].sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : -1));
  const bills = [...dues.bills].sort((a, b) => (a.month < b.month ? 1 : -1));
  return (
    <>
      <h2 style={m.section}>交纳记录</h2>
      {payments.length === 0 ? (
        <p className="xfm-note" style={{ fontSize: 18 }}>
          {dues.year} 年还没有交纳记录。
        </p>
      ) : (
        <div style={m.card} data-testid="my-payments">
          {payments.map((p, i) => (
            <div key={p.id} style={{ ...m.row, ...(i === 0 ? m.rowFirst : {}) }}>
              <span>
                {dayText(p.paidOn)} {p.kind === 'reversal' ? '冲正' : paymentMethodLabels[p.method]}
                <span style={m.small}>收据号 {p.receiptNo}</span>
                {p.kind === 'reversal' && p.reason && <span style={m.small}>原因：{p.reason}</span>}
              </span>
              <span style={{ ...m.amount, color: p.amountFen < 0 ? '#a8071a' : '#111' }}>{formatFen(p.amountFen)}</span>
            </div>
          ))}
        </div>
      )}
      <h2 style={m.section}>每月党费</h2>
      {bills.length === 0 ? (
        <p className="xfm-note" style={{ fontSize: 18 }}>
          {dues.year} 年还没有账单。
        </p>
      ) : (
        <div style={m.card} data-testid="my-bills">
          {bills.map((b, i) => (
            <div key={b.id} style={{ ...m.row, ...(i === 0 ? m.rowFirst : {}) }}>
              <span>
                {monthText(b.month)}
                <span style={{ ...m.small, color: b.status === 'unpaid' || b.status === 'partial' ? '#a8071a' : '#237804' }}>{billStatusLabels[b.status]}</span>
              </span>
              <span style={m.amount}>{formatFen(b.amountFen)}</span>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
