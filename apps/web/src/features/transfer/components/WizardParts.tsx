import { Link } from 'react-router';
import { Alert, Button, Descriptions, Form, Result, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { stepRoleLabels } from '@xianfeng/contracts/transfer/transfer.enums';
import { MemberSelect } from '../../life/components/MemberSelect';
import { getMemberFile, memberKeys, type MemberFile } from '../../member/api';
import { statusText } from '../../member/labels';
import type { TransferView } from '../api';
import { paidUntilText } from '../format';

/** The chosen member's file (masked), for the wizard's summary and to leave their own branch out of the targets. */
export function useChosenMember(memberId: string | undefined) {
  return useQuery({ queryKey: memberKeys.file(memberId ?? '', null), queryFn: () => getMemberFile(memberId!), enabled: !!memberId });
}

/** Step 1: an in-register member of the caller's scope, found by name or ID number. */
export function MemberStep({ member }: { member: MemberFile | undefined }) {
  return (
    <>
      <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择要转出的党员' }]} extra="输入姓名查找管辖范围内的在册党员。">
        <MemberSelect ariaLabel="党员" />
      </Form.Item>
      {member && (
        <Descriptions size="small" bordered column={2} data-testid="chosen-member">
          <Descriptions.Item label="姓名">{member.name}</Descriptions.Item>
          <Descriptions.Item label="党员类型">{statusText(member.status)}</Descriptions.Item>
          <Descriptions.Item label="现所在党组织" span={2}>
            {member.orgName}
          </Descriptions.Item>
        </Descriptions>
      )}
      {member && member.state !== 'active' && <Alert type="warning" showIcon style={{ marginTop: 12 }} title="该党员不在册，不能办理组织关系转接" />}
    </>
  );
}

/** After creation: where it goes next, and 党费交至 (the receiving side collects from the next month). */
export function WizardDone({ transfer, onAnother }: { transfer: TransferView; onAnother: () => void }) {
  const first = transfer.steps[0];
  return (
    <Result
      status="success"
      title="已发起组织关系转接"
      subTitle={first ? `下一步：${first.orgName}（${stepRoleLabels[first.role]}）` : undefined}
      extra={
        <Space>
          <Link to={`/admin/transfers/${transfer.id}`}>
            <Button type="primary" data-testid="open-created">
              查看转接详情
            </Button>
          </Link>
          <Link to="/admin/transfers">
            <Button>返回工作台</Button>
          </Link>
          <Button onClick={onAnother}>再发起一个</Button>
        </Space>
      }
    >
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 110, whiteSpace: 'nowrap' } }} data-testid="created-summary">
        <Descriptions.Item label="党员">{transfer.memberName}</Descriptions.Item>
        <Descriptions.Item label="转出">{transfer.fromOrgName}</Descriptions.Item>
        <Descriptions.Item label="转入">
          {transfer.toOrgName}
          {transfer.externalOrg && <Tag style={{ marginInlineStart: 8 }}>系统外</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="党费交至">
          <strong data-testid="created-paid-until">{paidUntilText(transfer.paidUntil)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label="审批环节">{transfer.steps.map((s) => `${s.orgName}（${stepRoleLabels[s.role]}）`).join(' → ')}</Descriptions.Item>
      </Descriptions>
    </Result>
  );
}
