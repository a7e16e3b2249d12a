import { Link } from 'react-router';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { getMine, reportInKeys } from '../../api';

/** The 双报到 entry on 我的档案, shown only to members who reported in somewhere (a link, like 我的党费). */
export function MyReportInEntry() {
  const q = useQuery({ queryKey: reportInKeys.mine, queryFn: getMine, retry: false });
  const r = q.data?.items[0];
  if (!r) return null;
  const hint = r.status === 'confirmed' ? (r.pendingServices > 0 ? `${r.pendingServices} 条待审核` : '认岗、登记服务') : r.status === 'registered' ? '等待社区确认' : '';
  return (
    <Link
      to="/m/report-in"
      data-testid="link-report-in"
      style={{ display: 'flex', alignItems: 'center', gap: 12, margin: 12, minHeight: 64, padding: '12px 16px', borderRadius: 12, background: '#fff', color: '#111', textDecoration: 'none', fontSize: 19 }}
    >
      <span style={{ flex: 1, fontWeight: 600 }}>双报到</span>
      <span style={{ color: '#555', fontSize: 17 }}>{hint}</span>
      <RightOutlined aria-hidden style={{ color: '#999' }} />
    </Link>
  );
}
