import { Link } from 'react-router';
import { RightOutlined } from '@ant-design/icons';
import { useMe } from '@/features/auth/api';
import { useMentees } from './api';
import { todayLocal } from './format';

/** The 培养联系人 entry on 我的档案: shown only to a member who currently mentors someone, with how many. */
export function MyMentoringEntry() {
  const memberId = useMe().data?.memberId;
  const list = useMentees(!!memberId);
  const n = list.data?.length ?? 0;
  if (!memberId || n === 0) return null;
  const today = todayLocal();
  const late = list.data!.filter((x) => x.nextAssessmentDueBy && x.nextAssessmentDueBy < today).length;
  return (
    <Link
      to="/m/mentoring"
      data-testid="link-mentoring"
      style={{ display: 'flex', alignItems: 'center', gap: 12, margin: 12, minHeight: 64, padding: '12px 16px', borderRadius: 12, background: '#fff', color: '#111', textDecoration: 'none', fontSize: 19 }}
    >
      <span style={{ flex: 1, fontWeight: 600 }}>我培养联系的人</span>
      <span style={{ color: late ? '#a8071a' : '#555', fontSize: 17 }}>{late ? `${late} 人考察已到期` : `${n} 人`}</span>
      <RightOutlined aria-hidden style={{ color: '#999' }} />
    </Link>
  );
}
