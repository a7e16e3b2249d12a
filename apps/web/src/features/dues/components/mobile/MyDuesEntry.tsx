import { Link } from 'react-router';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { duesKeys, getMyDues } from '../../api';
import { currentYear, monthText } from '../../months';

/** The 我的党费 entry on 我的档案: a real link, with 党费交至 once known (the bottom bar has no room for a sixth tab). */
export function MyDuesEntry() {
  const year = currentYear();
  const q = useQuery({ queryKey: duesKeys.mine(year), queryFn: () => getMyDues(year), retry: false });
  const hint = q.data ? (q.data.paidUntil ? `交至 ${monthText(q.data.paidUntil)}` : '查看和交纳') : '';
  return (
    <Link
      to="/m/dues"
      data-testid="link-dues"
      style={{ display: 'flex', alignItems: 'center', gap: 12, margin: 12, minHeight: 64, padding: '12px 16px', borderRadius: 12, background: '#fff', color: '#111', textDecoration: 'none', fontSize: 19 }}
    >
      <span style={{ flex: 1, fontWeight: 600 }}>我的党费</span>
      <span style={{ color: q.data && q.data.unpaidMonths > 0 ? '#a8071a' : '#555', fontSize: 17 }}>{q.data && q.data.unpaidMonths > 0 ? `${q.data.unpaidMonths} 个月未交` : hint}</span>
      <RightOutlined aria-hidden style={{ color: '#999' }} />
    </Link>
  );
}
