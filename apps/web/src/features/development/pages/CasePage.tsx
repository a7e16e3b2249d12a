import { Link, useParams } from 'react-router';
import { Breadcrumb, Card, Result, Spin, Tag, Typography } from 'antd';
import { ApiError, errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { useCase } from '../api';
import { stageLabel } from '../format';
import { CaseFacts } from '../components/CaseFacts';
import { CaseTimeline } from '../components/CaseTimeline';
import { NextStepPanel } from '../components/NextStepPanel';
import { CaseStatusTag } from '../components/tags';

/**
 * /admin/development/:id — one applicant's case (一人一档): who, where the case stands among the 5 stages and
 * 25 steps, every step recorded so far, and the next step's form with what the rules require.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const q = useCase(id);
  const canWrite = hasPermission(useMe().data, 'development.write');

  if (q.isPending) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '发展党员档案不存在或不在您的管理范围内' : '无法加载发展党员档案'}
        subTitle={notFound ? undefined : errorMessage(q.error)}
        extra={<Link to="/admin/development">返回发展党员</Link>}
      />
    );
  }
  const kase = q.data;
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 1200 }}>
      <Breadcrumb items={[{ key: 'board', title: <Link to="/admin/development">发展党员</Link> }, { key: 'me', title: kase.name }]} />
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-title">
          {kase.name} 的发展党员档案
        </Typography.Title>
        <CaseStatusTag status={kase.status} />
        <Tag color="red" data-testid="case-stage">
          第{'一二三四五'[kase.stage - 1]}阶段：{stageLabel(kase.stage)}
        </Tag>
        {kase.memberId && <Link to={`/admin/members/${kase.memberId}`}>党员档案</Link>}
      </div>
      <CaseFacts kase={kase} canWrite={canWrite} />
      <NextStepPanel kase={kase} />
      <Card size="small" title="办理记录（五个阶段、二十五个环节）">
        {/* Remounted when the case moves on, so the stage now under way opens. */}
        <CaseTimeline key={kase.stage} kase={kase} />
      </Card>
    </div>
  );
}
