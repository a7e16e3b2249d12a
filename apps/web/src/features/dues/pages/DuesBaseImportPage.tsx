import { useState } from 'react';
import { XlsxDropzone } from '@/lib/XlsxDropzone';
import { Alert, App, Button, Card, Space, Steps, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { downloadFile } from '../../life/api';
import { baseTemplateUrl, duesKeys, importBases, type BaseImportResult } from '../api';
import { DuesOrgPicker } from '../components/DuesOrgPicker';
import { useDuesParams } from '../use-dues-params';

type RowError = BaseImportResult['errors'][number];

/**
 * /admin/dues/bases — 计算基数批量导入: at the start of the year the branch collects each member's base
 * (2017 rule: fixed for the year) in the template and uploads it; refused rows are listed by row and column.
 */
export function DuesBaseImportPage() {
  const { orgId, set } = useDuesParams();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BaseImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const downloadTemplate = async () => {
    try {
      await downloadFile(baseTemplateUrl, '党费计算基数导入模板.xlsx');
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const run = async () => {
    if (!file || !orgId) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const r = await importBases(file, orgId);
      setResult(r);
      if (r.imported > 0) await queryClient.invalidateQueries({ queryKey: duesKeys.all });
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          计算基数导入
        </Typography.Title>
        <DuesOrgPicker value={orgId} onChange={(id) => (set({ org: id }), setResult(null))} />
      </Space>
      <Card>
        <Steps
          orientation="vertical"
          size="small"
          current={result ? 3 : file ? 2 : 1}
          items={[
            { title: '选择党组织', content: <Typography.Text type="secondary">表中的党员须在所选组织之下。</Typography.Text> },
            {
              title: '下载模板并填写',
              content: (
                <Space orientation="vertical">
                  <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="base-template">
                    下载计算基数模板
                  </Button>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    计算基数为工资总额中相对固定的、经常性的工资收入（税后），不含个人所得税、“五险一金”、职业年金和各类不固定的补贴；离退休党员按实际领取的离退休费总额；学生、农民、下岗失业、依靠抚恤或救济生活、领取低保的党员为定额，不填基数。
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
                    testId="base-file"
                  />
                  <Button type="primary" onClick={() => void run()} loading={busy} disabled={!file || !orgId} data-testid="base-import-run">
                    开始导入
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {failure && <Alert type="error" showIcon title="文件无法导入" description={failure} />}
      {result && (
        <Card title="导入结果" data-testid="base-import-result">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert
              type={result.errors.length === 0 ? 'success' : result.imported > 0 ? 'warning' : 'error'}
              showIcon
              title={result.errors.length === 0 ? `已导入 ${result.imported} 名党员的计算基数` : `已导入 ${result.imported} 名；以下 ${result.errors.length} 处有错误`}
              description={result.errors.length ? '请在 Excel 中按“行号”和“列”找到单元格修改后重新上传。' : undefined}
            />
            {result.errors.length > 0 && (
              <Table<RowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '列', dataIndex: 'column', width: 120 },
                  { title: '错误说明', dataIndex: 'message' },
                ]}
              />
            )}
          </Space>
        </Card>
      )}
    </div>
  );
}
