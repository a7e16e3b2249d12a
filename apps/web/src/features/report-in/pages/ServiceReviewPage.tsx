import { useState } from 'react';
import { Alert, App, Button, Segmented, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServiceStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { decideService, listServices, reportInKeys, type ServiceView } from '../api';
import { CommunitySelect } from '../components/CommunitySelect';
import { ReasonModal } from '../components/ReasonModal';
import { hours, ServiceStatusTag } from '../components/tags';
import { useCommunityParam } from '../use-community';

/**
 * /admin/report-in/services — 服务记录审核: what members wrote down (date, time, content; no photos), oldest first.
 * The community, which saw the work, accepts it — only accepted service counts — or says why not.
 */
export function ServiceReviewPage() {
  const [community, setCommunity] = useCommunityParam();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ServiceStatus>('pending');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [refusing, setRefusing] = useState<ServiceView | null>(null);
  const query = { communityOrgId: community ?? undefined, status, ...paging };
  const list = useQuery({ queryKey: reportInKeys.services(query), queryFn: () => listServices(query), enabled: !!community, placeholderData: keepPreviousData });

  const approve = async (s: ServiceView) => {
    try {
      await decideService(s.id, true);
      await queryClient.invalidateQueries({ queryKey: reportInKeys.all });
      void message.success(`已认定 ${s.name} 的服务`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          服务记录审核
        </Typography.Title>
        <CommunitySelect mine autoPick value={community} onChange={setCommunity} />
        <Segmented
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'approved', label: '已认定' },
            { value: 'rejected', label: '未认定' },
          ]}
          value={status}
          onChange={(v) => (setStatus(v as ServiceStatus), setPaging((p) => ({ ...p, page: 1 })))}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      <Table<ServiceView>
        data-testid="service-table"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: status === 'pending' ? '没有待审核的服务记录' : '暂无记录' }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '工作单位', dataIndex: 'unitName', width: 180, ellipsis: true },
          { title: '服务日期', dataIndex: 'servedOn', width: 110 },
          { title: '时长', dataIndex: 'minutes', width: 90, render: (m: number) => hours(m) },
          { title: '项目', dataIndex: 'postTitle', width: 160, ellipsis: true, render: (t: string | null) => t ?? '—' },
          { title: '服务内容', dataIndex: 'content' },
          {
            title: status === 'pending' ? '审核' : '结果',
            key: 'act',
            width: 160,
            render: (_: unknown, s) =>
              s.status === 'pending' ? (
                <Space size={4}>
                  <Button type="link" size="small" onClick={() => void approve(s)} data-testid="service-approve">
                    认定
                  </Button>
                  <Button type="link" size="small" danger onClick={() => setRefusing(s)}>
                    不认定
                  </Button>
                </Space>
              ) : (
                <Space orientation="vertical" size={0}>
                  <ServiceStatusTag status={s.status} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.decidedByName}
                    {s.decisionNote ? `：${s.decisionNote}` : ''}
                  </Typography.Text>
                </Space>
              ),
          },
        ]}
      />
      <ReasonModal
        open={!!refusing}
        title="不认定这条服务记录"
        label="意见"
        okText="不认定"
        presets={['经核实当日未开展该项服务', '时长与实际不符，请据实登记', '不属于本社区服务项目']}
        onCancel={() => setRefusing(null)}
        onSubmit={async (note) => {
          await decideService(refusing!.id, false, note);
          await queryClient.invalidateQueries({ queryKey: reportInKeys.all });
          setRefusing(null);
        }}
      />
    </div>
  );
}
