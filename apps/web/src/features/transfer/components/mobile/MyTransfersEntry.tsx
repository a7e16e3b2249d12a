import { Link } from 'react-router';
import { RightOutlined } from '@ant-design/icons';
import { transferStatusLabels } from '@xianfeng/contracts/transfer/transfer.enums';
import { useMe } from '@/features/auth/api';
import { useMemberTransfers } from '../../api';
import { isOpenStatus } from '../../format';

/** The 组织关系转接 entry on 我的档案, under 我的党费: says so when one is under way. */
export function MyTransfersEntry() {
  const memberId = useMe().data?.memberId;
  const list = useMemberTransfers(memberId);
  const open = list.data?.find((t) => isOpenStatus(t.status));
  if (!memberId) return null;
  return (
    <Link
      to="/m/transfers"
      data-testid="link-transfers"
      style={{ display: 'flex', alignItems: 'center', gap: 12, margin: 12, minHeight: 64, padding: '12px 16px', borderRadius: 12, background: '#fff', color: '#111', textDecoration: 'none', fontSize: 19 }}
    >
      <span style={{ flex: 1, fontWeight: 600 }}>组织关系转接</span>
      <span style={{ color: open ? '#0b3d91' : '#555', fontSize: 17 }}>{open ? transferStatusLabels[open.status] : '申请和查看'}</span>
      <RightOutlined aria-hidden style={{ color: '#999' }} />
    </Link>
  );
}
