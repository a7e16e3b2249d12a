import { useNavigate } from 'react-router';
import { Tag, Typography } from 'antd';
import type { CaseStatus } from '@xianfeng/contracts/development/development.schemas';
import { caseStatusColors, caseStatusLabels, daysUntil, dueState, todayInBeijing } from '../format';

export const CaseStatusTag = ({ status }: { status: CaseStatus }) => (
  <Tag color={caseStatusColors[status]} data-testid="case-status">
    {caseStatusLabels[status]}
  </Tag>
);

/** A deadline as people read it: red 已超期 N 天, orange 剩 N 天 when due soon, plain otherwise. */
export function DueText({ dueBy, overdue, today = todayInBeijing(), soonDays }: { dueBy: string | null; overdue: boolean; today?: string; soonDays?: number | undefined }) {
  const state = dueState(dueBy, overdue, today, soonDays);
  if (!dueBy || !state) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = daysUntil(dueBy, today);
  if (state === 'overdue')
    return (
      <span style={{ color: '#cf1322', fontWeight: 600 }} data-testid="due-overdue">
        <Tag color="red" style={{ marginInlineEnd: 6 }}>
          已超期
        </Tag>
        {left < 0 ? `超 ${-left} 天（${dueBy}）` : `${dueBy} 到期`}
      </span>
    );
  if (state === 'soon')
    return (
      <span style={{ color: '#d46b08', fontWeight: 600 }} data-testid="due-soon">
        <Tag color="orange" style={{ marginInlineEnd: 6 }}>
          即将到期
        </Tag>
        {left === 0 ? `今天到期` : `剩 ${left} 天（${dueBy}）`}
      </span>
    );
  return <span>{dueBy} 前</span>;
}

/** 越过规定办理: always flagged, with the reason, wherever a step that overrode a rule is shown. */
export const OverrideTag = () => (
  <Tag color="volcano" data-testid="override-flag">
    越过规定办理
  </Tag>
);

/** A case's name that opens it (in the theme's link colour, like the tables' names). */
export function CaseLink({ id, name }: { id: string; name: string }) {
  const navigate = useNavigate();
  return (
    <Typography.Link
      href={`/admin/development/${id}`}
      onClick={(e) => {
        e.preventDefault();
        void navigate(`/admin/development/${id}`);
      }}
    >
      {name}
    </Typography.Link>
  );
}
