import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { XlsxDropzone } from '@/lib/XlsxDropzone';
import { errorMessage } from '@/lib/http';
import { downloadFile } from '../../life/api';
import { importReportIns, templateUrl, type ReportInImportResult } from '../api';

type RowError = ReportInImportResult['errors'][number];

/** 批量导入: the template (with the 社区目录 to copy codes from), the upload, then refused rows by row and column. */
export function ImportModal({ open, unitId, onClose }: { open: boolean; unitId: string | null; onClose: (imported: number) => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReportInImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    onClose(result?.imported ?? 0);
    setFile(null);
    setResult(null);
    setFailure(null);
  };
  const run = async () => {
    if (!file || !unitId) return;
    setBusy(true);
    setFailure(null);
    try {
      setResult(await importReportIns(file, unitId));
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="批量导入报到党员" width={720} onCancel={close} footer={<Button onClick={close}>{result ? '完成' : '取消'}</Button>} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(templateUrl, '在职党员报到导入模板.xlsx').catch((err: unknown) => void message.error(errorMessage(err)))}>
          下载导入模板（含社区目录）
        </Button>
        <Typography.Text type="secondary">填写姓名、身份证号码、手机号码和居住地社区（社区编码或名称）。每行单独校验：正确的行直接登记，错误的行列出原因，改好后只需重新上传错误的行。</Typography.Text>
        <XlsxDropzone file={file} onPick={(f) => (setFile(f), setResult(null))} onClear={() => setFile(null)} testId="report-in-file" />
        <Button type="primary" loading={busy} disabled={!file} onClick={() => void run()} data-testid="report-in-import-run">
          开始导入
        </Button>
        {failure && <Alert type="error" showIcon title="文件无法导入" description={failure} />}
        {result && (
          <>
            <Alert
              type={result.errors.length === 0 ? 'success' : result.imported > 0 ? 'warning' : 'error'}
              showIcon
              title={result.errors.length === 0 ? `已登记 ${result.imported} 名党员` : `已登记 ${result.imported} 名；以下 ${result.errors.length} 处有错误`}
            />
            {result.errors.length > 0 && (
              <Table<RowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 60 },
                  { title: '错误说明', dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
