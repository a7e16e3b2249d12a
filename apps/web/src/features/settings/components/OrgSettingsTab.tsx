import { useState } from 'react';
import { Alert, App, Button, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { listOrgSettings, setOrgSetting, settingsKeys, type EffectiveSetting } from '../api';

interface Props {
  orgId: string;
  /** settings.write: may change business keys. */
  canWrite: boolean;
  /** security.settings.write: may change security policy keys (安全管理员). */
  canWriteSecurity: boolean;
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Every settings key as it applies here: value, default, where it comes from; edit and 恢复继承. */
export function OrgSettingsTab({ orgId, canWrite, canWriteSecurity }: Props) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: settingsKeys.org(orgId), queryFn: () => listOrgSettings(orgId) });
  const [editing, setEditing] = useState<{ key: string; value: number | null } | null>(null);

  const save = useMutation({
    mutationFn: (v: { key: string; value: unknown }) => setOrgSetting(orgId, v.key, v.value),
    onSuccess: async (rows, v) => {
      queryClient.setQueryData(settingsKeys.org(orgId), rows);
      // Settings change warnings (thresholds, terms) anywhere below.
      await queryClient.invalidateQueries({ queryKey: ['org'] });
      await queryClient.invalidateQueries({ queryKey: ['settings'] });
      setEditing(null);
      void message.success(v.value === null ? '已恢复继承' : '设置已保存');
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  if (q.isError) return <Alert type="error" showIcon title="无法加载设置" description={errorMessage(q.error)} />;
  const mayEdit = (s: EffectiveSetting) => (s.security ? canWriteSecurity : canWrite);

  return (
    <>
      <Typography.Paragraph type="secondary">
        设置沿组织树向下继承：本组织未设置时，采用最近的上级组织的设置；都未设置时采用法规规定的默认值。
      </Typography.Paragraph>
      <Table<EffectiveSetting>
        rowKey="key"
        size="middle"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={false}
        columns={[
          {
            title: '设置项',
            dataIndex: 'zh',
            render: (zh: string, s) => (
              <>
                <div>
                  {zh} {s.security && <Tag color="purple">安全策略</Tag>}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.article ? `依据：${s.article}` : s.key}
                </Typography.Text>
              </>
            ),
          },
          {
            title: '当前值',
            dataIndex: 'value',
            width: 200,
            render: (v: unknown, s) =>
              editing?.key === s.key ? (
                <InputNumber
                  aria-label={`${s.zh} 的新值`}
                  autoFocus
                  value={editing.value}
                  onChange={(n) => setEditing({ key: s.key, value: typeof n === 'number' ? n : null })}
                  onPressEnter={() => editing.value !== null && save.mutate({ key: s.key, value: editing.value })}
                  style={{ width: 120 }}
                />
              ) : (
                <Typography.Text strong>{show(v)}</Typography.Text>
              ),
          },
          { title: '默认值', dataIndex: 'defaultValue', width: 90, render: show },
          {
            title: '来源',
            width: 220,
            render: (_: unknown, s) =>
              s.setHere ? <Tag color="blue">本组织设置</Tag> : s.sourceOrgName ? `继承自 ${s.sourceOrgName}` : <Tag>默认值（法规）</Tag>,
          },
          {
            title: '操作',
            width: 190,
            render: (_: unknown, s) => {
              if (!mayEdit(s)) return <Typography.Text type="secondary">只读</Typography.Text>;
              if (editing?.key === s.key)
                return (
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      loading={save.isPending}
                      disabled={editing.value === null}
                      onClick={() => save.mutate({ key: s.key, value: editing.value })}
                    >
                      保存
                    </Button>
                    <Button size="small" onClick={() => setEditing(null)}>
                      取消
                    </Button>
                  </Space>
                );
              return (
                <Space>
                  <Button size="small" onClick={() => setEditing({ key: s.key, value: typeof s.value === 'number' ? s.value : null })}>
                    修改
                  </Button>
                  {s.setHere && (
                    <Popconfirm title="恢复继承上级或默认值？" okText="恢复" cancelText="取消" onConfirm={() => save.mutate({ key: s.key, value: null })}>
                      <Button size="small">恢复继承</Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </>
  );
}
