import { useEffect, useState } from 'react';
import { XlsxDropzone } from '@/lib/XlsxDropzone';
import { Link } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Radio, Space, Steps, Table, TreeSelect, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgTreeNode } from '@xianfeng/contracts/org/org.schemas';
import { errorMessage } from '@/lib/http';
import { getOrgTree, orgKeys } from '../../org/api';
import { importMembers, importTemplateUrl, memberKeys, type ImportMode, type MemberImportError, type MemberImportResult } from '../api';

interface TreeOption {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: TreeOption[];
}

const toOption = (n: OrgTreeNode): TreeOption => ({
  value: n.id,
  title: n.name,
  isLeaf: n.children.length === 0 && !n.hasChildren,
  ...(n.children.length ? { children: n.children.filter((c) => c.kind !== 'group').map(toOption) } : {}),
});

/**
 * /admin/members/import — 党员信息导入: pick the organisation, download its template, upload the sheet,
 * read each refused row (row, column, reason) and fix it in Excel, upload again.
 */
export function MemberImportPage() {
  const queryClient = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.tree(null), queryFn: () => getOrgTree({ depth: 1 }) });
  const [options, setOptions] = useState<TreeOption[]>([]);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MemberImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!roots.data) return;
    setOptions(roots.data.map(toOption));
    setOrgId((cur) => cur ?? roots.data[0]?.id ?? null);
  }, [roots.data]);

  const loadChildren = async (id: string) => {
    const [node] = await getOrgTree({ rootId: id, depth: 1 });
    const kids = (node?.children ?? []).filter((c) => c.kind !== 'group').map(toOption);
    const attach = (list: TreeOption[]): TreeOption[] => list.map((o) => (o.value === id ? { ...o, children: kids, isLeaf: kids.length === 0 } : o.children ? { ...o, children: attach(o.children) } : o));
    setOptions((prev) => attach(prev));
  };

  const run = async () => {
    if (!file || !orgId) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const r = await importMembers(file, orgId, mode);
      setResult(r);
      if (r.imported > 0) await queryClient.invalidateQueries({ queryKey: memberKeys.all });
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Breadcrumb items={[{ title: <Link to="/admin/members">党员管理</Link> }, { title: '导入党员信息' }]} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        导入党员信息
      </Typography.Title>
      <Card>
        <Steps
          orientation="vertical"
          size="small"
          current={result ? 3 : file ? 2 : 1}
          items={[
            {
              title: '选择导入到哪个党组织',
              content: (
                <Space orientation="vertical" style={{ width: '100%', maxWidth: 520 }}>
                  <TreeSelect
                    aria-label="导入到的党组织"
                    data-testid="import-org"
                    style={{ width: '100%' }}
                    value={orgId ?? undefined}
                    treeData={options}
                    loadData={(node) => loadChildren(String(node.value))}
                    onChange={(v: string) => {
                      setOrgId(v);
                      setResult(null);
                    }}
                    loading={roots.isFetching}
                    placeholder="选择党组织"
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    表中的“所在党组织”须在所选组织之下；导入到某个党支部时可以不填该列。
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: '下载模板并填写',
              content: (
                <Space wrap>
                  <Button icon={<DownloadOutlined />} href={orgId ? importTemplateUrl(orgId) : undefined} disabled={!orgId} data-testid="import-template">
                    下载导入模板
                  </Button>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    模板含填写说明、可选值和所选组织下的党支部及编码；身份证号码列已设为文本格式。
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: '上传并导入',
              content: (
                <Space orientation="vertical" style={{ width: '100%', maxWidth: 620 }}>
                  <XlsxDropzone
                    file={file}
                    onPick={(f) => {
                      setFile(f);
                      setResult(null);
                      setFailure(null);
                    }}
                    onClear={() => setFile(null)}
                    testId="import-file"
                  />
                  <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} data-testid="import-mode">
                    <Radio value="all">有错误时全部不导入（推荐：改好后整表重新导入）</Radio>
                    <Radio value="valid_only">只导入正确的行</Radio>
                  </Radio.Group>
                  <Button type="primary" onClick={() => void run()} loading={busy} disabled={!file || !orgId} data-testid="import-run">
                    开始导入
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {failure && <Alert type="error" showIcon title="文件无法导入" description={failure} data-testid="import-failure" />}
      {result && <ImportReport result={result} mode={mode} />}
    </div>
  );
}

function ImportReport({ result, mode }: { result: MemberImportResult; mode: ImportMode }) {
  const ok = result.errors.length === 0 && result.failed === 0;
  const shown = new Set(result.errors.map((e) => e.row)).size;
  return (
    <Card title="导入结果" data-testid="import-result">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {ok ? (
          <Alert type="success" showIcon title={`已导入 ${result.imported} 名党员`} />
        ) : (
          <Alert
            type={result.imported > 0 ? 'warning' : 'error'}
            showIcon
            title={result.imported > 0 ? `已导入 ${result.imported} 名党员，${result.failed} 行未导入` : mode === 'all' && result.failed > 0 ? `有 ${result.failed} 行有错误，全部未导入` : '未导入：请按下列提示修改后重新导入'}
            description={`请在 Excel 中按“行号”和“列”找到单元格修改后重新上传${shown < result.failed ? `；仅列出前 ${result.errors.length} 条错误` : ''}。`}
          />
        )}
        {result.errors.length > 0 && (
          <Table<MemberImportError>
            data-testid="import-errors"
            size="small"
            rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.code}-${e.message}`}
            dataSource={result.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              { title: '列', dataIndex: 'column', width: 60, render: (c: string | null) => c ?? '—' },
              { title: '错误说明', dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
