import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { roleLabels, type Role } from '@xianfeng/contracts/account/account.permissions';
import { errorMessage } from '@/lib/http';
import { formatInstant } from '@/lib/dates';
import { auditKeys, listAuditEvents, verifyAuditChain, type AuditEvent, type AuditFilters } from '../api';

interface FilterValues {
  actor?: string;
  action?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** An ISO instant with its offset (the API takes `2026-11-22T08:00:00+08:00`). */
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DDTHH:mm:ssZ') : undefined);
const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

function roleNames(roles: string | null): string {
  if (!roles) return '—';
  return roles
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((r) => roleLabels[r as Role]?.zh ?? r)
    .join('、');
}

/** Chain status: sealed events, pending ones, and the first broken seal if any. */
function ChainCard() {
  const verify = useQuery({ queryKey: auditKeys.verify, queryFn: verifyAuditChain });
  const r = verify.data;
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          审计哈希链校验
        </Space>
      }
      extra={
        <Button icon={<ReloadOutlined />} loading={verify.isFetching} onClick={() => void verify.refetch()}>
          重新校验
        </Button>
      }
    >
      {verify.isError && <Alert type="error" showIcon message={errorMessage(verify.error)} />}
      {r && (
        <Space size={48} wrap align="start">
          <Statistic title="校验结果" value={r.ok ? '完整' : '已被篡改'} valueStyle={{ color: r.ok ? '#389e0d' : '#cf1322' }} />
          <Statistic title="已封存事件" value={r.sealed} />
          <Statistic title="待封存事件" value={r.unsealed} />
          {r.firstBroken && (
            <Alert
              type="error"
              showIcon
              message={`第一个断裂的封存：第 ${r.firstBroken.sealNo} 号（事件序号 ${r.firstBroken.seq}）`}
              description={r.firstBroken.reason}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

/** /admin/audit — 审计日志 for the 审计管理员. */
export function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const events = useQuery({ queryKey: auditKeys.events(filters, page, pageSize), queryFn: () => listAuditEvents(filters, page, pageSize), placeholderData: keepPreviousData });

  const apply = (v: FilterValues) => {
    const f: AuditFilters = {};
    const actor = trimmed(v.actor);
    const action = trimmed(v.action);
    const targetId = trimmed(v.targetId);
    const from = iso(v.range?.[0]);
    const to = iso(v.range?.[1]);
    if (actor) f.actor = actor;
    if (action) f.action = action;
    if (targetId) f.targetId = targetId;
    if (from) f.from = from;
    if (to) f.to = to;
    setFilters(f);
    setPage(1);
  };

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        审计日志
      </Typography.Title>
      <ChainCard />
      <Card>
        <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="actor" label="操作人">
            <Input allowClear placeholder="用户名" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Input allowClear placeholder="前缀，如 account." style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="targetId" label="对象 ID">
            <Input allowClear placeholder="对象 ID" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range" label="时间">
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form>
        {events.isError && <Alert type="error" showIcon message={errorMessage(events.error)} style={{ marginBottom: 12 }} />}
        <Table<AuditEvent>
          rowKey="seq"
          size="small"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          scroll={{ x: 1200 }}
          expandable={{
            expandedRowRender: (e) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(e.details, null, 2)}</pre>,
            rowExpandable: (e) => e.details !== null && e.details !== undefined,
          }}
          pagination={{
            current: page,
            pageSize,
            total: events.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80 },
            { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatInstant(v) },
            { title: '操作人', dataIndex: 'actorUsername', width: 120, render: (v: string | null) => v ?? '系统' },
            { title: '角色', dataIndex: 'actorRoles', width: 160, render: roleNames },
            { title: '操作', dataIndex: 'action', width: 210, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: '对象',
              key: 'target',
              width: 200,
              render: (_: unknown, e) =>
                e.targetId ? (
                  <Typography.Text style={{ fontSize: 12 }} copyable={{ text: e.targetId }}>
                    {e.targetType}:{e.targetId.slice(0, 8)}…
                  </Typography.Text>
                ) : (
                  (e.targetType ?? '—')
                ),
            },
            { title: '组织路径', dataIndex: 'targetOrgPath', width: 140, render: (v: string | null) => <Typography.Text style={{ fontSize: 12 }}>{v ?? '—'}</Typography.Text> },
            { title: '结果', dataIndex: 'result', width: 80, render: (v: string) => (v === 'ok' ? <Tag color="green">成功</Tag> : <Tag color="red">{v === 'denied' ? '拒绝' : v}</Tag>) },
            { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
            { title: '封存号', dataIndex: 'sealNo', width: 80, render: (v: number | null) => v ?? <Typography.Text type="secondary">待封存</Typography.Text> },
          ]}
        />
      </Card>
    </div>
  );
}
