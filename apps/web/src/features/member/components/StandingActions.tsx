import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { suspensionBasisLabels, type SuspensionBasis } from '@xianfeng/contracts/member/member.enums';
import { getMemberHistory, memberKeys, type MemberEvent, type MemberFile } from '../api';
import { decisionText } from '../standing-text';
import { StandingModal, type StandingAct } from './StandingModal';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** The newest event of these kinds (the history answers newest first). */
function latest(events: MemberEvent[] | undefined, kinds: string[]): MemberEvent | undefined {
  return events?.find((e) => kinds.includes(e.kind));
}

/** The member's history, read only when the file is not active (to explain or to decide what may be undone). */
function useStandingHistory(m: MemberFile) {
  return useQuery({ queryKey: memberKeys.history(m.id), queryFn: () => getMemberHistory(m.id), enabled: m.state !== 'active' });
}

/**
 * 党籍变动 buttons for users who may write: 出党登记 and 停止党籍 for active members, 恢复党籍 for suspended ones or
 * where the last leaving was a removal or expulsion (overturned on appeal); 组织关系转接 for active members.
 * The server decides in the end; this only hides acts it would refuse.
 */
export function StandingActions({ member }: { member: MemberFile }) {
  const navigate = useNavigate();
  const [act, setAct] = useState<StandingAct | null>(null);
  const history = useStandingHistory(member);
  const lastLeaving = latest(history.data, ['left', 'transferred_out']);
  const canRestore =
    member.state === 'suspended' || (member.state === 'left' && lastLeaving?.kind === 'left' && (lastLeaving.details.kind === 'removal' || lastLeaving.details.kind === 'expulsion'));
  return (
    <>
      <Space.Compact data-testid="standing-actions">
        {member.state === 'active' && (
          <Button onClick={() => void navigate(`/admin/transfers/new?memberId=${member.id}`)} data-testid="start-transfer">
            组织关系转接
          </Button>
        )}
        {member.state !== 'left' && (
          <Button onClick={() => setAct('leave')} data-testid="standing-leave">
            出党登记
          </Button>
        )}
        {member.state === 'active' && (
          <Button onClick={() => setAct('suspend')} data-testid="standing-suspend">
            停止党籍
          </Button>
        )}
        {canRestore && (
          <Button onClick={() => setAct('restore')} data-testid="standing-restore">
            恢复党籍
          </Button>
        )}
      </Space.Compact>
      <StandingModal member={member} act={act} onClose={() => setAct(null)} />
    </>
  );
}

/** Why a suspended member's file is not active: the suspension and its decision, from the history. */
export function SuspensionNotice({ member }: { member: MemberFile }) {
  const history = useStandingHistory(member);
  if (member.state !== 'suspended') return null;
  const e = latest(history.data, ['suspended']);
  const basis = e && str(e.details.basis);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="suspension-notice"
      title="该党员已停止党籍（党员教育管理工作条例 第二十四条）"
      description={[
        e && decisionText(e.details),
        basis && `依据：${suspensionBasisLabels[basis as SuspensionBasis] ?? basis}`,
        e && str(e.details.reason) && `事由：${str(e.details.reason)}`,
        '停止党籍期间不计入在册党员；恢复联系等符合条件的，经组织决定恢复党籍',
        basis === 'lost_contact' && '停止党籍 2 年后仍无法取得联系的，按自行脱党予以除名（出党登记选“除名”）',
      ]
        .filter(Boolean)
        .join('；')}
    />
  );
}
