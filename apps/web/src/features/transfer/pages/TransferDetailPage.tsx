import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Card, Result, Spin, Typography } from 'antd';
import { ApiError, errorMessage } from '@/lib/http';
import { useTransfer, type TransferView } from '../api';
import { LetterCard, TransferFacts } from '../components/TransferFacts';
import { StepTimeline } from '../components/StepTimeline';
import { TransferActions } from '../components/TransferActions';
import { TransferStatusTag } from '../components/tags';

/** A line under the title that says where things stand in words. */
function standing(t: TransferView): string | null {
  const step = t.steps.find((s) => s.status === 'pending');
  switch (t.status) {
    case 'pending':
      return step ? `等待 ${step.orgName} 办理` : null;
    case 'returned':
      return '已退回，等待发起方修改后重新提交';
    case 'rejected':
      return '转接未获同意，党员仍在原党组织';
    case 'cancelled':
      return '转接已撤销，党员仍在原党组织';
    case 'awaiting_receipt':
      return '介绍信已开具，等待接收党组织的回执';
    case 'completed':
      return t.externalOrg ? '回执已登记，转接办结' : `已编入${t.toOrgName ?? ''}，转接办结`;
  }
}

/** /admin/transfers/:id — one transfer: the facts, the steps and who acted, the letter, and what the caller may do. */
export function TransferDetailPage() {
  const { id = '' } = useParams();
  const q = useTransfer(id);

  if (q.isPending) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  if (q.isError) {
    const notFound = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '转接不存在或不在您的办理范围内' : '无法加载转接'}
        subTitle={notFound ? '接收方在轮到本环节之前看不到这条转接。' : errorMessage(q.error)}
        extra={<Link to="/admin/transfers">返回转接工作台</Link>}
      />
    );
  }
  const t = q.data;
  const line = standing(t);
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 1100 }}>
      <Breadcrumb items={[{ key: 'list', title: <Link to="/admin/transfers">组织关系转接</Link> }, { key: 'me', title: t.memberName }]} />
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="transfer-title">
          {t.memberName} 的组织关系转接
        </Typography.Title>
        <TransferStatusTag status={t.status} />
        <span style={{ marginLeft: 'auto' }} />
        <TransferActions transfer={t} />
      </div>
      {line && <Typography.Text type="secondary">{line}</Typography.Text>}
      {t.letter?.receiptOverdue && <Alert type="warning" showIcon title="介绍信的回执已超过期限未收到，请联系接收党组织或党员本人。" />}
      <TransferFacts t={t} />
      <LetterCard t={t} />
      <Card size="small" title={t.round > 1 ? `审批环节（第 ${t.round} 轮）` : '审批环节'}>
        <StepTimeline transfer={t} />
      </Card>
    </div>
  );
}
