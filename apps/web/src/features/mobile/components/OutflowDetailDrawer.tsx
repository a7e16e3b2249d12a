import { Alert, Descriptions, Drawer, Empty, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { reportKindLabels } from '@xianfeng/contracts/mobile/mobile.enums';
import { errorMessage } from '@/lib/http';
import { getOutflow, mobileKeys } from '../api';
import { AlertTags, OutflowStatusTag } from './tags';

const or = (s: string | null | undefined) => s || '—';

/** One registration with its contacts and reports, newest first. */
export function OutflowDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useQuery({ queryKey: mobileKeys.outflow(id ?? ''), queryFn: () => getOutflow(id!), enabled: !!id, retry: false });
  const o = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} size={560} title={o ? `流出党员：${o.memberName}` : '流出党员'} data-testid="outflow-drawer">
      {q.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(q.error)} />}
      {o && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <OutflowStatusTag status={o.status} /> <AlertTags o={o} />
            </Descriptions.Item>
            <Descriptions.Item label="所在支部">{o.orgName}</Descriptions.Item>
            <Descriptions.Item label="外出地点">{o.destination}</Descriptions.Item>
            <Descriptions.Item label="流入党组织">{or(o.inflowOrgName)}</Descriptions.Item>
            <Descriptions.Item label="外出原因">{o.reason}</Descriptions.Item>
            <Descriptions.Item label="联系方式">{[o.contactPhone, o.contactNote].filter(Boolean).join('；') || '—'}</Descriptions.Item>
            <Descriptions.Item label="外出日期">
              {o.leftOn}（{o.monthsAway} 个月{o.fixedPlace ? '，相对固定地点' : ''}）
            </Descriptions.Item>
            <Descriptions.Item label="预计返回">{or(o.expectedReturnOn)}</Descriptions.Item>
            {o.transferDueOn && <Descriptions.Item label="应转接组织关系">{o.transferDueOn} 起（第二十五条）</Descriptions.Item>}
            <Descriptions.Item label="最近联系">{or(o.lastContactOn)}</Descriptions.Item>
            <Descriptions.Item label="最近汇报">
              {or(o.lastReportOn)}
              {o.reportDueOn && <Typography.Text type="secondary">（下次汇报应不晚于 {o.reportDueOn}）</Typography.Text>}
            </Descriptions.Item>
            {o.lostContactSince && <Descriptions.Item label="失去联系自">{o.lostContactSince}</Descriptions.Item>}
            {o.endedOn && <Descriptions.Item label="结束日期">{o.endedOn}</Descriptions.Item>}
            <Descriptions.Item label="活动证编号">{or(o.certificateNo)}</Descriptions.Item>
            <Descriptions.Item label="登记人">{or(o.createdBy)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            联系与汇报记录
          </Typography.Title>
          {o.reports.length === 0 ? (
            <Empty description="尚无记录" />
          ) : (
            <Timeline
              items={o.reports.map((r) => ({
                key: r.id,
                color: r.kind === 'contact' ? 'blue' : 'green',
                content: (
                  <div>
                    <Typography.Text strong>
                      {r.reportedOn} {reportKindLabels[r.kind]}
                    </Typography.Text>
                    <div>{r.content}</div>
                    <Typography.Text type="secondary">登记人：{or(r.recordedBy)}</Typography.Text>
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
