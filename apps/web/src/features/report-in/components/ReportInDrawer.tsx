import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, List, Popconfirm, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { raterLabels, raters, type Rater } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { confirmReportIn, declineReportIn, endReportIn, getReportIn, releaseClaim, reportInKeys, type ReportInView } from '../api';
import { EvaluationForm } from './EvaluationForm';
import { ReasonModal } from './ReasonModal';
import { GradeTag, hours, openPdf, PostKindTag, ReportInStatusTag, ServiceStatusTag } from './tags';

const thisYear = () => new Date().getFullYear();

/** One registration as the caller may see it: facts, the acts the server allows, claims, service and 五评议. */
export function ReportInDrawer({ id, onClose, year: forYear }: { id: string | null; onClose: () => void; year?: number }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: reportInKeys.one(id ?? ''), queryFn: () => getReportIn(id!), enabled: !!id });
  const [asking, setAsking] = useState<'decline' | 'end' | null>(null);
  const [busy, setBusy] = useState(false);
  const year = forYear ?? thisYear();

  const refresh = async (v?: ReportInView) => {
    if (v) queryClient.setQueryData(reportInKeys.one(v.id), v);
    await queryClient.invalidateQueries({ queryKey: reportInKeys.all });
  };
  const act = async (fn: () => Promise<ReportInView>, done: string) => {
    setBusy(true);
    try {
      await refresh(await fn());
      void message.success(done);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const r = q.data;
  const can = (a: ReportInView['actions'][number]) => !!r?.actions.includes(a);
  const years = r ? [...new Set([year, ...r.evaluations.map((e) => e.year)])].sort((a, b) => b - a) : [];
  return (
    <Drawer open={!!id} onClose={onClose} size={720} title={r ? `${r.name} · 在职党员报到` : '在职党员报到'} destroyOnHidden data-testid="report-in-drawer">
      {q.isPending && <Spin />}
      {q.isError && <Alert type="error" showIcon title="无法加载" description={errorMessage(q.error)} />}
      {r && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            {can('confirm') && (
              <Popconfirm title={`确认 ${r.name} 已到本社区报到？确认后开具回执，该同志成为本社区的挂靠党员。`} okText="确认报到" cancelText="取消" onConfirm={() => void act(() => confirmReportIn(r.id), '已确认报到')}>
                <Button type="primary" loading={busy} data-testid="report-in-confirm">
                  确认报到
                </Button>
              </Popconfirm>
            )}
            {can('decline') && <Button onClick={() => setAsking('decline')}>退回</Button>}
            {can('print_certificate') && <Button onClick={() => openPdf(r.certificatePdfUrl)}>报到证 PDF</Button>}
            {can('print_receipt') && r.receiptPdfUrl && <Button onClick={() => openPdf(r.receiptPdfUrl!)}>回执 PDF</Button>}
            {can('end') && (
              <Button danger onClick={() => setAsking('end')}>
                {r.status === 'registered' ? '撤回登记' : '结束报到'}
              </Button>
            )}
          </Space>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="姓名">{r.name}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <ReportInStatusTag status={r.status} />
            </Descriptions.Item>
            <Descriptions.Item label="身份证号">{r.idNumber}</Descriptions.Item>
            <Descriptions.Item label="电话">{r.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{r.unitName}</Descriptions.Item>
            <Descriptions.Item label="报到社区">{r.communityName}</Descriptions.Item>
            <Descriptions.Item label="报到证编号">{r.certificateNo}</Descriptions.Item>
            <Descriptions.Item label="回执编号">{r.receiptNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="登记日期">{r.registeredOn}</Descriptions.Item>
            <Descriptions.Item label="确认日期">{r.confirmedOn ?? '—'}</Descriptions.Item>
            {r.declineReason && (
              <Descriptions.Item label="退回原因" span={2}>
                {r.declineReason}
              </Descriptions.Item>
            )}
            {r.endedOn && <Descriptions.Item label="结束日期">{r.endedOn}</Descriptions.Item>}
            <Descriptions.Item label="平台档案">{r.onPlatform ? '有（按身份证号对应）' : '无（组织关系在平台外）'}</Descriptions.Item>
            <Descriptions.Item label="已认定服务">{hours(r.approvedMinutes)}</Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'claims',
                label: `认领（${r.claims.filter((c) => !c.releasedAt).length}）`,
                children: r.claims.length ? (
                  <List
                    dataSource={r.claims}
                    renderItem={(c) => (
                      <List.Item
                        actions={
                          !c.releasedAt && (can('claim') || can('end'))
                            ? [
                                <Popconfirm key="release" title="退出这个项目？" okText="退出" cancelText="取消" onConfirm={() => void act(() => releaseClaim(c.id), '已退出')}>
                                  <Button type="link" size="small">
                                    退出
                                  </Button>
                                </Popconfirm>,
                              ]
                            : []
                        }
                      >
                        <Space>
                          <PostKindTag kind={c.postKind} />
                          {c.postTitle}
                          <Typography.Text type="secondary">{c.releasedAt ? `已于 ${c.releasedAt.slice(0, 10)} 退出` : `${c.claimedAt.slice(0, 10)} 认领`}</Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty description="尚未认领岗位、结对或服务队" />
                ),
              },
              {
                key: 'services',
                label: `服务记录（${r.services.length}）`,
                children: (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={r.services}
                    locale={{ emptyText: '暂无服务记录' }}
                    columns={[
                      { title: '日期', dataIndex: 'servedOn', width: 110 },
                      { title: '时长', dataIndex: 'minutes', width: 90, render: (m: number) => hours(m) },
                      { title: '内容', dataIndex: 'content' },
                      { title: '审核', dataIndex: 'status', width: 90, render: (_: unknown, s) => <ServiceStatusTag status={s.status} /> },
                    ]}
                  />
                ),
              },
              {
                key: 'evaluations',
                label: '五评议',
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }} size={16}>
                    <Table
                      size="small"
                      rowKey="year"
                      pagination={false}
                      dataSource={years.map((y) => ({ year: y }))}
                      columns={[
                        { title: '年度', dataIndex: 'year', width: 70 },
                        ...raters.map((rater: Rater) => ({
                          title: raterLabels[rater].replace('评议', '').replace('自评', '自评'),
                          key: rater,
                          render: (_: unknown, row: { year: number }) => {
                            const e = r.evaluations.find((x) => x.year === row.year && x.rater === rater);
                            return e ? <GradeTag grade={e.grade} /> : <Typography.Text type="secondary">—</Typography.Text>;
                          },
                        })),
                      ]}
                    />
                    <EvaluationForm r={r} year={year} onSaved={(v) => void refresh(v)} />
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      )}
      <ReasonModal
        open={asking === 'decline'}
        title="退回报到"
        label="退回原因"
        okText="退回"
        presets={['经核实不在本社区居住', '居住地属于其他社区', '信息有误，请核实后重新登记']}
        onCancel={() => setAsking(null)}
        onSubmit={async (reason) => {
          await refresh(await declineReportIn(r!.id, reason));
          setAsking(null);
        }}
      />
      <ReasonModal
        open={asking === 'end'}
        title={r?.status === 'registered' ? '撤回登记' : '结束报到'}
        label="原因"
        okText="确定"
        presets={['居住地变更', '工作调动', '退休', '登记有误']}
        onCancel={() => setAsking(null)}
        onSubmit={async (reason) => {
          await refresh(await endReportIn(r!.id, reason));
          setAsking(null);
        }}
      />
    </Drawer>
  );
}
